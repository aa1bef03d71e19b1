import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { getSetting } from '../settings/service';

/**
 * How much stock unpaid orders may hold, and for how long (setting `orders.holdLimits`). An unpaid order keeps its
 * units from every other customer, so one customer, one browser and one network address may each hold only so much
 * at a time, a hold ends an hour after placement however often its QR is renewed, and a payment review that keeps
 * stock is brought to staff, then to admins, and finally lets the stock go (docs/decisions/0003-unpaid-holds.md).
 */
export const holdLimitsSchema = z.object({
  /** Orders waiting for money (or in payment review) per customer account, and per browser across its accounts. */
  unpaidOrders: z.number().int().min(1).max(10_000),
  /** Units of one product per customer and per browser, across their unpaid orders. */
  unitsPerProduct: z.number().int().min(1).max(10_000),
  /** …and never more than this share of the product's stock on hand (always at least one unit). */
  stockSharePercent: z.number().int().min(1).max(100),
  /**
   * Per network address, whoever is signed in. Generous: mobile carriers put many customers behind one address
   * (carrier-grade NAT), so this only stops one person making accounts by the dozen.
   */
  addressUnpaidOrders: z.number().int().min(1).max(10_000),
  addressUnitsPerProduct: z.number().int().min(1).max(10_000),
  /** New QR codes a customer may ask for after the first one ran out. */
  renewals: z.number().int().min(0).max(10),
  /** No QR of an order is payable later than this after placement. At least one QR's lifetime. */
  holdMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60),
  /** A review holding stock this long is mailed to staff and admins… */
  reviewNoticeMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  /** …this long, to admins once more… */
  reviewEscalationMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  /** …and this long, its reservation goes back on sale (the order stays in review). */
  reviewReleaseMinutes: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60),
});
export type HoldLimits = z.infer<typeof holdLimitsSchema>;

export const HOLD_LIMITS_KEY = 'orders.holdLimits';

export const DEFAULT_HOLD_LIMITS: Readonly<HoldLimits> = Object.freeze({
  unpaidOrders: 3,
  unitsPerProduct: 5,
  stockSharePercent: 50,
  addressUnpaidOrders: 10,
  addressUnitsPerProduct: 10,
  renewals: 2,
  holdMinutes: 60,
  reviewNoticeMinutes: 30,
  reviewEscalationMinutes: 2 * 60,
  reviewReleaseMinutes: 24 * 60,
});

/** The stored limits over the defaults; an unreadable setting falls back to the defaults as a whole. */
export async function getHoldLimits(db: Db | Tx): Promise<HoldLimits> {
  const stored = holdLimitsSchema.partial().safeParse(await getSetting(db, HOLD_LIMITS_KEY));
  return { ...DEFAULT_HOLD_LIMITS, ...(stored.success ? stored.data : {}) };
}

/** Units of a product one customer (or browser) may hold: the cap, and at most the share of what is on hand. */
export function unitsAllowed(limits: HoldLimits, onHand: number): number {
  const share = Math.ceil((Math.max(onHand, 0) * limits.stockSharePercent) / 100);
  return Math.min(limits.unitsPerProduct, Math.max(1, share));
}
