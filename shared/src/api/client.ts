import {
  createClientFromManifest,
  routeManifest,
  type ClientOptions,
  type RouteManifest,
  type ShopClient,
} from './client-core';
import { apiRoutes } from './routes';

export * from './client-core';

/** The typed API client built from the route table itself (server-side code and tests). */
export function createShopClient(options: ClientOptions = {}): ShopClient {
  return createClientFromManifest(routeManifest(apiRoutes) as RouteManifest, options);
}
