import { z } from 'zod';
import { localeSchema } from './accounts';
import { cartPromotionsSchema, couponCodeSchema, orderDiscountSchema } from './promotions';
import { fromShopWallClock, shopWallClock } from './shop-time';

/**
 * The order lifecycle: one table of allowed transitions, used by the server to enforce it and by the web shop and
 * the POS to show what can happen next. Who may make a transition is part of the table.
 */
export const orderStatuses = [
  'pending_payment',
  'payment_review',
  'paid',
  'processing',
  'ready_for_pickup',
  'picked_up',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'cancelled',
  'expired',
  'refunded',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Who moves an order: the customer, staff (or admins), or the system (payment checks, expiry). */
export type OrderActor = 'customer' | 'staff' | 'system';

export const orderTransitions: Record<OrderStatus, Partial<Record<OrderStatus, readonly OrderActor[]>>> = {
  // Paid only by a matching Bakong check (system) or a payment staff accepted in review: never by a customer.
  pending_payment: {
    paid: ['system'],
    payment_review: ['system', 'staff'],
    cancelled: ['customer', 'staff'],
    expired: ['system'],
  },
  // A payment that did not match (amount, currency, account) or a screenshot waits for staff.
  payment_review: { paid: ['staff'], cancelled: ['staff'], pending_payment: ['staff'] },
  paid: { processing: ['staff'], refunded: ['staff'] },
  processing: { ready_for_pickup: ['staff'], out_for_delivery: ['staff'], refunded: ['staff'] },
  ready_for_pickup: { picked_up: ['staff'], refunded: ['staff'] },
  out_for_delivery: { delivered: ['staff'], delivery_failed: ['staff'] },
  delivery_failed: { out_for_delivery: ['staff'], refunded: ['staff'] },
  picked_up: { refunded: ['staff'] },
  delivered: { refunded: ['staff'] },
  cancelled: {},
  expired: {},
  refunded: {},
};

export function canTransition(from: OrderStatus, to: OrderStatus, actor: OrderActor): boolean {
  return orderTransitions[from][to]?.includes(actor) ?? false;
}

export function nextStatuses(from: OrderStatus, actor: OrderActor): OrderStatus[] {
  return (Object.keys(orderTransitions[from]) as OrderStatus[]).filter((to) =>
    canTransition(from, to, actor),
  );
}

/** Stock is held (reserved) while an order waits for its money; sold from payment on; given back when it ends unpaid. */
export function holdsReservation(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'payment_review';
}

/** Closed orders keep their lines as they are: nothing left to cancel, or the goods are with the customer. */
export function canCancelLines(status: OrderStatus): boolean {
  return !['cancelled', 'expired', 'refunded', 'picked_up', 'delivered'].includes(status);
}

/**
 * The first step at which goods leave the shop (out for delivery, picked up) names the serial numbers of serialized
 * units; `delivered` only follows `out_for_delivery`, so it finds them named already.
 */
export function handsOverGoods(to: OrderStatus): boolean {
  return to === 'out_for_delivery' || to === 'picked_up' || to === 'delivered';
}

/**
 * When a warranty of `months` calendar months that starts at `soldAt` ends: the same day of the month `months`
 * later on the shop's calendar, or that month's last day when it is shorter (31 January + 1 month = 28/29 February).
 */
export function warrantyUntil(soldAt: number, months: number): number {
  // Day 1 first, so moving the month never overflows into the next.
  const local = shopWallClock(soldAt);
  const end = new Date(local);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(local.getUTCDate(), lastDay));
  return fromShopWallClock(end);
}

export const currencySchema = z.enum(['USD', 'KHR']);
export const fulfilmentSchema = z.enum(['pickup', 'delivery']);
export const orderChannelSchema = z.enum(['web', 'pos']);

const quantity = z.number().int().min(1, 'at least 1').max(99, 'at most 99 per order line');

export const cartItemInputSchema = z
  .object({ productId: z.string().min(1).max(40), quantity })
  .meta({ id: 'CartItemInput' });
export const cartItemPatchSchema = z.object({ quantity }).meta({ id: 'CartItemPatch' });

const money = z.object({ usdCents: z.number().int(), khr: z.number().int() });

export const cartLineSchema = z.object({
  id: z.string(),
  productId: z.string(),
  slug: z.string(),
  sku: z.string(),
  name: z.string(),
  imageUrl: z.string().nullable(),
  quantity: z.number().int(),
  /** The price of one unit now, after the line's promotion (priceCart). */
  unitPriceCents: z.number().int(),
  /** The catalog's price: shown struck through when higher than unitPriceCents. */
  originalUnitPriceCents: z.number().int(),
  /** The promotion that set the unit price, or null. */
  promotion: z.object({ id: z.string(), name: z.string() }).nullable(),
  lineTotal: money,
  /** How many can be ordered now; a line asking for more shows a warning and cannot be checked out as is. */
  available: z.number().int(),
  problem: z.enum(['out_of_stock', 'not_enough_stock', 'unavailable']).nullable(),
});

export const cartSchema = z
  .object({
    id: z.string().nullable(),
    lines: z.array(cartLineSchema),
    itemCount: z.number().int(),
    /** Σ line totals after line promotions. */
    subtotal: money,
    rielPerUsd: z.number().int(),
    canCheckout: z.boolean(),
    /** Cart rules and the coupon asked for (GET /cart?coupon=CODE), priced by priceCart. */
    promotions: cartPromotionsSchema,
  })
  .meta({ id: 'Cart' });
export const cartQuerySchema = z.object({ coupon: couponCodeSchema.optional() });
export type Cart = z.infer<typeof cartSchema>;

/** What every web order chooses, signed in or as a guest: the lines (or the cart), pickup or delivery, the currency. */
export const orderChoicesSchema = z.object({
  items: z.array(cartItemInputSchema).min(1).max(50).optional(),
  fulfilment: fulfilmentSchema,
  currency: currencySchema,
  note: z.string().trim().max(500).optional(),
  /** A coupon code: refused (400, field couponCode, the reason) when it does not apply; its use is counted. */
  couponCode: couponCodeSchema.optional(),
});

export type OrderChoices = z.infer<typeof orderChoicesSchema>;

export function refuseRepeatedItems(
  o: { items?: { productId: string }[] | undefined },
  ctx: z.RefinementCtx,
) {
  if (o.items && new Set(o.items.map((i) => i.productId)).size !== o.items.length)
    ctx.addIssue({ code: 'custom', path: ['items'], message: 'list each product once' });
}

export const placeOrderInputSchema = orderChoicesSchema
  .extend({
    /** A saved address of the customer (delivery only). */
    addressId: z.string().min(1).max(40).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.fulfilment === 'delivery' && !o.addressId)
      ctx.addIssue({ code: 'custom', path: ['addressId'], message: 'choose a delivery address' });
    refuseRepeatedItems(o, ctx);
  })
  .meta({ id: 'PlaceOrderInput' });
export type PlaceOrderInput = z.infer<typeof placeOrderInputSchema>;

export const orderItemSchema = z.object({
  id: z.string(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  /** The catalog's price when the order was placed, when a promotion lowered it (struck through); else absent. */
  originalUnitPriceCents: z.number().int().optional(),
  /** The promotion that lowered the unit price, by name. */
  promotionName: z.string().optional(),
  lineTotalCents: z.number().int(),
  warrantyMonths: z.number().int(),
  cancelledQuantity: z.number().int(),
  serials: z.array(z.string()),
});

export const orderEventSchema = z.object({
  from: z.enum(orderStatuses).nullable(),
  to: z.enum(orderStatuses),
  actor: z.enum(['customer', 'staff', 'system']),
  reason: z.string().nullable(),
  at: z.number().int(),
});

export const deliveryAddressSchema = z.object({
  recipient: z.string(),
  phone: z.string(),
  lines: z.array(z.string()),
  /** The province the delivery was priced for (orders placed before rates per province have none). */
  province: z.string().optional(),
});

export const orderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(orderStatuses),
    channel: orderChannelSchema,
    customer: z.object({ id: z.string().nullable(), name: z.string(), email: z.string().nullable() }),
    items: z.array(orderItemSchema),
    fulfilment: fulfilmentSchema,
    deliveryAddress: deliveryAddressSchema.nullable(),
    note: z.string().nullable(),
    subtotalCents: z.number().int(),
    deliveryFeeCents: z.number().int(),
    /** The days the delivery was promised in, fewest and most after payment; null for pick-up. */
    deliveryDays: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
    /** Taken off the whole order after its lines: cart promotions and a coupon (web), a discount (counter). */
    discountCents: z.number().int().optional(),
    /** Every promotion and coupon of the order by name, as invoices and receipts show them. */
    discounts: z.array(orderDiscountSchema).optional(),
    couponCode: z.string().nullable().optional(),
    /**
     * A counter sale charged less than the server's promotions would have (a promotion ended while the counter was
     * offline): applied at the counter's price and shown to staff.
     */
    priceFlag: z
      .object({ expectedCents: z.number().int(), chargedCents: z.number().int() })
      .nullable()
      .optional(),
    totalCents: z.number().int(),
    currency: currencySchema,
    /** The total in riel at the order's exchange rate, rounded to 100 riel. */
    totalKhr: z.number().int(),
    rielPerUsd: z.number().int(),
    locale: localeSchema,
    createdAt: z.number().int(),
    paidAt: z.number().int().nullable(),
    /**
     * What the shop owes back for lines cancelled after the customer paid (USD cents; totals stay what was paid).
     * Lines cancelled before payment lower the total instead.
     */
    refundOwedCents: z.number().int(),
    events: z.array(orderEventSchema),
    /** What the caller may do next (a customer: cancel while unpaid; staff: move it along). */
    nextStatuses: z.array(z.enum(orderStatuses)),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof orderSchema>;

export const orderListQuerySchema = z.object({
  status: z.enum(orderStatuses).optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const orderListSchema = z
  .object({
    items: z.array(orderSchema.omit({ events: true, items: true }).extend({ itemCount: z.number().int() })),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'OrderList' });

const serialNumber = z.string().trim().min(1).max(64);

export const orderTransitionInputSchema = z
  .object({
    to: z.enum(orderStatuses),
    reason: z.string().trim().max(500).optional(),
    /** At handover: the serial numbers of the units that leave, by order line id (serialized products only). */
    serials: z
      .record(z.string().min(1).max(40), z.array(serialNumber).min(1).max(99))
      .refine((byLine) => Object.keys(byLine).length <= 50, 'at most 50 lines')
      .optional(),
  })
  .meta({ id: 'OrderTransitionInput' });
export type OrderTransitionInput = z.infer<typeof orderTransitionInputSchema>;

export const orderLineCancelReasons = [
  'out_of_stock',
  'customer_request',
  'damaged',
  'pricing_error',
  'other',
] as const;
export type OrderLineCancelReason = (typeof orderLineCancelReasons)[number];

export const cancelOrderLineInputSchema = z
  .object({
    quantity: z.number().int().min(1, 'at least 1').max(99),
    reason: z.enum(orderLineCancelReasons),
    note: z.string().trim().max(300).optional(),
    /**
     * The units' serial numbers when they are known: units that were handed over and come back, or damaged units
     * of a serialized product written off.
     */
    serials: z.array(serialNumber).min(1).max(99).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.serials && c.serials.length !== c.quantity)
      ctx.addIssue({ code: 'custom', path: ['serials'], message: 'give one serial number per unit' });
    if (c.serials && new Set(c.serials).size !== c.serials.length)
      ctx.addIssue({ code: 'custom', path: ['serials'], message: 'serial numbers must be different' });
  })
  .meta({ id: 'CancelOrderLineInput' });
export type CancelOrderLineInput = z.infer<typeof cancelOrderLineInputSchema>;

export const paymentViewSchema = z
  .object({
    /** review: the money that came did not match (amount, currency, account) and staff are checking. */
    status: z.enum(['pending', 'paid', 'expired', 'review']),
    khqr: z.string(),
    md5: z.string(),
    /** In minor units of `currency`: USD cents or whole riel. */
    amount: z.number().int(),
    currency: currencySchema,
    expiresAt: z.number().int(),
    /** The receiver's name as the QR carries it: customers are told to check it before paying. */
    receiverName: z.string(),
    orderStatus: z.enum(orderStatuses),
    /** New QR codes the customer may still ask for when this one runs out (0: this is the last one). */
    renewalsLeft: z.number().int(),
    /** The end of the order's hold on its stock: no QR of it is payable later, however often it was renewed. */
    holdEndsAt: z.number().int(),
  })
  .meta({ id: 'PaymentView' });
export type PaymentView = z.infer<typeof paymentViewSchema>;

/**
 * Unpaid orders hold stock, so one customer may hold only so much at a time. A refused order is a 409 whose `fields`
 * say which limit bit (`holdLimit`), whose holds were counted (`holdLimitBy`: the account, the browser across its
 * accounts, or the network address) and the limit (`holdLimitMax`); for a product's units also `items.<productId>`.
 */
export const holdLimitKinds = ['unpaid_orders', 'product_units'] as const;
export type HoldLimitKind = (typeof holdLimitKinds)[number];
export const holdLimitHolders = ['customer', 'browser', 'address'] as const;
export type HoldLimitHolder = (typeof holdLimitHolders)[number];

export interface HoldLimitRefusal {
  kind: HoldLimitKind;
  by: HoldLimitHolder;
  max: number;
  /** The product whose units were limited (product_units only). */
  productId: string | null;
}

export function holdLimitFields(refusal: HoldLimitRefusal): Record<string, string> {
  return {
    holdLimit: refusal.kind,
    holdLimitBy: refusal.by,
    holdLimitMax: String(refusal.max),
    ...(refusal.productId && {
      [`items.${refusal.productId}`]: `at most ${refusal.max} unpaid at a time`,
    }),
  };
}

/** The hold limit an error's fields name, or null when the error is about something else. */
export function holdLimitOf(fields: Record<string, string> | undefined): HoldLimitRefusal | null {
  const kind = holdLimitKinds.find((k) => k === fields?.holdLimit);
  const by = holdLimitHolders.find((h) => h === fields?.holdLimitBy);
  const max = Number(fields?.holdLimitMax);
  if (!fields || !kind || !by || !Number.isInteger(max)) return null;
  const productKey = Object.keys(fields).find((key) => key.startsWith('items.'));
  return { kind, by, max, productId: productKey ? productKey.slice('items.'.length) : null };
}
