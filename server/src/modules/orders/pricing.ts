import { usdCentsToKhr, type PricedCart } from '@shop/shared';
import type { Tx } from '../../db/transaction';
import { Invalid } from '../../http/errors';
import { deliveryChargeFor, type Pricing } from '../settings/pricing';
import { findProductsToSell } from './repo';

/**
 * Pricing an order's lines, for any channel. A line copies what the catalog says of its product now (sku, name,
 * warranty), so the order keeps them whatever the catalog becomes. The price is the catalog's, unless the line
 * brings its own: a counter sale keeps the price the customer paid at the counter.
 */
export interface WantedLine {
  productId: string;
  quantity: number;
  /** The price the customer was charged at the counter; the catalog's price when absent. */
  unitPriceCents?: number;
}

export interface PricedLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  warrantyMonths: number;
  /** The catalog's price when a promotion lowered unitPriceCents (struck through on the order); else absent. */
  originalUnitCents?: number;
  /** The name of the promotion that lowered it. */
  promotionName?: string;
  categoryId: string;
  brandId: string;
}

export interface OrderTotals {
  /** Σ lines at their unit prices. */
  subtotalCents: number;
  /** Taken off the whole order (cart promotions, a coupon). */
  discountCents: number;
  deliveryFeeCents: number;
  /** The days the delivery was promised in (null: pick-up). */
  deliveryDays: { min: number; max: number } | null;
  totalCents: number;
  rielPerUsd: number;
  /** The total in riel at the order's rate, rounded to 100 riel. */
  totalKhr: number;
}

/** The lines with their products; a product that is unknown or no longer sold refuses the whole order. */
export async function priceLines(tx: Tx, lines: WantedLine[]): Promise<PricedLine[]> {
  const products = await findProductsToSell(
    tx,
    lines.map((l) => l.productId),
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  const missing = lines.filter((l) => byId.get(l.productId)?.active !== 1);
  if (missing.length)
    throw new Invalid('Some products are no longer sold', {
      items: missing.map((m) => m.productId).join(', '),
    });
  return lines.map((line) => {
    const product = byId.get(line.productId)!;
    return {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents ?? Number(product.price_cents),
      warrantyMonths: Number(product.warranty_months),
      categoryId: product.category_id,
      brandId: product.brand_id,
    };
  });
}

/** The lines at the unit prices priceCart gave them (same order), the catalog's price kept where it was lowered. */
export function withPromotionPrices(lines: PricedLine[], priced: PricedCart): PricedLine[] {
  return lines.map((line, i) => {
    const p = priced.lines[i]!;
    return p.unitPriceCents < line.unitPriceCents
      ? {
          ...line,
          unitPriceCents: p.unitPriceCents,
          originalUnitCents: line.unitPriceCents,
          ...(p.promotion && { promotionName: p.promotion.name }),
        }
      : line;
  });
}

/**
 * What the order costs: its lines, less the order's discount (cart promotions and a coupon, priced by priceCart),
 * plus the delivery the shop's rates ask for the address's province (none for pick-up, none under a free-delivery
 * promotion); a rate's free-from total is judged on the goods after discounts, as priceCart judges it. A province
 * the shop does not deliver to refuses the order.
 */
export function orderTotals(
  pricing: Pricing,
  delivery: { province: string } | null,
  lines: PricedLine[],
  promotions: { discountCents: number; deliveryFree: boolean } = { discountCents: 0, deliveryFree: false },
): OrderTotals {
  const subtotalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const discountCents = promotions.discountCents;
  const charge = deliveryChargeFor(pricing, delivery, subtotalCents - discountCents);
  const deliveryFeeCents = promotions.deliveryFree ? 0 : (charge?.feeCents ?? 0);
  const totalCents = subtotalCents - discountCents + deliveryFeeCents;
  return {
    subtotalCents,
    discountCents,
    deliveryFeeCents,
    deliveryDays: charge && { min: charge.minDays, max: charge.maxDays },
    totalCents,
    rielPerUsd: pricing.rielPerUsd,
    totalKhr: usdCentsToKhr(totalCents, pricing.rielPerUsd),
  };
}
