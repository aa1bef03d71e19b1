import {
  DEFAULT_PROVINCE_RATES,
  deliveryTerms,
  pricingSchema,
  quoteDelivery,
  settingKeys,
  type Pricing,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { Invalid } from '../../http/errors';
import { fieldsOrDefaults, getSetting } from './service';

export type { Pricing };

export const PRICING_KEY = settingKeys.pricing;
export const DEFAULT_PRICING: Readonly<Pricing> = Object.freeze({
  rielPerUsd: 4100,
  deliveryFeeCents: 200,
  freeDeliveryFromCents: 10_000,
  deliveryDays: { min: 2, max: 4 },
  provinceRates: DEFAULT_PROVINCE_RATES.map((rate) => ({ ...rate })),
  noDeliveryTo: [],
});

/**
 * The shop's exchange rate and delivery fees: each stored field that keeps the shared rules, else its default. A
 * shop that set its delivery before rates per province existed (a stored setting without `provinceRates`) keeps
 * charging its own fee everywhere, as it did: the default rates (a cheaper capital) are for shops that never set one.
 */
export async function getPricing(db: Db | Tx): Promise<Pricing> {
  const stored = await getSetting(db, PRICING_KEY);
  const pricing = fieldsOrDefaults(pricingSchema.shape, stored, DEFAULT_PRICING);
  const setBeforeProvinceRates =
    typeof stored === 'object' && stored !== null && !('provinceRates' in stored);
  return setBeforeProvinceRates ? { ...pricing, provinceRates: [] } : pricing;
}

/** What an order's delivery costs and when it arrives; null for pickup (free, nothing promised). */
export interface DeliveryCharge {
  feeCents: number;
  minDays: number;
  maxDays: number;
}

/**
 * The delivery an order pays for, priced here from the address's province (never from what a client sends), with
 * the same shared quote the web shop shows. A province the shop does not deliver to refuses the order: pick-up
 * is the way there.
 */
export function deliveryChargeFor(
  pricing: Pricing,
  delivery: { province: string } | null,
  subtotalCents: number,
): DeliveryCharge | null {
  if (!delivery) return null;
  const quote = quoteDelivery(deliveryTerms(pricing), delivery.province, subtotalCents);
  if (!quote.delivers)
    throw new Invalid(
      `We do not deliver to ${delivery.province}: choose pick-up at the shop, or another address`,
      {
        province: 'no delivery to this province: choose pick-up',
      },
    );
  return { feeCents: quote.feeCents, minDays: quote.minDays, maxDays: quote.maxDays };
}
