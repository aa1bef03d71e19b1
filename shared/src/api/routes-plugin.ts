import { routeManifest } from './client-core';
import { apiRoutes } from './routes';

const id = 'virtual:shop-routes';

/**
 * A Vite plugin serving `virtual:shop-routes`: the route table reduced to method, path and upload/document flags at
 * build time, so the typed client works in a browser bundle (the web shop, the desktop's screens) without the zod
 * schemas of every route. Plain object: shared does not depend on Vite.
 */
export function shopRoutesPlugin() {
  return {
    name: 'shop-routes',
    resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
    load: (resolved: string) =>
      resolved === `\0${id}` ? `export default ${JSON.stringify(routeManifest(apiRoutes))};` : undefined,
  };
}
