import { z } from 'zod';
import {
  brandSchema,
  categorySchema,
  productDetailSchema,
  productInputSchema,
  productListQuerySchema,
  productListSchema,
  productPatchSchema,
} from '../catalog';
import { stockLevelSchema, stockMovementInputSchema, stockMovementSchema } from '../inventory';
import { changesPageSchema, changesQuerySchema } from '../sync';
import { defineRoute, publicAccess, requires } from './route';

const idParam = z.object({ id: z.string().min(1).max(40) });

/** The route table of /api/v1. Server handlers, the OpenAPI document and the typed client all come from it. */
export const apiRoutes = {
  health: defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness and which database the server runs on',
    tag: 'system',
    access: publicAccess,
    response: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'mysql']) }),
  }),
  listCategories: defineRoute({
    method: 'get',
    path: '/categories',
    summary: 'All categories as a flat list (the tree is given by parentId)',
    tag: 'catalog',
    access: publicAccess,
    response: z.object({ items: z.array(categorySchema) }),
  }),
  listBrands: defineRoute({
    method: 'get',
    path: '/brands',
    summary: 'All brands with their number of active products',
    tag: 'catalog',
    access: publicAccess,
    response: z.object({ items: z.array(brandSchema) }),
  }),
  listProducts: defineRoute({
    method: 'get',
    path: '/products',
    summary: 'Search and browse products with filters, sort, pagination and facet counts',
    tag: 'catalog',
    access: publicAccess,
    query: productListQuerySchema,
    response: productListSchema,
  }),
  getProduct: defineRoute({
    method: 'get',
    path: '/products/:idOrSlug',
    summary: 'One active product by id or slug',
    tag: 'catalog',
    access: publicAccess,
    params: z.object({ idOrSlug: z.string().min(1).max(140) }),
    response: productDetailSchema,
    errors: [404],
  }),
  createProduct: defineRoute({
    method: 'post',
    path: '/admin/products',
    summary: 'Add a product to the catalog',
    tag: 'back office',
    access: requires('catalog.manage'),
    body: productInputSchema,
    response: productDetailSchema,
    status: 201,
    errors: [404, 409],
  }),
  updateProduct: defineRoute({
    method: 'patch',
    path: '/admin/products/:id',
    summary: 'Change a product (price, specs, active flag, …)',
    tag: 'back office',
    access: requires('catalog.manage'),
    params: idParam,
    body: productPatchSchema,
    response: productDetailSchema,
    errors: [404, 409],
  }),
  recordStockMovement: defineRoute({
    method: 'post',
    path: '/admin/stock/movements',
    summary: 'Receive stock (quantity > 0) or adjust it (signed quantity, with a reason)',
    tag: 'back office',
    access: requires('stock.manage'),
    body: stockMovementInputSchema,
    response: stockMovementSchema,
    status: 201,
    errors: [404, 409],
  }),
  getProductStock: defineRoute({
    method: 'get',
    path: '/admin/products/:id/stock',
    summary: 'Stock counters, recent movements and serial numbers of a product',
    tag: 'back office',
    access: requires('stock.view'),
    params: idParam,
    response: stockLevelSchema,
    errors: [404],
  }),
  listChanges: defineRoute({
    method: 'get',
    path: '/sync/changes',
    summary: 'The change feed after a cursor, in commit order (desktop sync)',
    tag: 'sync',
    access: requires('sync.pull'),
    query: changesQuerySchema,
    response: changesPageSchema,
  }),
} as const;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
