import { z } from 'zod';
import { usdCentsToKhr } from './money';
import { fromShopWallClock, shopClock } from './shop-time';

/**
 * Promotions and coupons: rules as data, priced by one pure function (`priceCart`) that the server's checkout, the
 * web shop's pages and the counter all run, so an offline counter charges what the server would and the server can
 * check what a counter sent. Stacking order (docs/decisions/0017-one-pricing-function.md):
 *
 * 1. Each line: the best ONE of the product's live sale price and the live percent/amount off its category (or a
 *    parent category) or brand: the lowest unit price wins, they never add up. The catalog price is struck through.
 * 2. Cart rules, on the subtotal after step 1: of the cart discounts whose condition holds, the largest; every free
 *    item whose condition holds (units of that product in the cart become free); free delivery.
 * 3. A coupon, last, on what is left after steps 1 and 2 (its minimum total is checked against that amount too).
 *
 * Percentages round half-up to a whole cent, per unit on a line and once on a cart; no discount takes an amount
 * below zero. Dates are shop days (Asia/Phnom_Penh) and both ends are included: a rule ending on 2026-12-31 stops at
 * the shop's midnight into 2027-01-01.
 */

const id = z.string().min(1).max(40);
const cents = z.number().int().min(0).max(100_000_000);
/** A day on the shop's calendar, YYYY-MM-DD (Asia/Phnom_Penh). */
export const shopDaySchema = z.string().regex(/^\d{4}-\d{2}-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
const percent = z.number().int().min(1).max(100);
const ruleName = z.string().trim().min(1).max(120);

export const pricingChannels = ['web', 'pos'] as const;
export const pricingChannelSchema = z.enum(pricingChannels);
export type PricingChannel = z.infer<typeof pricingChannelSchema>;

export const promotionKinds = [
  /** One product at a lower price. */
  'sale_price',
  /** Percent or amount off every product of a category (and the categories under it). */
  'category_off',
  /** Percent or amount off every product of a brand. */
  'brand_off',
  /** Percent or amount off the cart when it reaches a total or holds a set of products. */
  'cart_discount',
  /** Units of a product in the cart become free when the cart reaches a total or holds a set of products. */
  'free_item',
  /** No delivery fee when the cart reaches a total or holds a set of products. */
  'free_delivery',
] as const;
export type PromotionKind = (typeof promotionKinds)[number];

/** What every rule has: a name customers read on receipts and invoices, its shop days and whether it is paused. */
const period = {
  name: ruleName,
  /** First shop day it applies; null: from now. */
  startsOn: shopDaySchema.nullable(),
  /** Last shop day it applies (until the shop's midnight after it); null: no end. */
  endsOn: shopDaySchema.nullable(),
};

/** Exactly one of `percent` and `amountCents`. */
const off = { percent: percent.nullable(), amountCents: cents.nullable() };

/** The condition of a cart rule: both parts must hold (null / empty: that part holds always). */
const cartCondition = {
  /** The cart's subtotal after line prices (step 1) must reach this. */
  minTotalCents: cents.nullable(),
  /** Every one of these products must be in the cart. */
  productIds: z.array(id).max(20),
};

function oneOff(rule: { percent: number | null; amountCents: number | null }): boolean {
  return (rule.percent === null) !== (rule.amountCents === null);
}
const oneOffMessage = { message: 'give either percent or amountCents', path: ['percent'] };
function periodInOrder(rule: { startsOn: string | null; endsOn: string | null }): boolean {
  return rule.startsOn === null || rule.endsOn === null || rule.startsOn <= rule.endsOn;
}
const periodMessage = { message: 'the end is before the start', path: ['endsOn'] };

const lineOff = <S extends z.ZodObject>(schema: S) =>
  schema.refine(oneOff, oneOffMessage).refine(periodInOrder, periodMessage);
const inOrder = <S extends z.ZodObject>(schema: S) => schema.refine(periodInOrder, periodMessage);

/** A promotion as the back office writes it (create, or replace when editing). */
export const promotionInputSchema = z
  .discriminatedUnion('kind', [
    inOrder(z.object({ kind: z.literal('sale_price'), ...period, productId: id, salePriceCents: cents })),
    lineOff(z.object({ kind: z.literal('category_off'), ...period, categoryId: id, ...off })),
    lineOff(z.object({ kind: z.literal('brand_off'), ...period, brandId: id, ...off })),
    lineOff(z.object({ kind: z.literal('cart_discount'), ...period, ...cartCondition, ...off })),
    inOrder(
      z.object({
        kind: z.literal('free_item'),
        ...period,
        ...cartCondition,
        freeProductId: id,
        /** At most this many units of `freeProductId` are free per order. */
        freeQuantity: z.number().int().min(1).max(100),
      }),
    ),
    inOrder(z.object({ kind: z.literal('free_delivery'), ...period, ...cartCondition })),
  ])
  .meta({ id: 'PromotionInput' });
export type PromotionInput = z.infer<typeof promotionInputSchema>;

/** A promotion rule as priced and as synced to the counters (entity `promotion` of the change feed). */
export const promotionRuleSchema = z
  .intersection(z.object({ id, paused: z.boolean() }), promotionInputSchema)
  .meta({ id: 'PromotionRule' });
export type PromotionRule = z.infer<typeof promotionRuleSchema>;

export const couponCodeSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dash and underscore');

/** Codes are matched without regard to case: "tet2027" is "TET2027". */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

const couponFields = {
  code: couponCodeSchema,
  ...period,
  ...off,
  /** What is left after promotions must reach this for the coupon to apply. */
  minTotalCents: cents.nullable(),
  /** Orders that may use it in all; null: no limit. */
  maxUses: z.number().int().min(1).max(1_000_000).nullable(),
  /** Orders one customer may use it on; null: no limit. A limit needs a known customer (signed in, or named at the counter). */
  maxUsesPerCustomer: z.number().int().min(1).max(1_000).nullable(),
  channels: z.array(pricingChannelSchema).min(1).max(2),
};

export const couponInputSchema = z
  .object(couponFields)
  .refine(oneOff, oneOffMessage)
  .refine(periodInOrder, periodMessage)
  .meta({ id: 'CouponInput' });
export type CouponInput = z.infer<typeof couponInputSchema>;

/** A coupon as priced and as synced to the counters (entity `coupon`). `code` is upper case. */
export const couponRuleSchema = z
  .object({ id, ...couponFields, paused: z.boolean() })
  .refine(oneOff, oneOffMessage)
  .meta({ id: 'CouponRule' });
export type CouponRule = z.infer<typeof couponRuleSchema>;

export const couponRefusals = [
  /** No coupon has this code. */
  'unknown',
  'not_started',
  'expired',
  'paused',
  /** Not valid on this channel (web or counter). */
  'channel',
  /** What is left after promotions is below the coupon's minimum. */
  'min_total',
  /** Its total uses are all taken. */
  'used_up',
  /** This customer has used it as often as one customer may. */
  'customer_used_up',
  /** It has a per-customer limit and the buyer is not known (a guest; a counter sale without a customer). */
  'customer_required',
  /** It would take nothing off this cart. */
  'no_effect',
] as const;
export type CouponRefusal = (typeof couponRefusals)[number];

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
      return line.categoryIds.includes(rule.categoryId) ? line.priceCents - offOf(line.priceCents, rule) : null;
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
    if (amount > 0 && (best === null || amount > best.amountCents || (amount === best.amountCents && rule.id < best.id)))
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

// --- what the API answers ---------------------------------------------------------------------------------------

export const ruleStates = ['scheduled', 'live', 'ended', 'paused'] as const;

/** How a promotion or coupon did: the orders (not cancelled or expired) that used it, what it gave, what they paid. */
const usage = {
  state: z.enum(ruleStates),
  /** Orders that carry it. */
  uses: z.number().int(),
  /** What it took off those orders (USD cents). */
  discountCents: z.number().int(),
  /** Those orders' totals (USD cents). */
  revenueCents: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
};

export const promotionSchema = z
  .intersection(z.object(usage), promotionRuleSchema)
  .meta({ id: 'Promotion' });
export type Promotion = z.infer<typeof promotionSchema>;

export const promotionListSchema = z
  .object({ items: z.array(promotionSchema) })
  .meta({ id: 'PromotionList' });
export type PromotionList = z.infer<typeof promotionListSchema>;

export const couponSchema = z
  .object({ ...usage, id, ...couponFields, paused: z.boolean() })
  .meta({ id: 'Coupon' });
export type Coupon = z.infer<typeof couponSchema>;

export const couponListSchema = z.object({ items: z.array(couponSchema) }).meta({ id: 'CouponList' });
export type CouponList = z.infer<typeof couponListSchema>;

/** The live and coming promotions, for the web shop to price product pages with `priceCart` (GET /promotions). */
export const livePromotionsSchema = z
  .object({ rules: z.array(promotionRuleSchema), rielPerUsd: z.number().int() })
  .meta({ id: 'LivePromotions' });
export type LivePromotions = z.infer<typeof livePromotionsSchema>;

export const pricedDiscountSchema = z
  .object({
    source: z.enum(['promotion', 'coupon']),
    id,
    name: z.string(),
    kind: z.enum([...promotionKinds, 'coupon']),
    level: z.enum(['line', 'cart']),
    amountCents: z.number().int(),
  })
  .meta({ id: 'PricedDiscount' });

export const couponResultSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('applied'),
      code: z.string(),
      id,
      name: z.string(),
      amountCents: z.number().int(),
    }),
    z.object({ status: z.literal('refused'), code: z.string(), reason: z.enum(couponRefusals) }),
  ])
  .meta({ id: 'CouponResult' });

/** The promotions part of a cart answer (GET /cart?coupon=CODE): every discount by name and what the coupon did. */
export const cartPromotionsSchema = z
  .object({
    discounts: z.array(pricedDiscountSchema),
    /** Σ catalog price × quantity, before any promotion. */
    originalSubtotalCents: z.number().int(),
    /** Cart rules and coupon: taken off after the lines. */
    orderDiscountCents: z.number().int(),
    /** What the goods cost after every discount (before delivery). */
    goods: z.object({ usdCents: z.number().int(), khr: z.number().int() }),
    savingsCents: z.number().int(),
    deliveryFree: z.boolean(),
    coupon: couponResultSchema.nullable(),
  })
  .meta({ id: 'CartPromotions' });
export type CartPromotions = z.infer<typeof cartPromotionsSchema>;

/** A discount an order carries, by name, as its invoice and receipt show it. */
export const orderDiscountSchema = pricedDiscountSchema.meta({ id: 'OrderDiscount' });
export type OrderDiscount = z.infer<typeof orderDiscountSchema>;
