import { usdCentsToKhr } from './money';
import { fromShopWallClock, shopClock } from './shop-time';
import type { CouponRefusal, CouponRule, PricingChannel, PromotionKind, PromotionRule } from './promotions';

/**
 * The pure part of promotions (promotions.ts): `priceCart` and the shop-day helpers, apart from the zod schemas so
 * that the web shop's product cards can price with it without bringing zod into the home page's first view
 * (docs/decisions/0011: its script budget). promotions.ts re-exports all of it.
 */

// --- the pricing function ---------------------------------------------------------------------------------------

export interface CartLineInput {
  productId: string;
  quantity: number;
  /** The catalog's price of one unit (USD cents). */
  priceCents: number;
  /** The product's category first, then its parents up the tree (a category rule covers the categories under it). */
  categoryIds: readonly string[];
  brandId: string | null;
}

export interface CouponAttempt {
  /** The code as typed. */
  code: string;
  /** The coupon with that code (matched by `normalizeCouponCode`), or null when there is none. */
  rule: CouponRule | null;
  /** Orders that used it so far, in all and by this customer. */
  uses: number;
  customerUses: number;
}

export interface PriceCartInput {
  lines: readonly CartLineInput[];
  /** The rules known; paused ones and ones outside their days are skipped here, so callers may pass them all. */
  rules: readonly PromotionRule[];
  coupon?: CouponAttempt | null;
  channel: PricingChannel;
  /** The instant priced (epoch ms): the shop day it falls on decides which rules are live. */
  now: number;
  rielPerUsd: number;
  /** Whether the buyer is a known customer (per-customer coupon limits need one). */
  knownCustomer: boolean;
  /** The delivery rate of the address (null: pick-up or a counter sale): free from a total of goods after discounts. */
  delivery?: { feeCents: number; freeFromCents: number | null } | null;
}

/** One discount, named as customers read it on the page, the receipt and the invoice. */
export interface PricedDiscount {
  source: 'promotion' | 'coupon';
  /** The promotion's or coupon's id. */
  id: string;
  name: string;
  kind: PromotionKind | 'coupon';
  /** `line`: lowers a line's unit price (step 1); `cart`: taken off the cart (cart rules, free items, coupon). */
  level: 'line' | 'cart';
  amountCents: number;
}

export interface PricedLine {
  productId: string;
  quantity: number;
  /** The catalog's price of one unit: struck through when `unitPriceCents` is lower. */
  originalUnitCents: number;
  /** What one unit costs after the line's promotion (step 1). */
  unitPriceCents: number;
  /** (original − unit price) × quantity. */
  lineDiscountCents: number;
  /** The promotion that set the unit price, or null. */
  promotion: { id: string; name: string; kind: PromotionKind } | null;
  /** unitPriceCents × quantity. */
  totalCents: number;
}

export type CouponResult =
  | { status: 'applied'; code: string; id: string; name: string; amountCents: number }
  | { status: 'refused'; code: string; reason: CouponRefusal };

export interface PricedCart {
  lines: PricedLine[];
  /** Every discount, line promotions first (summed over lines per promotion), then cart rules, then the coupon. */
  discounts: PricedDiscount[];
  /** Σ original unit price × quantity. */
  originalSubtotalCents: number;
  /** Σ line discounts (step 1). */
  lineDiscountCents: number;
  /** Σ line totals: the subtotal after line prices. */
  subtotalCents: number;
  /** Cart discounts and free items (step 2). */
  cartDiscountCents: number;
  couponDiscountCents: number;
  /** Cart and coupon discounts: what an order keeps as its order-level discount. */
  orderDiscountCents: number;
  /** What the goods cost after every discount. */
  goodsCents: number;
  /** A free-delivery promotion applies. */
  deliveryFree: boolean;
  /** What delivery costs (0 for pick-up, the counter, free delivery or an order over the rate's free-from total). */
  deliveryFeeCents: number;
  totalCents: number;
  /** The total in riel at `rielPerUsd`, rounded to 100 riel. */
  totalKhr: number;
  /** originalSubtotal − goods: the saving shown to the customer (delivery not included). */
  savingsCents: number;
  coupon: CouponResult | null;
}

/** The shop day ("YYYY-MM-DD", Asia/Phnom_Penh) an instant falls on. */
export function shopDayOf(epochMs: number): string {
  const { year, month, day } = shopClock(epochMs);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The shop day `days` after (or before, when negative) a shop day. */
export function addShopDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The instant a shop day begins: its midnight in Asia/Phnom_Penh (epoch ms). */
export function shopDayStart(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return fromShopWallClock(new Date(Date.UTC(year, month - 1, date)));
}

export type RuleState = 'scheduled' | 'live' | 'ended' | 'paused';

/** Where a rule stands on a shop day: paused wins, then its days. */
export function ruleState(
  rule: { paused: boolean; startsOn: string | null; endsOn: string | null },
  today: string,
): RuleState {
  if (rule.paused) return 'paused';
  if (rule.endsOn !== null && today > rule.endsOn) return 'ended';
  if (rule.startsOn !== null && today < rule.startsOn) return 'scheduled';
  return 'live';
}

/** `percent` of `amount`, rounded half-up to a cent (integers only). */
function percentOf(amount: number, pct: number): number {
  return Math.floor((amount * pct + 50) / 100);
}

function offOf(amount: number, rule: { percent: number | null; amountCents: number | null }): number {
  const taken = rule.percent !== null ? percentOf(amount, rule.percent) : (rule.amountCents ?? 0);
  return Math.min(amount, Math.max(0, taken));
}

type LineRule = Extract<PromotionRule, { kind: 'sale_price' | 'category_off' | 'brand_off' }>;
type CartRule = Extract<PromotionRule, { kind: 'cart_discount' | 'free_item' | 'free_delivery' }>;

/** The unit price a line rule gives a line, or null when it does not cover the line's product. */
function unitPriceBy(rule: LineRule, line: CartLineInput): number | null {
  switch (rule.kind) {
    case 'sale_price':
      return rule.productId === line.productId ? Math.min(line.priceCents, rule.salePriceCents) : null;
    case 'category_off':
      return line.categoryIds.includes(rule.categoryId)
        ? line.priceCents - offOf(line.priceCents, rule)
        : null;
    case 'brand_off':
      return rule.brandId === line.brandId ? line.priceCents - offOf(line.priceCents, rule) : null;
  }
}

const lineKindOrder: Record<LineRule['kind'], number> = { sale_price: 0, category_off: 1, brand_off: 2 };

/** Step 1: the lowest unit price of the live line rules; ties go to a sale price, then category, brand, then id. */
function priceLine(line: CartLineInput, rules: readonly LineRule[]): PricedLine {
  let best: { unit: number; rule: LineRule } | null = null;
  for (const rule of rules) {
    const unit = unitPriceBy(rule, line);
    if (unit === null || unit >= line.priceCents) continue;
    const better =
      best === null ||
      unit < best.unit ||
      (unit === best.unit &&
        (lineKindOrder[rule.kind] < lineKindOrder[best.rule.kind] ||
          (rule.kind === best.rule.kind && rule.id < best.rule.id)));
    if (better) best = { unit, rule };
  }
  const unitPriceCents = best?.unit ?? line.priceCents;
  return {
    productId: line.productId,
    quantity: line.quantity,
    originalUnitCents: line.priceCents,
    unitPriceCents,
    lineDiscountCents: (line.priceCents - unitPriceCents) * line.quantity,
    promotion: best && { id: best.rule.id, name: best.rule.name, kind: best.rule.kind },
    totalCents: unitPriceCents * line.quantity,
  };
}

function conditionHolds(
  rule: { minTotalCents: number | null; productIds: readonly string[] },
  subtotalCents: number,
  inCart: ReadonlySet<string>,
): boolean {
  return (
    (rule.minTotalCents === null || subtotalCents >= rule.minTotalCents) &&
    rule.productIds.every((p) => inCart.has(p))
  );
}

/** Step 2: the largest cart discount, every free item, free delivery; all judged on the subtotal after step 1. */
function priceCartRules(
  rules: readonly CartRule[],
  lines: readonly PricedLine[],
  subtotalCents: number,
): { discounts: PricedDiscount[]; deliveryFree: boolean } {
  const inCart = new Set(lines.map((l) => l.productId));
  const holding = rules.filter((r) => conditionHolds(r, subtotalCents, inCart));
  const discounts: PricedDiscount[] = [];
  const promotion = (rule: CartRule, amountCents: number): PricedDiscount => ({
    source: 'promotion',
    id: rule.id,
    name: rule.name,
    kind: rule.kind,
    level: 'cart',
    amountCents,
  });

  let best: PricedDiscount | null = null;
  for (const rule of holding) {
    if (rule.kind !== 'cart_discount') continue;
    const amount = offOf(subtotalCents, rule);
    if (
      amount > 0 &&
      (best === null || amount > best.amountCents || (amount === best.amountCents && rule.id < best.id))
    )
      best = promotion(rule, amount);
  }
  if (best) discounts.push(best);

  let left = subtotalCents - (best?.amountCents ?? 0);
  // Free items in id order: two rules giving the same product never make more units free than the cart holds.
  const freeLeft = new Map(lines.map((l) => [l.productId, { units: l.quantity, unit: l.unitPriceCents }]));
  for (const rule of [...holding].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (rule.kind !== 'free_item') continue;
    const line = freeLeft.get(rule.freeProductId);
    if (!line) continue;
    const units = Math.min(line.units, rule.freeQuantity);
    const amount = Math.min(left, units * line.unit);
    if (amount <= 0) continue;
    line.units -= units;
    left -= amount;
    discounts.push(promotion(rule, amount));
  }
  return { discounts, deliveryFree: holding.some((r) => r.kind === 'free_delivery') };
}

/** Step 3: the coupon on what is left, or why it is refused. */
function priceCoupon(
  attempt: CouponAttempt,
  input: PriceCartInput,
  today: string,
  leftCents: number,
): CouponResult {
  const refuse = (reason: CouponRefusal): CouponResult => ({ status: 'refused', code: attempt.code, reason });
  const rule = attempt.rule;
  if (!rule) return refuse('unknown');
  const state = ruleState(rule, today);
  if (state === 'paused') return refuse('paused');
  if (state === 'scheduled') return refuse('not_started');
  if (state === 'ended') return refuse('expired');
  if (!rule.channels.includes(input.channel)) return refuse('channel');
  if (rule.maxUses !== null && attempt.uses >= rule.maxUses) return refuse('used_up');
  if (rule.maxUsesPerCustomer !== null) {
    if (!input.knownCustomer) return refuse('customer_required');
    if (attempt.customerUses >= rule.maxUsesPerCustomer) return refuse('customer_used_up');
  }
  if (rule.minTotalCents !== null && leftCents < rule.minTotalCents) return refuse('min_total');
  const amountCents = offOf(leftCents, rule);
  if (amountCents <= 0) return refuse('no_effect');
  return { status: 'applied', code: rule.code, id: rule.id, name: rule.name, amountCents };
}

function isLineRule(rule: PromotionRule): rule is LineRule {
  return rule.kind === 'sale_price' || rule.kind === 'category_off' || rule.kind === 'brand_off';
}

/**
 * What a cart costs under the shop's promotions and an optional coupon, at an instant, on a channel. Pure: the same
 * input gives the same answer on the server, in the web shop and at a counter.
 */
export function priceCart(input: PriceCartInput): PricedCart {
  const today = shopDayOf(input.now);
  const live = input.rules.filter((r) => ruleState(r, today) === 'live');
  const lineRules = live.filter(isLineRule);
  const cartRules = live.filter((r): r is CartRule => !isLineRule(r));

  const lines = input.lines.map((line) => priceLine(line, lineRules));
  const originalSubtotalCents = lines.reduce((sum, l) => sum + l.originalUnitCents * l.quantity, 0);
  const subtotalCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
  const lineDiscountCents = originalSubtotalCents - subtotalCents;

  const discounts: PricedDiscount[] = [];
  const byPromotion = new Map<string, PricedDiscount>();
  for (const line of lines) {
    if (!line.promotion || line.lineDiscountCents === 0) continue;
    const known = byPromotion.get(line.promotion.id);
    if (known) known.amountCents += line.lineDiscountCents;
    else {
      const discount: PricedDiscount = {
        source: 'promotion',
        id: line.promotion.id,
        name: line.promotion.name,
        kind: line.promotion.kind,
        level: 'line',
        amountCents: line.lineDiscountCents,
      };
      byPromotion.set(discount.id, discount);
      discounts.push(discount);
    }
  }

  const cart = priceCartRules(cartRules, lines, subtotalCents);
  discounts.push(...cart.discounts);
  const cartDiscountCents = cart.discounts.reduce((sum, d) => sum + d.amountCents, 0);

  const coupon = input.coupon
    ? priceCoupon(input.coupon, input, today, subtotalCents - cartDiscountCents)
    : null;
  const couponDiscountCents = coupon?.status === 'applied' ? coupon.amountCents : 0;
  if (coupon?.status === 'applied')
    discounts.push({
      source: 'coupon',
      id: coupon.id,
      name: coupon.name,
      kind: 'coupon',
      level: 'cart',
      amountCents: couponDiscountCents,
    });

  const orderDiscountCents = cartDiscountCents + couponDiscountCents;
  const goodsCents = subtotalCents - orderDiscountCents;
  const delivery = input.delivery ?? null;
  const overFreeFrom = delivery?.freeFromCents != null && goodsCents >= delivery.freeFromCents;
  const deliveryFeeCents = !delivery || cart.deliveryFree || overFreeFrom ? 0 : delivery.feeCents;
  const totalCents = goodsCents + deliveryFeeCents;
  return {
    lines,
    discounts,
    originalSubtotalCents,
    lineDiscountCents,
    subtotalCents,
    cartDiscountCents,
    couponDiscountCents,
    orderDiscountCents,
    goodsCents,
    deliveryFree: cart.deliveryFree,
    deliveryFeeCents,
    totalCents,
    totalKhr: usdCentsToKhr(totalCents, input.rielPerUsd),
    savingsCents: originalSubtotalCents - goodsCents,
    coupon,
  };
}
