import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { listProducts } from './product-search';
import { findBrands, findCategories } from './repo';
import { createProduct, getPublicProduct, updateProduct } from './service';

export function catalogHandlers(
  db: Db,
): Handlers<
  'listCategories' | 'listBrands' | 'listProducts' | 'getProduct' | 'createProduct' | 'updateProduct'
> {
  return {
    listCategories: async () => ({ items: await findCategories(db) }),
    listBrands: async () => ({ items: await findBrands(db) }),
    listProducts: ({ query }) => listProducts(db, query),
    getProduct: ({ params }) => getPublicProduct(db, params.idOrSlug),
    createProduct: ({ body }) => createProduct(db, body),
    updateProduct: ({ params, body }) => updateProduct(db, params.id, body),
  };
}
