import {
  normalizeCouponCode,
  priceCart,
  shopDayOf,
  type CartLineInput,
  type CouponAttempt,
  type CouponRefusal,
  type PricedCart,
  type PricingChannel,
  type PromotionRule,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { OrderDiscountTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict, Invalid } from '../../http/errors';
import {
  categoryParents,
  customerUsesOf,
  findCouponByCode,
  insertCouponUse,
  insertOrderDiscounts,
  promotionsInForce,
  takeCouponUse,
  takeCustomerUse,
} from './repo';
import { toCouponRule, toPromotionRule } from './rows';

/**
 * The server's side of the one pricing function (docs/decisions/0017-one-pricing-function.md): what priceCart needs
 * read from the database (the rules in force, the category tree, the coupon and its uses), and what a priced order
 * writes (the coupon's use, taken by conditional updates, and its discounts by name).
 */

/** A line as the catalog prices it: its catalog price, category and brand. */
export interface CatalogLine {
  productId: string;
  quantity: number;
  priceCents: number;
  categoryId: string | null;
  brandId: string | null;
}

export interface PricingRules {
  rules: PromotionRule[];
  /** Each category's parent. */
  parents: Map<string, string | null>;
}

export async function loadPricingRules(db: Db | Tx, now: number): Promise<PricingRules> {
  const [rows, categories] = await Promise.all([promotionsInForce(db, shopDayOf(now)), categoryParents(db)]);
  return {
    rules: rows.map(toPromotionRule),
    parents: new Map(categories.map((c) => [c.id, c.parent_id])),
  };
}

/** A category and its parents up the tree (a cycle, which the catalog never makes, stops the walk). */
function categoryChain(parents: ReadonlyMap<string, string | null>, categoryId: string | null): string[] {
  const chain: string[] = [];
  for (let at = categoryId; at && !chain.includes(at) && chain.length < 20; at = parents.get(at) ?? null)
    chain.push(at);
  return chain;
}

export function cartLinesOf(rules: PricingRules, lines: readonly CatalogLine[]): CartLineInput[] {
  return lines.map((line) => ({
    productId: line.productId,
    quantity: line.quantity,
    priceCents: line.priceCents,
    categoryIds: categoryChain(rules.parents, line.categoryId),
    brandId: line.brandId,
  }));
}

/** A typed code with its coupon (if any) and the uses so far, for priceCart to judge. */
export async function couponAttempt(
  db: Db | Tx,
  code: string,
  userId: string | null,
): Promise<CouponAttempt> {
  const row = await findCouponByCode(db, normalizeCouponCode(code));
  return {
    code,
    rule: row ? toCouponRule(row) : null,
    uses: row ? Number(row.uses) : 0,
    customerUses: row && userId ? await customerUsesOf(db, row.id, userId) : 0,
  };
}

export interface PricingRequest {
  lines: readonly CatalogLine[];
  couponCode?: string | undefined;
  channel: PricingChannel;
  userId: string | null;
  now: number;
  rielPerUsd: number;
}

export interface Priced {
  priced: PricedCart;
  /** The coupon's per-customer limit, when it applied (taken with its use). */
  coupon: { id: string; maxUsesPerCustomer: number | null } | null;
}

/** priceCart with the rules in force now and the coupon asked for. */
export async function priceWithPromotions(db: Db | Tx, request: PricingRequest): Promise<Priced> {
  const rules = await loadPricingRules(db, request.now);
  const attempt = request.couponCode ? await couponAttempt(db, request.couponCode, request.userId) : null;
  const priced = priceCart({
    lines: cartLinesOf(rules, request.lines),
    rules: rules.rules,
    coupon: attempt,
    channel: request.channel,
    now: request.now,
    rielPerUsd: request.rielPerUsd,
    knownCustomer: request.userId !== null,
  });
  const applied = priced.coupon?.status === 'applied' ? attempt!.rule! : null;
  return { priced, coupon: applied && { id: applied.id, maxUsesPerCustomer: applied.maxUsesPerCustomer } };
}

const REFUSALS: Record<CouponRefusal, string> = {
  unknown: 'There is no coupon with this code',
  not_started: 'This coupon is not valid yet',
  expired: 'This coupon has expired',
  paused: 'This coupon is not valid at the moment',
  channel: 'This coupon is not valid here',
  min_total: 'Your order is below the minimum for this coupon',
  used_up: 'This coupon has been used up',
  customer_used_up: 'You have already used this coupon',
  customer_required: 'Sign in to use this coupon',
  no_effect: 'This coupon takes nothing off this order',
};

/** An order placed with a coupon that does not apply is refused, naming why (field `couponCode`: the reason). */
export function requireCoupon(priced: PricedCart): void {
  if (priced.coupon?.status === 'refused')
    throw new Invalid(REFUSALS[priced.coupon.reason], { couponCode: priced.coupon.reason });
}

/**
 * Takes the coupon's use for an order, inside the placing transaction, after the stock rows and before the change
 * feed (the lock order of every placement): conditional updates on the coupon's and the customer's counters, so a
 * limit is never passed however many buyers race. `force` (a counter's sale, a fact) takes it past the limits.
 */
export async function takeCouponFor(
  tx: Tx,
  order: { id: string; userId: string | null },
  coupon: { id: string; maxUsesPerCustomer: number | null },
  discountCents: number,
  now: number,
  force = false,
): Promise<void> {
  if (!(await takeCouponUse(tx, coupon.id, force)))
    throw new Conflict(REFUSALS.used_up, { couponCode: 'used_up' });
  if (order.userId) {
    const limit = force ? null : coupon.maxUsesPerCustomer;
    if (!(await takeCustomerUse(tx, coupon.id, order.userId, limit)))
      throw new Conflict(REFUSALS.customer_used_up, { couponCode: 'customer_used_up' });
  }
  await insertCouponUse(tx, {
    coupon_id: coupon.id,
    order_id: order.id,
    user_id: order.userId,
    discount_cents: discountCents,
    created_at: now,
  });
}

/** The order's discounts by name, in priceCart's order. */
export async function recordOrderDiscounts(
  tx: Tx,
  orderId: string,
  discounts: readonly {
    source: string;
    id: string;
    name: string;
    kind: string;
    level: string;
    amountCents: number;
  }[],
): Promise<OrderDiscountTable[]> {
  const rows = discounts.map((d, position): OrderDiscountTable => ({
    id: newId(),
    order_id: orderId,
    position,
    source: d.source,
    ref_id: d.id,
    name: d.name,
    kind: d.kind,
    level: d.level,
    amount_cents: d.amountCents,
  }));
  await insertOrderDiscounts(tx, rows);
  return rows;
}
