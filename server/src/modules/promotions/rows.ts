import {
  normalizeCouponCode,
  type CouponInput,
  type CouponRule,
  type PricingChannel,
  type PromotionInput,
  type PromotionRule,
} from '@shop/shared';
import type { CouponTable, PromotionTable } from '../../db/schema';

/**
 * A promotion's row and its rule (shared/src/promotions.ts), both ways. One table holds every kind: `target_id` is
 * the product of a sale price, the category or brand of a percent/amount off, the free product of a free item.
 */

const num = (value: number | null) => (value === null ? null : Number(value));

export function toPromotionRule(row: PromotionTable): PromotionRule {
  const base = {
    id: row.id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    paused: Number(row.paused) === 1,
  };
  const off = { percent: num(row.percent), amountCents: num(row.amount_cents) };
  const condition = {
    minTotalCents: num(row.min_total_cents),
    productIds: JSON.parse(row.product_ids_json) as string[],
  };
  switch (row.kind) {
    case 'sale_price':
      return {
        ...base,
        kind: 'sale_price',
        productId: row.target_id!,
        salePriceCents: Number(row.sale_price_cents),
      };
    case 'category_off':
      return { ...base, kind: 'category_off', categoryId: row.target_id!, ...off };
    case 'brand_off':
      return { ...base, kind: 'brand_off', brandId: row.target_id!, ...off };
    case 'cart_discount':
      return { ...base, kind: 'cart_discount', ...condition, ...off };
    case 'free_item':
      return {
        ...base,
        kind: 'free_item',
        ...condition,
        freeProductId: row.target_id!,
        freeQuantity: Number(row.free_quantity),
      };
    default:
      return { ...base, kind: 'free_delivery', ...condition };
  }
}

/** The columns an input sets (everything but id, paused and the times). */
export function promotionColumns(input: PromotionInput) {
  const targetId =
    'productId' in input
      ? input.productId
      : 'categoryId' in input
        ? input.categoryId
        : 'brandId' in input
          ? input.brandId
          : 'freeProductId' in input
            ? input.freeProductId
            : null;
  return {
    kind: input.kind,
    name: input.name,
    target_id: targetId,
    percent: 'percent' in input ? input.percent : null,
    amount_cents: 'amountCents' in input ? input.amountCents : null,
    sale_price_cents: input.kind === 'sale_price' ? input.salePriceCents : null,
    min_total_cents: 'minTotalCents' in input ? input.minTotalCents : null,
    product_ids_json: JSON.stringify('productIds' in input ? input.productIds : []),
    free_quantity: input.kind === 'free_item' ? input.freeQuantity : null,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
  };
}

/** Every product, category and brand a promotion names, to check they exist. */
export function namedIds(input: PromotionInput) {
  const products = [
    ...('productIds' in input ? input.productIds : []),
    ...('productId' in input ? [input.productId] : []),
    ...('freeProductId' in input ? [input.freeProductId] : []),
  ];
  return {
    products,
    categories: 'categoryId' in input ? [input.categoryId] : [],
    brands: 'brandId' in input ? [input.brandId] : [],
  };
}

export function toCouponRule(row: CouponTable): CouponRule {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    percent: num(row.percent),
    amountCents: num(row.amount_cents),
    minTotalCents: num(row.min_total_cents),
    maxUses: num(row.max_uses),
    maxUsesPerCustomer: num(row.max_uses_per_customer),
    channels: row.channels.split(',').filter(Boolean) as PricingChannel[],
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    paused: Number(row.paused) === 1,
  };
}

export function couponColumns(input: CouponInput) {
  return {
    code: normalizeCouponCode(input.code),
    name: input.name,
    percent: input.percent,
    amount_cents: input.amountCents,
    min_total_cents: input.minTotalCents,
    max_uses: input.maxUses,
    max_uses_per_customer: input.maxUsesPerCustomer,
    channels: [...new Set(input.channels)].sort().reverse().join(','),
    starts_on: input.startsOn,
    ends_on: input.endsOn,
  };
}
