import { holdLimitsSchema, settingKeys, type HoldLimits } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { fieldsOrDefaults, getSetting } from '../settings/service';

/**
 * How much stock unpaid orders may hold, and for how long: the setting `orders.holdLimits`, whose rules are the
 * shared `holdLimitsSchema`, set with `npm run shop -- set-hold-limits` (docs/decisions/0003-unpaid-holds.md).
 */
export type { HoldLimits };

export const HOLD_LIMITS_KEY = settingKeys.holdLimits;

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

/**
 * The limits the shop set: each stored field that keeps the shared rules, else its default (a row written by hand or
 * only in part still gives every limit a sane value; `settings` says what breaks the rules).
 */
export async function getHoldLimits(db: Db | Tx): Promise<HoldLimits> {
  return fieldsOrDefaults(holdLimitsSchema.shape, await getSetting(db, HOLD_LIMITS_KEY), DEFAULT_HOLD_LIMITS);
}

/** Units of a product one customer (or browser) may hold: the cap, and at most the share of what is on hand. */
export function unitsAllowed(limits: HoldLimits, onHand: number): number {
  const share = Math.ceil((Math.max(onHand, 0) * limits.stockSharePercent) / 100);
  return Math.min(limits.unitsPerProduct, Math.max(1, share));
}
