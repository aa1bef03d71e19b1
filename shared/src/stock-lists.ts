import { z } from 'zod';
import { stockMovementTypes } from './inventory';

/** The back office's stock lists: what to reorder, and what the stock on the shelves cost the shop. */

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(25);
const id = z.string().min(1).max(40);

export const lowStockQuerySchema = z.object({
  categoryId: id.optional(),
  brandId: id.optional(),
  q: z.string().trim().max(120).optional(),
  /** `shortfall`: the furthest below its reorder level first. */
  sort: z.enum(['shortfall', 'name', 'available']).default('shortfall'),
  page,
  pageSize,
});

export const lowStockItemSchema = z
  .object({
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    /** The product's own reorder level, or its low-stock threshold when it has none. */
    reorderLevel: z.number().int(),
    /** Units to bring it back to its reorder level. */
    shortfall: z.number().int(),
  })
  .meta({ id: 'LowStockItem' });

export const lowStockListSchema = z
  .object({
    items: z.array(lowStockItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'LowStockList' });

export const valuationQuerySchema = z.object({
  categoryId: id.optional(),
  brandId: id.optional(),
  q: z.string().trim().max(120).optional(),
  /** `no`: only the products on hand without a cost price, which the totals count apart. */
  costed: z.enum(['yes', 'no']).optional(),
  sort: z.enum(['value', 'name', 'on_hand']).default('value'),
  page,
  pageSize,
});

export const valuationItemSchema = z
  .object({
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    onHand: z.number().int(),
    costCents: z.number().int().nullable(),
    /** On hand × cost price; null without a cost price. */
    valueCents: z.number().int().nullable(),
  })
  .meta({ id: 'ValuationItem' });

export const valuationSchema = z
  .object({
    items: z.array(valuationItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** Over every product on hand that matches the filters, not only this page. */
    totals: z.object({
      products: z.number().int(),
      units: z.number().int(),
      valueCents: z.number().int(),
      uncostedProducts: z.number().int(),
      uncostedUnits: z.number().int(),
    }),
  })
  .meta({ id: 'StockValuation' });

export const stockHistoryQuerySchema = z.object({
  page,
  pageSize: pageSize.default(50),
  /** Only movements of this type (e.g. `receive`: the receipts). */
  type: z.enum(stockMovementTypes).optional(),
  /** Text in a movement's supplier or reference (an invoice or order number), any case. */
  q: z.string().trim().min(1).max(80).optional(),
});
