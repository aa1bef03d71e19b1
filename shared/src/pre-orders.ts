import { z } from 'zod';
import { currencySchema, orderStatuses } from './orders';

/**
 * Pre-orders (issue 17, docs/decisions/0019-pre-orders.md): an order for a product out of stock that the shop lets
 * customers ask for. It is an order (the same table, numbers, lines and payments) whose first statuses are its own
 * (orders.ts: preorder_deposit → preorder_placed → preorder_confirmed → preorder_arrived → paid), with a deposit of
 * the product's percent (pre-order-info.ts).
 */
const quantity = z.number().int().min(1, 'at least 1').max(5, 'at most 5 per pre-order');

/** A signed-in customer pre-orders online; the deposit (if any) is paid by KHQR on the order's page. */
export const placePreOrderInputSchema = z
  .object({ productId: z.string().min(1).max(40), quantity, currency: currencySchema })
  .meta({ id: 'PlacePreOrderInput' });
export type PlacePreOrderInput = z.infer<typeof placePreOrderInputSchema>;

/** Staff take a pre-order at the counter for a walk-in customer: the deposit in cash there and then, or by KHQR. */
export const counterPreOrderInputSchema = placePreOrderInputSchema
  .extend({
    customer: z.object({
      name: z.string().trim().min(1).max(120),
      phone: z.string().trim().min(6).max(20),
      email: z.email().max(254).optional(),
    }),
    depositBy: z.enum(['cash', 'khqr']),
    /** Cash: the notes handed over, in minor units of `currency` (at least the deposit). */
    tendered: z.number().int().min(0).optional(),
  })
  .meta({ id: 'CounterPreOrderInput' });
export type CounterPreOrderInput = z.infer<typeof counterPreOrderInputSchema>;

/** Cash handed over at the counter for a pre-order: its deposit, or the rest at pickup. */
export const preOrderCashInputSchema = z
  .object({ tendered: z.number().int().min(0) })
  .meta({ id: 'PreOrderCashInput' });

export const preOrderCancelInputSchema = z
  .object({ reason: z.string().trim().max(300).optional() })
  .meta({ id: 'PreOrderCancelInput' });

export const preOrderListQuerySchema = z.object({
  productId: z.string().min(1).max(40).optional(),
  status: z.enum(orderStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const preOrderListItemSchema = z.object({
  orderId: z.string(),
  number: z.string(),
  status: z.enum(orderStatuses),
  channel: z.enum(['web', 'pos']),
  customer: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  product: z.object({ id: z.string(), name: z.string(), sku: z.string() }),
  quantity: z.number().int(),
  currency: currencySchema,
  /** Minor units of `currency`. */
  deposit: z.number().int(),
  depositPaid: z.number().int(),
  createdAt: z.number().int(),
  servedAt: z.number().int().nullable(),
  reserveUntil: z.number().int().nullable(),
});
export type PreOrderListItem = z.infer<typeof preOrderListItemSchema>;

export const preOrderListSchema = z
  .object({
    items: z.array(preOrderListItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'PreOrderList' });
export type PreOrderList = z.infer<typeof preOrderListSchema>;
