import { createHash } from 'node:crypto';
import {
  canTransition,
  holdsReservation,
  usdCentsToKhr,
  type Order,
  type OrderActor,
  type OrderStatus,
  type PlaceOrderInput,
} from '@shop/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { OrderTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { clearCart } from '../cart/service';
import { releaseStock, reserveStock, sellReservedStock } from '../inventory/service';
import { KHQR_LIFETIME_MS } from '../payments/merchant';
import { latestPayment } from '../payments/service';
import { deliveryFeeFor, getPricing } from '../settings/pricing';
import { sellSerialsAtHandover } from './handover';
import { getHoldLimits } from './hold-limits';
import { prepareHolds, recordHold, releaseHold, takeHolds, type HoldOwner } from './holds';
import { reopenHold, reservationWasReleased } from './holds-repo';
import { notifyOrderEvent } from './notifications';
import { findOrderRow, loadOrder, orderHeader } from './repo';
import { followReviewClock, reserveReleasedStockAgain, sellReleasedStock } from './review-release';

/**
 * Placing orders and moving them through the shared state machine. Placing one reserves its stock in the same
 * transaction (never oversold: the ledger's conditional update decides) and counts it against what its customer,
 * browser and network may hold unpaid (holds.ts); a retried request with the same Idempotency-Key answers the order
 * the first one made.
 */
export const PAYMENT_WINDOW_MS = 15 * 60_000;

export interface PlaceOrderContext {
  db: Db;
  user: SignedInUser;
  actor: Actor;
  idempotencyKey: string | null;
  /** Where the order comes from, besides the account: its unpaid orders count against these too. */
  placedFrom: Omit<HoldOwner, 'customerId'>;
  /** Runs inside the placing transaction once the order exists: issues its payment (KHQR). */
  onPlaced?: (tx: Tx, order: OrderTable) => Promise<void>;
}

export async function placeOrder(ctx: PlaceOrderContext, input: PlaceOrderInput): Promise<Order> {
  const { db, user } = ctx;
  const keyHash = ctx.idempotencyKey ? sha256(`${user.id}:${ctx.idempotencyKey}`) : null;
  const requestHash = sha256(JSON.stringify(input));
  if (keyHash) {
    const earlier = await replay(db, keyHash, requestHash);
    if (earlier) return loadOrder(db, earlier, 'customer');
  }
  const owner: HoldOwner = { customerId: user.id, ...ctx.placedFrom };
  const wanted = input.items ?? (await cartLines(db, user.id));
  await prepareHolds(
    db,
    owner,
    wanted.map((l) => l.productId),
  );
  try {
    const orderId = await inTransaction(db, async (tx) => {
      const lines = input.items ?? (await cartLines(tx, user.id));
      if (lines.length === 0) throw new Invalid('Your cart is empty', { items: 'add a product first' });
      const products = await tx
        .selectFrom('products')
        .select(['id', 'sku', 'name', 'price_cents', 'warranty_months', 'active'])
        .where(
          'id',
          'in',
          lines.map((l) => l.productId),
        )
        .execute();
      const byId = new Map(products.map((p) => [p.id, p]));
      const missing = lines.filter((l) => byId.get(l.productId)?.active !== 1);
      if (missing.length)
        throw new Invalid('Some products are no longer sold', {
          items: missing.map((m) => m.productId).join(', '),
        });

      const customer = await tx
        .selectFrom('users')
        .select(['name', 'email', 'phone', 'locale'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      const address =
        input.fulfilment === 'delivery' ? await deliveryAddress(tx, user.id, input.addressId!) : null;
      const pricing = await getPricing(tx);
      const subtotal = lines.reduce(
        (sum, l) => sum + Number(byId.get(l.productId)!.price_cents) * l.quantity,
        0,
      );
      const deliveryFee = deliveryFeeFor(pricing, input.fulfilment, subtotal);
      const total = subtotal + deliveryFee;
      const now = Date.now();
      const order: OrderTable = {
        id: newId(),
        number: await nextOrderNumber(tx, 'W'),
        channel: 'web',
        status: 'pending_payment',
        user_id: user.id,
        customer_name: customer.name,
        customer_email: customer.email,
        customer_phone: address?.phone ?? customer.phone,
        fulfilment: input.fulfilment,
        delivery_address_json: address ? JSON.stringify(address) : null,
        note: input.note ?? null,
        currency: input.currency,
        subtotal_cents: subtotal,
        delivery_fee_cents: deliveryFee,
        total_cents: total,
        riel_per_usd: pricing.rielPerUsd,
        total_khr: usdCentsToKhr(total, pricing.rielPerUsd),
        locale: customer.locale,
        payment_due_at: now + PAYMENT_WINDOW_MS,
        paid_at: null,
        refund_owed_cents: 0,
        created_at: now,
        updated_at: now,
      };
      // Stock rows are locked in product-id order in every transaction, so two orders never deadlock.
      const onHand = new Map<string, number>();
      for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
        const reserved = await reserveStock(tx, line.productId, line.quantity, order.number).catch(
          (error: unknown) => {
            if (error instanceof Conflict) {
              throw new Conflict(`${byId.get(line.productId)!.name}: ${error.message}`, {
                [`items.${line.productId}`]: error.message,
              });
            }
            throw error;
          },
        );
        onHand.set(line.productId, reserved.onHandAfter);
      }
      const limits = await getHoldLimits(tx);
      await takeHolds(
        tx,
        owner,
        lines.map((l) => ({
          productId: l.productId,
          name: byId.get(l.productId)!.name,
          quantity: l.quantity,
          onHand: onHand.get(l.productId)!,
        })),
        limits,
        now,
      );
      await tx.insertInto('orders').values(order).execute();
      await recordHold(tx, order.id, owner, limits, now);
      await tx
        .insertInto('order_items')
        .values(
          lines.map((l) => {
            const p = byId.get(l.productId)!;
            return {
              id: newId(),
              order_id: order.id,
              product_id: p.id,
              sku: p.sku,
              name: p.name,
              quantity: l.quantity,
              unit_price_cents: Number(p.price_cents),
              line_total_cents: Number(p.price_cents) * l.quantity,
              warranty_months: Number(p.warranty_months),
              cancelled_quantity: 0,
              cancel_reason: null,
            };
          }),
        )
        .execute();
      await addEvent(tx, order.id, null, 'pending_payment', 'customer', user.id, null, now);
      if (!input.items) await clearCart(tx, { userId: user.id, guestToken: null });
      if (keyHash)
        await tx
          .insertInto('idempotency_keys')
          .values({ key_hash: keyHash, request_hash: requestHash, order_id: order.id, created_at: now })
          .execute();
      await ctx.onPlaced?.(tx, order);
      await notifyOrderEvent(tx, order, null, 'pending_payment');
      await recordAudit(
        tx,
        ctx.actor,
        {
          action: 'order.place',
          entity: 'order',
          entityId: order.id,
          after: { number: order.number, total },
        },
        now,
      );
      return order.id;
    });
    return loadOrder(db, (await findOrderRow(db, orderId))!, 'customer');
  } catch (error) {
    // The same key sent twice at once: the second transaction lost the race on the key; answer the first's order.
    if (keyHash && isUniqueViolation(error)) {
      const earlier = await replay(db, keyHash, requestHash);
      if (earlier) return loadOrder(db, earlier, 'customer');
    }
    throw error;
  }
}

async function replay(db: Db, keyHash: string, requestHash: string): Promise<OrderTable | null> {
  const key = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  if (!key) return null;
  if (key.request_hash !== requestHash)
    throw new Conflict('This Idempotency-Key was used for a different order');
  return (await findOrderRow(db, key.order_id)) ?? null;
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
    const moved = await tx
      .updateTable('orders')
      .set({
        status: input.to,
        updated_at: now,
        ...(input.to === 'paid' && { paid_at: now }),
        ...(!holdsReservation(input.to) && { payment_due_at: null }),
      })
      .where('id', '=', order.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new Conflict('The order changed meanwhile; reload it', { to: 'order changed' });
    if (holdsReservation(from) && !holdsReservation(input.to)) {
      // A review past its limit gave the reservation back already (review-release.ts).
      const released = await reservationWasReleased(tx, order.id);
      if (released && input.to === 'paid') await sellReleasedStock(tx, order);
      else if (!released) await moveReservedStock(tx, order, input.to);
      await releaseHold(tx, order.id, now);
    } else if (from === 'payment_review' && input.to === 'pending_payment') {
      if (await reservationWasReleased(tx, order.id)) await reserveReleasedStockAgain(tx, order);
      // Staff give the customer another chance to pay: one more QR at least, within a fresh QR's lifetime.
      await reopenHold(tx, order.id, now + KHQR_LIFETIME_MS);
    }
    await followReviewClock(tx, order.id, from, input.to, now);
    const refund = input.to === 'paid' ? await chargeLinesCancelledAfterPaidQr(tx, order.id) : null;
    const serials = await sellSerialsAtHandover(tx, order, input.to, input.serials, now);
    await addEvent(tx, order.id, from, input.to, input.actor, input.actorId, input.reason ?? null, now);
    await notifyOrderEvent(tx, order, from, input.to, input.reason ?? null);
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
  const items = await tx
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', '=', order.id)
    .orderBy('product_id')
    .execute();
  for (const item of items) {
    const units = Number(item.quantity) - Number(item.cancelled_quantity);
    if (units <= 0) continue;
    if (to === 'paid') await sellReservedStock(tx, item.product_id, units, order.number);
    else await releaseStock(tx, item.product_id, units, order.number);
  }
}

export async function getOrderFor(db: Db, id: string, viewer: SignedInUser): Promise<Order> {
  const row = await findOrderRow(db, id);
  // Another customer's order is "not found": order ids reveal nothing.
  if (!row || (viewer.role === 'customer' && row.user_id !== viewer.id))
    throw new NotFound('There is no such order');
  return loadOrder(db, row, viewer.role === 'customer' ? 'customer' : 'staff');
}

export async function listOrdersFor(
  db: Db,
  viewer: SignedInUser,
  query: { status?: OrderStatus | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  let base = db.selectFrom('orders');
  if (viewer.role === 'customer') base = base.where('user_id', '=', viewer.id);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.q)
    base = base.where((eb) =>
      eb.or([eb('number', '=', query.q!.toUpperCase()), eb('customer_email', '=', query.q!.toLowerCase())]),
    );
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const counts = rows.length
    ? await db
        .selectFrom('order_items')
        .select(['order_id', (eb) => eb.fn.sum<number>('quantity').as('n')])
        .where(
          'order_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('order_id')
        .execute()
    : [];
  const viewerKind: OrderActor = viewer.role === 'customer' ? 'customer' : 'staff';
  return {
    items: rows.map((row) => ({
      ...orderHeader(row, viewerKind),
      itemCount: Number(counts.find((c) => c.order_id === row.id)?.n ?? 0),
    })),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Lines cancelled before payment lower the total and replace the KHQR (line-cancellation.ts), but the replaced QR
 * stays payable until it expires: money must never be lost. When the QR that was paid is older than some of those
 * cancellations, the customer paid for them too: the total goes back up to what was paid and their value becomes
 * refund owed. Counted in the UPDATE itself, which reads the current rows on both dialects (a MySQL snapshot taken
 * earlier in the payment job's transaction could miss a cancellation committed just before).
 */
async function chargeLinesCancelledAfterPaidQr(
  tx: Tx,
  orderId: string,
): Promise<{ totalCents: number; refundOwedCents: number } | null> {
  const paidWith =
    (await tx
      .selectFrom('payments')
      .select('created_at')
      .where('order_id', '=', orderId)
      .where('status', '=', 'paid')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? (await latestPayment(tx, orderId)); // staff accepting a payment in review
  if (!paidWith) return null;
  const later = sql<number>`(select coalesce(sum(c.value_cents), 0) from order_line_cancellations c
    where c.order_id = ${orderId} and c.created_at > ${Number(paidWith.created_at)})`;
  await tx
    .updateTable('orders')
    .set((eb) => ({
      subtotal_cents: eb('subtotal_cents', '+', later),
      total_cents: eb('total_cents', '+', later),
      refund_owed_cents: eb('refund_owed_cents', '+', later),
    }))
    .where('id', '=', orderId)
    .execute();
  const order = await tx
    .selectFrom('orders')
    .select(['total_cents', 'riel_per_usd', 'refund_owed_cents'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (Number(order.refund_owed_cents) === 0) return null;
  await tx
    .updateTable('orders')
    .set({ total_khr: usdCentsToKhr(Number(order.total_cents), Number(order.riel_per_usd)) })
    .where('id', '=', orderId)
    .execute();
  return { totalCents: Number(order.total_cents), refundOwedCents: Number(order.refund_owed_cents) };
}

export async function addEvent(
  tx: Tx,
  orderId: string,
  from: OrderStatus | null,
  to: OrderStatus,
  actor: OrderActor,
  actorId: string | null,
  reason: string | null,
  now: number,
): Promise<void> {
  await tx
    .insertInto('order_events')
    .values({
      id: newId(),
      order_id: orderId,
      from_status: from,
      to_status: to,
      actor,
      actor_id: actorId,
      reason,
      created_at: now,
    })
    .execute();
}

/** Readable order numbers (W-1001, P-1002) from one counter, taken inside the placing transaction. */
async function nextOrderNumber(tx: Tx, prefix: 'W' | 'P'): Promise<string> {
  await tx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'order_number')
    .execute();
  const { value } = await tx
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'order_number')
    .executeTakeFirstOrThrow();
  return `${prefix}-${value}`;
}

async function cartLines(db: Db | Tx, userId: string): Promise<{ productId: string; quantity: number }[]> {
  const rows = await db
    .selectFrom('cart_items as i')
    .innerJoin('carts as c', 'c.id', 'i.cart_id')
    .select(['i.product_id', 'i.quantity'])
    .where('c.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ productId: r.product_id, quantity: Number(r.quantity) }));
}

async function deliveryAddress(tx: Tx, userId: string, addressId: string) {
  const a = await tx
    .selectFrom('addresses')
    .selectAll()
    .where('id', '=', addressId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!a) throw new Invalid('Choose one of your saved addresses', { addressId: 'no such address' });
  const lines = [
    [a.house_street, a.floor_unit].filter(Boolean).join(', '),
    [a.village, a.sangkat].filter(Boolean).join(', '),
    [a.khan, a.province].join(', '),
    a.landmark ? `Landmark: ${a.landmark}` : null,
    a.delivery_notes ? `Notes: ${a.delivery_notes}` : null,
  ].filter((l): l is string => Boolean(l));
  return { recipient: a.recipient, phone: a.phone, lines };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
