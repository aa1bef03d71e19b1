import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { getSetting } from './service';

/** The shop's money rules: its own exchange rate, the delivery fee and when delivery is free. */
export const pricingSchema = z.object({
  /** Riel per US dollar, set by the shop (typically 4,000–4,100). */
  rielPerUsd: z.number().int().min(1000).max(10_000),
  deliveryFeeCents: z.number().int().min(0).max(100_00),
  /** Orders from this subtotal up are delivered free; null: never free. */
  freeDeliveryFromCents: z.number().int().min(0).nullable(),
});
export type Pricing = z.infer<typeof pricingSchema>;

export const PRICING_KEY = 'orders.pricing';
export const DEFAULT_PRICING: Pricing = {
  rielPerUsd: 4100,
  deliveryFeeCents: 200,
  freeDeliveryFromCents: 10_000,
};

export async function getPricing(db: Db | Tx): Promise<Pricing> {
  const stored = pricingSchema.partial().safeParse(await getSetting(db, PRICING_KEY));
  return { ...DEFAULT_PRICING, ...(stored.success ? stored.data : {}) };
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
