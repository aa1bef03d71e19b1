import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import type { Pictures } from '../../storage/images';
import type { FileStorage } from '../../storage/storage';
import { getAdminProduct } from './admin-product';
import type { CatalogCache } from './catalog-cache';
import { catalogKeys } from './fast-lookup';
import { listAdminProducts } from './admin-listing';
import { addProductImage, orderProductImages, productImageFile, removeProductImage } from './images';
import { listProducts } from './product-search';
import { readSearchSynonyms, replaceSearchSynonyms } from './search-synonyms';
import { createProduct, getPublicProduct, updateProduct } from './service';
import {
  createBrand,
  createCategory,
  listBrands,
  listCategories,
  updateBrand,
  updateCategory,
} from './taxonomy';

type CatalogRoutes =
  | 'listCategories'
  | 'listBrands'
  | 'listProducts'
  | 'getProduct'
  | 'createProduct'
  | 'updateProduct'
  | 'getAdminProduct'
  | 'listAdminProducts'
  | 'getProductImageFile'
  | 'orderProductImages'
  | 'uploadProductImage'
  | 'deleteProductImage'
  | 'createCategory'
  | 'updateCategory'
  | 'createBrand'
  | 'updateBrand'
  | 'getSearchSynonyms'
  | 'replaceSearchSynonyms';

export function catalogHandlers(
  db: Db,
  storage: FileStorage,
  pictures: Pictures,
  cache: CatalogCache,
): Handlers<CatalogRoutes> {
  // Public answers come from a cache valid while the catalog answers version stays the same (catalog-cache.ts);
  // kept answers are sent by the fast path before they get here (fast-lookup.ts), under the same keys.
  return {
    listCategories: () =>
      cache.answer(catalogKeys.categories, async (memo) => ({ items: await listCategories(db, memo) })),
    listBrands: () =>
      cache.answer(catalogKeys.brands, async (memo) => ({ items: await listBrands(db, memo) })),
    listProducts: ({ query }) => cache.listing(query, (normal, memo) => listProducts(db, normal, memo)),
    getProduct: ({ params }) =>
      cache.answer(catalogKeys.product(params.idOrSlug), () => getPublicProduct(db, params.idOrSlug)),
    // Admins get back what they set, cost included (admin-product.ts).
    createProduct: async ({ body, actor }) => getAdminProduct(db, (await createProduct(db, body, actor)).id),
    updateProduct: async ({ params, body, actor }) => {
      await updateProduct(db, params.id, body, actor);
      return getAdminProduct(db, params.id);
    },
    getAdminProduct: ({ params }) => getAdminProduct(db, params.id),
    listAdminProducts: ({ query }) => listAdminProducts(db, query),
    getProductImageFile: ({ params, query }) =>
      productImageFile(db, storage, params.id, params.imageId, Number(query.width)),
    orderProductImages: ({ params, body, actor }) => orderProductImages(db, params.id, body.imageIds, actor),
    uploadProductImage: ({ params, upload, actor }) =>
      addProductImage({ db, storage, pictures }, params.id, upload, actor),
    deleteProductImage: ({ params, actor }) =>
      removeProductImage(db, storage, params.id, params.imageId, actor),
    createCategory: ({ body, actor }) => createCategory(db, body, actor),
    updateCategory: ({ params, body, actor }) => updateCategory(db, params.id, body, actor),
    createBrand: ({ body, actor }) => createBrand(db, body, actor),
    updateBrand: ({ params, body, actor }) => updateBrand(db, params.id, body, actor),
    getSearchSynonyms: () => readSearchSynonyms(db),
    replaceSearchSynonyms: ({ body, actor }) => replaceSearchSynonyms(db, body, actor),
  };
}
