import { z } from 'zod';
import { KHR_CASH_STEP, type Currency } from './money';

/**
 * What a product says about pre-orders, and what a pre-order says about its money. Kept apart from pre-orders.ts
 * because the order's own schema (orders.ts) carries it.
 */
export const preOrderDepositPercents = [0, 25, 50, 100] as const;
export type PreOrderDepositPercent = (typeof preOrderDepositPercents)[number];

export const depositPercentSchema = z.literal(preOrderDepositPercents, { error: 'choose 0, 25, 50 or 100' });

/** A shop day, `YYYY-MM-DD` (Asia/Phnom_Penh). */
const expectedDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** On a product the shop lets customers pre-order while it is out of stock. */
export const productPreOrderSchema = z
  .object({
    /** The day the shop expects the stock; null: not known yet. */
    expectedOn: expectedDaySchema.nullable(),
    depositPercent: depositPercentSchema,
  })
  .meta({ id: 'ProductPreOrder' });
export type ProductPreOrder = z.infer<typeof productPreOrderSchema>;

/**
 * The deposit of a pre-order costing `total` (minor units of its currency): the percent of it, in whole cents
 * (half up) or in riel rounded half up to 100 (the smallest note in daily use). 100 % is the whole total.
 */
export function depositFor(total: number, currency: Currency, percent: PreOrderDepositPercent): number {
  if (percent === 100) return total;
  if (currency === 'USD') return Math.floor((total * percent + 50) / 100);
  const step = KHR_CASH_STEP * 100;
  return Math.floor((total * percent + step / 2) / step) * KHR_CASH_STEP;
}

export const preOrderInfoSchema = z
  .object({
    productId: z.string(),
    depositPercent: depositPercentSchema,
    /** In minor units of the order's currency, as are the two below. */
    deposit: z.number().int(),
    depositPaid: z.number().int(),
    /** What is left to pay once the product arrived: the total less the deposit paid. */
    balance: z.number().int(),
    expectedOn: z.string().nullable(),
    /** When units were reserved for it (stock arrived), and until when they wait for the rest. */
    servedAt: z.number().int().nullable(),
    reserveUntil: z.number().int().nullable(),
    /** After a cancellation or a lapse with a deposit paid: what the shop's rule did with it. */
    depositOutcome: z.enum(['refund_owed', 'kept']).nullable(),
  })
  .meta({ id: 'PreOrderInfo' });
export type PreOrderInfo = z.infer<typeof preOrderInfoSchema>;
