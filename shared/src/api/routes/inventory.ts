import { stockLevelSchema, stockMovementInputSchema, stockMovementSchema } from '../../inventory';
import { stockHistoryQuerySchema } from '../../stock-lists';
import { defineRoute, requires } from '../route';
import { idParam } from './common';

/** Stock movements of the back office. */
export const inventoryRoutes = {
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
    summary:
      'Stock counters, serial numbers and the stock history of a product: every movement, newest first, paged, with who and which order',
    tag: 'back office',
    access: requires('stock.view'),
    params: idParam,
    // Optional: callers from before the history was paged ask for the first page without a query.
    query: stockHistoryQuerySchema.optional(),
    response: stockLevelSchema,
    errors: [404],
  }),
} as const;
