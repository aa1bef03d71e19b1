import { z } from 'zod';

export * from './price-cart';

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
/** A day on the shop's calendar, YYYY-MM-DD (Asia/Phnom_Penh): rules start and end on whole shop days. */
const shopDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
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
  startsOn: shopDay.nullable(),
  /** Last shop day it applies (until the shop's midnight after it); null: no end. */
  endsOn: shopDay.nullable(),
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

type Off = { percent: number | null; amountCents: number | null };
type Period = { startsOn: string | null; endsOn: string | null };

function oneOff(rule: Off): boolean {
  return (rule.percent === null) !== (rule.amountCents === null);
}
const oneOffMessage = { message: 'give either percent or amountCents', path: ['percent'] };
function periodInOrder(rule: Period): boolean {
  return rule.startsOn === null || rule.endsOn === null || rule.startsOn <= rule.endsOn;
}
const periodMessage = { message: 'the end is before the start', path: ['endsOn'] };

const inOrder = <S extends z.ZodObject>(schema: S) =>
  schema.refine((rule) => periodInOrder(rule as Period), periodMessage);
const lineOff = <S extends z.ZodObject>(schema: S) =>
  inOrder(schema).refine((rule) => oneOff(rule as Off), oneOffMessage);

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

export const promotionSchema = z.intersection(z.object(usage), promotionRuleSchema).meta({ id: 'Promotion' });
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

/** A counter sale charged less than the server's prices at its time, applied at the counter's price and flagged. */
export const flaggedSaleSchema = z
  .object({
    orderId: id,
    number: z.string(),
    receiptNumber: z.string().nullable(),
    deviceId: z.string().nullable(),
    staffId: z.string().nullable(),
    /** When it was sold at the counter. */
    at: z.number().int(),
    /** What the server's promotions would have charged, the cashier's own discounts taken off. */
    expectedCents: z.number().int(),
    chargedCents: z.number().int(),
  })
  .meta({ id: 'FlaggedSale' });
export type FlaggedSale = z.infer<typeof flaggedSaleSchema>;

export const flaggedSaleListSchema = z
  .object({ items: z.array(flaggedSaleSchema) })
  .meta({ id: 'FlaggedSaleList' });
