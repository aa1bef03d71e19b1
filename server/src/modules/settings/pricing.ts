import { pricingSchema, settingKeys, type Pricing } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { fieldsOrDefaults, getSetting } from './service';

export type { Pricing };

export const PRICING_KEY = settingKeys.pricing;
export const DEFAULT_PRICING: Readonly<Pricing> = Object.freeze({
  rielPerUsd: 4100,
  deliveryFeeCents: 200,
  freeDeliveryFromCents: 10_000,
});

/** The shop's exchange rate and delivery fees: each stored field that keeps the shared rules, else its default. */
export async function getPricing(db: Db | Tx): Promise<Pricing> {
  return fieldsOrDefaults(pricingSchema.shape, await getSetting(db, PRICING_KEY), DEFAULT_PRICING);
}

export function deliveryFeeFor(
  pricing: Pricing,
  fulfilment: 'pickup' | 'delivery',
  subtotalCents: number,
): number {
  if (fulfilment === 'pickup') return 0;
  if (pricing.freeDeliveryFromCents !== null && subtotalCents >= pricing.freeDeliveryFromCents) return 0;
  return pricing.deliveryFeeCents;
}
