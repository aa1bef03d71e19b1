import { adminProductSchema } from '../../catalog';
import {
  lowStockListSchema,
  lowStockQuerySchema,
  valuationQuerySchema,
  valuationSchema,
} from '../../stock-lists';
import { defineRoute, requires } from '../route';
import { idParam } from './common';

/** The back office's stock lists (issue 13, stock) and a product as admins see it, with its cost. */
export const adminStockRoutes = {
  listLowStock: defineRoute({
    method: 'get',
    path: '/admin/stock/low',
    summary:
      'Active products whose available stock is at or below their reorder level (or low-stock threshold)',
    tag: 'back office',
    access: requires('stock.view'),
    query: lowStockQuerySchema,
    response: lowStockListSchema,
  }),
  getStockValuation: defineRoute({
    method: 'get',
    path: '/admin/stock/valuation',
    summary:
      'Stock on hand at cost price: each product and the totals; products without a cost price counted apart',
    tag: 'back office',
    access: requires('stock.cost'),
    query: valuationQuerySchema,
    response: valuationSchema,
  }),
  getAdminProduct: defineRoute({
    method: 'get',
    path: '/admin/products/:id',
    summary: 'A product as admins see it, active or not, with its cost price and reorder level',
    tag: 'back office',
    access: requires('catalog.manage'),
    params: idParam,
    response: adminProductSchema,
    errors: [404],
  }),
} as const;
