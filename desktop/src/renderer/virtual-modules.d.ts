/** Made by shared/src/api/routes-plugin.ts (vite.renderer.config.ts, electron.vite.config.ts) from the shared route table. */
declare module 'virtual:shop-routes' {
  import type { RouteManifest } from '@shop/shared/client-core';

  const routes: RouteManifest;
  export default routes;
}
