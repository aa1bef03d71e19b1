import { z } from 'zod';
import { defineRoute, requires } from '../route';
import { idParam } from './common';

/** An amount of cash in both of the shop's currencies (minor units: USD cents, riel). */
const cash = z.object({ usdCents: z.number().int(), khr: z.number().int() });

/**
 * A counter shift's cash report: an X report while it is open, the Z report once closed. What the drawer should
 * hold is the float, plus cash kept from sales (what was paid, the change went back) and pay-ins, minus pay-outs and
 * cash refunds; the difference is what was counted minus that.
 */
export const shiftReportSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    deviceName: z.string(),
    openedBy: z.object({ id: z.string(), name: z.string() }),
    openedAt: z.number().int(),
    closedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    closedAt: z.number().int().nullable(),
    /** How many sales the shift made and what they came to (USD cents, after discounts). */
    sales: z.object({ count: z.number().int(), totalCents: z.number().int() }),
    float: cash,
    cashSales: cash,
    payIns: cash,
    payOuts: cash,
    cashRefunds: cash,
    expected: cash,
    /** Null while the shift is open (X report). */
    counted: cash.nullable(),
    difference: cash.nullable(),
  })
  .meta({ id: 'ShiftReport' });
export type ShiftReport = z.infer<typeof shiftReportSchema>;

/** Units a counter sold beyond what the server had on hand: the sale stood, staff count the shelf and resolve it. */
export const shortfallItemSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    productName: z.string(),
    sku: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    deviceId: z.string().nullable(),
    deviceName: z.string().nullable(),
    quantity: z.number().int(),
    createdAt: z.number().int(),
    resolvedAt: z.number().int().nullable(),
    resolvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'StockShortfall' });
export type ShortfallItem = z.infer<typeof shortfallItemSchema>;

/** Back-office views of what counters did. */
export const counterRoutes = {
  getShiftReport: defineRoute({
    method: 'get',
    path: '/admin/shifts/:id',
    summary:
      "A counter shift's cash: float, sales, pay-ins and outs, refunds, expected against counted (X/Z report)",
    tag: 'back office',
    access: requires('pos.sell'),
    params: idParam,
    response: shiftReportSchema,
    errors: [404],
  }),
  listShortfalls: defineRoute({
    method: 'get',
    path: '/admin/stock/shortfalls',
    summary: 'Units counters sold beyond the stock the server had, not yet resolved, oldest first',
    tag: 'back office',
    access: requires('stock.manage'),
    response: z.object({ items: z.array(shortfallItemSchema) }).meta({ id: 'StockShortfallList' }),
  }),
  resolveShortfall: defineRoute({
    method: 'post',
    path: '/admin/stock/shortfalls/:id/resolve',
    summary: 'Mark a shortfall resolved, saying how (the shelf counted, stock adjusted or received)',
    tag: 'back office',
    access: requires('stock.manage'),
    params: idParam,
    body: z.object({ resolution: z.string().trim().min(1, 'say how').max(500) }),
    response: shortfallItemSchema,
    errors: [404, 409],
  }),
} as const;
