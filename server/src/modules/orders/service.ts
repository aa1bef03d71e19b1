import {
  canTransition,
  holdsReservation,
  isPreOrderStatus,
  type Order,
  type OrderActor,
  type OrderStatus,
  type GuestDeliveryAddress,
  type OrderChoices,
  type PlaceOrderInput,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { isUniqueViolation } from '../../db/errors';
import type { OrderHoldTable, OrderTable } from '../../db/schema';
import { setSavepoint } from '../../db/savepoint';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { cartOrderLines, clearCart, type CartOwner } from '../cart/service';
import { isRepairOrder } from '../claims/repo';
import { releaseStock, sellReservedStock } from '../inventory/service';
import { recordStockChanges } from '../inventory/ledger';
import { KHQR_LIFETIME_MS } from '../payments/merchant';
import {
  priceWithPromotions,
  recordOrderDiscounts,
  requireCoupon,
  takeCouponFor,
} from '../promotions/checkout';
import { returnCouponUseOf } from '../promotions/repo';
import { closePreOrder } from '../pre-orders/serving';
import { getPricing } from '../settings/pricing';
import { openOrder, viewerKind, type OrderViewer } from './access';
import { sellSerialsAtHandover } from './handover';
import { getHoldLimits, type HoldLimits } from './hold-limits';
import { prepareHolds, recordHold, releaseHold, takeHolds, takeHoldsAtOnce, type HoldOwner } from './holds';
import { reopenHold, reservationWasReleased } from './holds-repo';
import { orderKey, rememberKey, replay } from './idempotency';
import { notifyOrderEvent, type OrderMailer } from './notifications';
import { noticeOrderStep } from '../notifications/producers';
import { numberOrder, recordOrderRows, reserveLines, type OrderDraft, type RecordedOrder } from './placement';
import { orderTotals, priceLines, withPromotionPrices, type PricedLine } from './pricing';
import { loadOrder, orderHeader, presentRecorded } from './present';
import { chargeLinesCancelledAfterPaidQr } from './late-qr-payment';
import {
  addEvent,
  findAddressOf,
  findCustomerContact,
  findOrderRow,
  orderItemsByProduct,
  pageOfOrders,
  setOrderStatus,
} from './repo';
import { followReviewClock, reserveReleasedStockAgain, sellReleasedStock } from './review-release';

/**
 * Placing web orders and moving every order through the shared state machine. A web order is made of the steps any
 * channel uses (pricing.ts, placement.ts): it reserves its stock in the placing transaction (never oversold: the
 * ledger's conditional update decides) and counts it against what its customer, browser and network may hold
 * unpaid (holds.ts); a retried request with the same Idempotency-Key answers the order the first one made
 * (idempotency.ts).
 */
export const PAYMENT_WINDOW_MS = 15 * 60_000;

export interface PlaceOrderContext {
  db: Db;
  /** Tells the customer the order is placed. */
  mailer: OrderMailer;
  actor: Actor;
  idempotencyKey: string | null;
  /** Where the order comes from, besides the account: its unpaid orders count against these too. */
  placedFrom: Omit<HoldOwner, 'customerId'>;
  /**
   * Runs inside the placing transaction once the order and its hold exist: issues its payment (KHQR), whose QR
   * ends with the hold (given, so that it is not read back).
   */
  onPlaced?: (tx: Tx, order: OrderTable, hold: OrderHoldTable) => Promise<void>;
}

/** Who places a web order: a signed-in customer (below) or a guest (guest.ts). Everything else is the same. */
export interface Buyer {
  /** Whose Idempotency-Keys these are: the account's, or a guest browser's. */
  keyScope: string;
  cart: CartOwner;
  /** The account the order is placed for; null for a guest. */
  userId: string | null;
  /** Who the order is for and where a delivery goes, read in the placing transaction. */
  contact(tx: Tx): Promise<Omit<OrderDraft['customer'], 'userId'>>;
  deliveryAddress(tx: Tx): Promise<DeliveryAddress | null>;
}

export type DeliveryAddress = { recipient: string; phone: string; lines: string[]; province: string };

export async function placeOrder(
  ctx: PlaceOrderContext & { user: SignedInUser },
  input: PlaceOrderInput,
): Promise<Order> {
  const { user } = ctx;
  const placed = await placeWebOrderRows(
    ctx,
    {
      keyScope: user.id,
      cart: { userId: user.id, guestToken: null },
      userId: user.id,
      contact: (tx) => findCustomerContact(tx, user.id),
      deliveryAddress: async (tx) =>
        input.fulfilment === 'delivery' ? deliveryAddress(tx, user.id, input.addressId!) : null,
    },
    input,
  );
  // A new order is answered from the rows it wrote (four reads fewer per order); a replayed one is read.
  return 'recorded' in placed
    ? presentRecorded(placed.recorded, 'customer')
    : loadOrder(ctx.db, placed.earlier, 'customer');
}

/**
 * Places a web order for a buyer: from `input.items` or their cart, reserved, counted against its holders, mailed,
 * paid by KHQR. Answers the order row (a retry with the same Idempotency-Key: the first request's order).
 */
export async function placeWebOrder(
  ctx: PlaceOrderContext,
  buyer: Buyer,
  input: OrderChoices,
): Promise<OrderTable> {
  const placed = await placeWebOrderRows(ctx, buyer, input);
  return 'earlier' in placed ? placed.earlier : (await findOrderRow(ctx.db, placed.recorded.order.id))!;
}

/** placeWebOrder's work: the rows of the order it made, or the order an earlier request with the same key made. */
async function placeWebOrderRows(
  ctx: PlaceOrderContext,
  buyer: Buyer,
  input: OrderChoices,
): Promise<{ recorded: RecordedOrder } | { earlier: OrderTable }> {
  const { db } = ctx;
  const key = orderKey(buyer.keyScope, ctx.idempotencyKey, input);
  if (key) {
    const earlier = await replay(db, key);
    if (earlier) return { earlier };
  }
  const owner: HoldOwner = { customerId: buyer.userId, ...ctx.placedFrom };
  const wanted = input.items ?? (await cartOrderLines(db, buyer.cart));
  await prepareHolds(
    db,
    owner,
    wanted.map((l) => l.productId),
  );
  try {
    return await inTransaction(db, async (tx) => {
      const wantedNow = input.items ?? (await cartOrderLines(tx, buyer.cart));
      if (wantedNow.length === 0) throw new Invalid('Your cart is empty', { items: 'add a product first' });
      const catalogLines = await priceLines(tx, wantedNow);
      const customer = await buyer.contact(tx);
      const address = await buyer.deliveryAddress(tx);
      const pricing = await getPricing(tx);
      const now = Date.now();
      // The one pricing function (promotions/checkout.ts): the order charges what priceCart says now.
      const promo = await priceWithPromotions(tx, {
        lines: catalogLines.map((l) => ({ ...l, priceCents: l.unitPriceCents })),
        couponCode: input.couponCode,
        channel: 'web',
        userId: buyer.userId,
        now,
        rielPerUsd: pricing.rielPerUsd,
      });
      requireCoupon(promo.priced);
      const lines = withPromotionPrices(catalogLines, promo.priced);
      const totals = orderTotals(pricing, address, lines, {
        discountCents: promo.priced.orderDiscountCents,
        deliveryFree: promo.priced.deliveryFree,
      });
      const reserved = await reserveLines(tx, lines, now);
      const number = await numberOrder(tx, 'web');
      await reserved.record(number);
      const limits = await getHoldLimits(tx);
      const recorded = await recordOrderRows(
        tx,
        {
          number,
          channel: 'web',
          status: 'pending_payment',
          customer: {
            userId: buyer.userId,
            name: customer.name,
            email: customer.email,
            phone: address?.phone ?? customer.phone,
            locale: customer.locale,
          },
          fulfilment: input.fulfilment,
          deliveryAddress: address,
          note: input.note ?? null,
          currency: input.currency,
          totals,
          couponCode: promo.coupon ? promo.priced.coupon!.code : null,
          paymentDueAt: now + PAYMENT_WINDOW_MS,
          paidAt: null,
          placedBy: { actor: 'customer', id: buyer.userId },
        },
        lines,
        now,
      );
      const { order } = recorded;
      recorded.discounts = await recordOrderDiscounts(tx, order.id, promo.priced.discounts);
      if (promo.coupon)
        await takeCouponFor(
          tx,
          { id: order.id, userId: buyer.userId },
          promo.coupon,
          promo.priced.couponDiscountCents,
          now,
        );
      const hold = await recordHold(tx, order.id, owner, limits, now);
      if (!input.items) await clearCart(tx, buyer.cart);
      if (key) await rememberKey(tx, key, order.id, now);
      await ctx.onPlaced?.(tx, order, hold);
      await notifyOrderEvent(ctx.mailer, tx, order, null, 'pending_payment');
      await recordAudit(
        tx,
        ctx.actor,
        {
          action: 'order.place',
          entity: 'order',
          entityId: order.id,
          after: { number: order.number, total: totals.totalCents, ...(!buyer.userId && { guest: true }) },
        },
        now,
      );
      // Last, in the lock order of every stock writer (stock, feed, hold counters): rows other placements wait for
      // are held only from here to the commit. A refused hold limit still rolls everything back.
      await writeSharedRows(tx, owner, lines, reserved.onHand, limits, now);
      return { recorded };
    });
  } catch (error) {
    // The same key sent twice at once: the second transaction lost the race on the key; answer the first's order.
    if (key && isUniqueViolation(error)) {
      const earlier = await replay(db, key);
      if (earlier) return { earlier };
    }
    throw error;
  }
}

/**
 * The writes every placement waits for, last before the commit: the change feed's entries (its counter row: every
 * stock writer's) and the holders' counters (the network's: every placement from that address). Three statements
 * in the usual case: the feed's two and one UPDATE of every hold counter. When that UPDATE finds a row missing or a
 * limit reached, all goes back to the savepoint set before them and the counters are taken one by one, which makes
 * missing rows and names the limit that bit.
 */
async function writeSharedRows(
  tx: Tx,
  owner: HoldOwner,
  lines: PricedLine[],
  onHand: ReadonlyMap<string, number>,
  limits: HoldLimits,
  now: number,
): Promise<void> {
  const held = lines.map((l) => ({ ...l, onHand: onHand.get(l.productId)! }));
  const feed = () =>
    recordStockChanges(
      tx,
      lines.map((l) => l.productId),
      now,
    );
  const beforeShared = await setSavepoint(tx, 'before_shared_rows');
  await feed();
  if (await takeHoldsAtOnce(tx, owner, held, limits, now)) return;
  await beforeShared.rollBack();
  await feed();
  await takeHolds(tx, owner, held, limits, now);
}

/**
 * Moves an order to `to` if the state machine lets `actor` do it, with the stock following: reservations are sold
 * when paid and given back when an unpaid order ends; serialized units are sold by serial number when the goods are
 * handed over (handover.ts). The update is conditional on the status read, so two staff members clicking at once
 * cannot both move it.
 */
export async function transitionOrder(
  db: Db | Tx,
  input: {
    orderId: string;
    to: OrderStatus;
    actor: OrderActor;
    actorId: string | null;
    reason?: string | null;
    ip?: string | null;
    /** At handover: serial numbers by order line id. */
    serials?: Record<string, string[]>;
  },
  /** Tells the customer what their order became. */
  mailer: OrderMailer,
): Promise<void> {
  const run = async (tx: Tx) => {
    const order = await findOrderRow(tx, input.orderId);
    if (!order) throw new NotFound('There is no such order');
    const from = order.status as OrderStatus;
    if (!canTransition(from, input.to, input.actor)) {
      throw new Conflict(
        `An order that is ${from.replace(/_/g, ' ')} cannot become ${input.to.replace(/_/g, ' ')}`,
        { to: 'not allowed now' },
      );
    }
    const now = Date.now();
    const moved = await setOrderStatus(tx, order.id, from, {
      status: input.to,
      updated_at: now,
      ...(input.to === 'paid' && { paid_at: now }),
      ...(!holdsReservation(input.to) && { payment_due_at: null }),
    });
    if (!moved) throw new Conflict('The order changed meanwhile; reload it', { to: 'order changed' });
    if (holdsReservation(from) && !holdsReservation(input.to)) {
      // A review past its limit gave the reservation back already (review-release.ts).
      const released = await reservationWasReleased(tx, order.id);
      if (released && input.to === 'paid') await sellReleasedStock(tx, order);
      else if (!released) await moveReservedStock(tx, order, input.to);
      await releaseHold(tx, order.id, now);
      // An order that ends unpaid gives its coupon's use back, for someone else to use.
      if (input.to !== 'paid') await returnCouponUseOf(tx, order.id);
    } else if (from === 'payment_review' && input.to === 'pending_payment') {
      if (await reservationWasReleased(tx, order.id)) await reserveReleasedStockAgain(tx, order);
      // Staff give the customer another chance to pay: one more QR at least, within a fresh QR's lifetime.
      await reopenHold(tx, order.id, now + KHQR_LIFETIME_MS);
    }
    // A pre-order that ends settles its deposit by the shop's rule, and units it held serve the next in line.
    if (isPreOrderStatus(from) && (input.to === 'cancelled' || input.to === 'expired'))
      await closePreOrder(tx, order, from, mailer, now);
    await followReviewClock(tx, order.id, from, input.to, now);
    const refund = input.to === 'paid' ? await chargeLinesCancelledAfterPaidQr(tx, order.id) : null;
    const serials = await sellSerialsAtHandover(tx, order, input.to, input.serials, now);
    await addEvent(tx, order.id, from, input.to, input.actor, input.actorId, input.reason ?? null, now);
    await notifyOrderEvent(mailer, tx, order, from, input.to, input.reason ?? null);
    await noticeOrderStep(tx, order, { from, to: input.to, actor: input.actor }, now);
    await recordAudit(
      tx,
      { userId: input.actorId, ip: input.ip ?? null },
      {
        action: `order.${input.to}`,
        entity: 'order',
        entityId: order.id,
        before: { status: from },
        after: {
          status: input.to,
          reason: input.reason ?? null,
          ...(Object.keys(serials).length > 0 && { serials }),
          ...(refund && { ...refund }),
        },
      },
      now,
    );
  };
  await (db.isTransaction ? run(db as Tx) : inTransaction(db as Db, run));
}

/** An order stops waiting for money: its reserved units are sold (paid) or go back on sale. */
async function moveReservedStock(tx: Tx, order: OrderTable, to: OrderStatus): Promise<void> {
  // A repair's payment (claims, decision 0021) sells work, not units: it held none and sells none. Only counter
  // orders can be one (a web order pays no statement for the question).
  if (order.channel === 'pos' && (await isRepairOrder(tx, order.id))) return;
  for (const item of await orderItemsByProduct(tx, order.id)) {
    const units = Number(item.quantity) - Number(item.cancelled_quantity);
    if (units <= 0) continue;
    if (to === 'paid') await sellReservedStock(tx, item.product_id, units, order.number);
    else await releaseStock(tx, item.product_id, units, order.number);
  }
}

export async function getOrderFor(db: Db, id: string, viewer: SignedInUser): Promise<Order> {
  return openOrderAs(db, id, { kind: 'user', user: viewer });
}

/** One order as this viewer may see it: their own, anyone's for staff, a guest's by its link's token; else 404. */
export async function openOrderAs(db: Db, id: string, viewer: OrderViewer): Promise<Order> {
  return loadOrder(db, await openOrder(db, id, viewer), viewerKind(viewer));
}

export async function listOrdersFor(
  db: Db,
  viewer: SignedInUser,
  query: { status?: OrderStatus | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const viewerKind: OrderActor = viewer.role === 'customer' ? 'customer' : 'staff';
  const found = await pageOfOrders(
    db,
    {
      ...(viewer.role === 'customer' && { userId: viewer.id }),
      status: query.status,
      ...(query.q && { number: query.q.toUpperCase(), email: query.q.toLowerCase() }),
    },
    query,
  );
  return pageAnswer(found, ({ row, itemCount }) => ({ ...orderHeader(row, viewerKind), itemCount }), query);
}

async function deliveryAddress(tx: Tx, userId: string, addressId: string): Promise<DeliveryAddress> {
  const a = await findAddressOf(tx, userId, addressId);
  if (!a) throw new Invalid('Choose one of your saved addresses', { addressId: 'no such address' });
  const lines = addressLines({
    houseStreet: a.house_street,
    floorUnit: a.floor_unit,
    village: a.village,
    sangkat: a.sangkat,
    khan: a.khan,
    province: a.province,
    landmark: a.landmark,
    deliveryNotes: a.delivery_notes,
  });
  return { recipient: a.recipient, phone: a.phone, lines, province: a.province };
}

/** A Cambodian address as the order, its invoice and the delivery driver read it. */
export function addressLines(a: GuestDeliveryAddress): string[] {
  return [
    [a.houseStreet, a.floorUnit].filter(Boolean).join(', '),
    [a.village, a.sangkat].filter(Boolean).join(', '),
    [a.khan, a.province].join(', '),
    a.landmark ? `Landmark: ${a.landmark}` : null,
    a.deliveryNotes ? `Notes: ${a.deliveryNotes}` : null,
  ].filter((l): l is string => Boolean(l));
}
