import { apiRoutes } from '@shop/shared';
import type { Request } from 'express';
import type { SerializedJson } from '../../http/answer-cache';
import type { CatalogCache } from './catalog-cache';

/** The cache keys of the public catalog's answers other than listings (those are catalog-cache.ts's listingKey). */
export const catalogKeys = {
  categories: 'categories',
  brands: 'brands',
  product: (idOrSlug: string) => `product:${idOrSlug}`,
};

const API = '/api/v1';
const { listProducts, getProduct } = apiRoutes;

/**
 * The fast path's lookup for the public catalog (http/fast-answers.ts): for a GET of one of its four public routes,
 * the answer the cache keeps for it now, parsed by the route's own schemas and keyed as its handler keys it (so
 * the two can never disagree); undefined (not this route, input the route would refuse, nothing kept) sends the
 * request down the ordinary path, which answers it and keeps the answer for the next one.
 */
export function catalogFastLookup(cache: CatalogCache) {
  return (req: Request): Promise<SerializedJson | undefined> | undefined => {
    const path = req.path;
    if (!path.startsWith(API)) return undefined;
    const route = path.slice(API.length);
    if (route === '/categories') return cache.kept(catalogKeys.categories);
    if (route === '/brands') return cache.kept(catalogKeys.brands);
    if (route === '/products') {
      const at = req.url.indexOf('?');
      return cache.keptListingOf(at === -1 ? '' : req.url.slice(at + 1), () => {
        const query = listProducts.query.safeParse(req.query);
        return query.success ? query.data : undefined;
      });
    }
    if (route.startsWith('/products/') && route.indexOf('/', '/products/'.length) === -1) {
      const idOrSlug = decoded(route.slice('/products/'.length));
      const params = idOrSlug === undefined ? null : getProduct.params.safeParse({ idOrSlug });
      return params?.success ? cache.kept(catalogKeys.product(params.data.idOrSlug)) : undefined;
    }
    return undefined;
  };
}

/** A path segment decoded as Express decodes route parameters; undefined when it is not valid percent-encoding. */
function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
