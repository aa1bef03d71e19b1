import { normalizeCouponCode, priceCart, type CouponAttempt, type PushItem } from '@shop/shared';
import type { Tx } from '../../db/transaction';
import {
  cartLinesOf,
  recordOrderDiscounts,
  takeCouponFor,
  type CatalogLine,
  type PricingRules,
} from './checkout';
import { categoryParents, couponsByIds, findCouponByCode, promotionsByIds, promotionsInForce } from './repo';
import { toCouponRule, toPromotionRule } from './rows';

/**
 * A counter's sale checked against the server's prices (docs/decisions/0017-one-pricing-function.md): the sale keeps
 * the counter's prices whatever happens (the wire contract); when it charged less than priceCart says at the sale's
 * `at`, the cashier's own discounts taken off, it is flagged for staff.
 */
type SaleItem = Extract<PushItem, { type: 'sale' }>;

/** Every promotion not paused, ended ones too: a sale pushed late is priced at its own time. */
export async function loadCounterRules(tx: Tx): Promise<PricingRules> {
  const [rows, categories] = await Promise.all([promotionsInForce(tx, '0000-00-00'), categoryParents(tx)]);
  return { rules: rows.map(toPromotionRule), parents: new Map(categories.map((c) => [c.id, c.parent_id])) };
}

/** The coupon a sale names, with its uses now; null when it names none. */
export async function counterCouponAttempt(tx: Tx, item: SaleItem): Promise<CouponAttempt | null> {
  if (!item.couponCode) return null;
  const row = await findCouponByCode(tx, normalizeCouponCode(item.couponCode));
  return {
    code: item.couponCode,
    rule: row ? toCouponRule(row) : null,
    uses: row ? Number(row.uses) : 0,
    customerUses: 0,
  };
}

/**
 * What the server would have charged for the sale, the cashier's own discounts taken off (the lines' discounts and
 * the part of the sale's discount it does not name as a promotion or coupon), when the counter charged less; else
 * null.
 */
export function expectedCharge(
  item: SaleItem,
  lines: readonly CatalogLine[],
  rules: PricingRules,
  coupon: CouponAttempt | null,
  rielPerUsd: number,
  chargedCents: number,
): number | null {
  const priced = priceCart({
    lines: cartLinesOf(rules, lines),
    rules: rules.rules,
    coupon,
    channel: 'pos',
    now: item.at,
    rielPerUsd,
    knownCustomer: item.customerId !== undefined,
  });
  const named = (item.discounts ?? [])
    .filter((d) => d.level === 'cart')
    .reduce((sum, d) => sum + d.amountCents, 0);
  const own =
    item.lines.reduce((sum, l) => sum + (l.discountCents ?? 0), 0) +
    Math.max(0, (item.discountCents ?? 0) - named);
  const expected = priced.totalCents - own;
  return chargedCents < expected ? expected : null;
}

/**
 * What a sale naming promotions or a coupon writes once its order exists: the discounts by name (the names the
 * server has for those ids) and the coupon's use, counted even past its limits (the sale is a fact; its flag says
 * when the server would have refused it).
 */
export async function recordCounterPromotions(
  tx: Tx,
  item: SaleItem,
  order: { id: string; userId: string | null },
  now: number,
): Promise<void> {
  const claims = item.discounts ?? [];
  const [promotions, coupons] = await Promise.all([
    promotionsByIds(
      tx,
      claims.filter((c) => c.source === 'promotion').map((c) => c.id),
    ),
    couponsByIds(
      tx,
      claims.filter((c) => c.source === 'coupon').map((c) => c.id),
    ),
  ]);
  const names = new Map<string, { name: string; kind: string }>([
    ...promotions.map((p) => [p.id, { name: p.name, kind: p.kind }] as const),
    ...coupons.map((c) => [c.id, { name: c.name, kind: 'coupon' }] as const),
  ]);
  await recordOrderDiscounts(
    tx,
    order.id,
    claims.map((c) => ({
      ...c,
      name: names.get(c.id)?.name ?? (c.source === 'coupon' ? 'Coupon' : 'Promotion'),
      kind: names.get(c.id)?.kind ?? (c.source === 'coupon' ? 'coupon' : 'cart_discount'),
    })),
  );
  if (!item.couponCode) return;
  const coupon = await findCouponByCode(tx, normalizeCouponCode(item.couponCode));
  if (!coupon) return;
  const discount = claims.find((c) => c.source === 'coupon' && c.id === coupon.id)?.amountCents ?? 0;
  await takeCouponFor(tx, order, { id: coupon.id, maxUsesPerCustomer: null }, discount, now, true);
}
