/** Made by the `shop-routes` plugin in vite.config.ts from the shared route table. */
declare module 'virtual:shop-routes' {
  import type { RouteManifest } from '@shop/shared/client-core';

  const routes: RouteManifest;
  export default routes;
}
