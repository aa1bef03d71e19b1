import {
  canCancelLines,
  holdsReservation,
  orderStatuses,
  usdCentsToKhr,
  type CancelOrderLineInput,
  type OrderStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { OrderItemTable, OrderTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { applyMovement, movementEffects } from '../inventory/ledger';
import { latestKhqrPayment, supersedePendingQrs } from '../payments/repo';
import { issuePayment, type PaymentPolicy } from '../payments/service';
import { releaseHeldUnits } from './holds';
import { reservationWasReleased } from './holds-repo';
import {
  addEvent,
  cancelLineUnits,
  countOpenLines,
  findOrderLine,
  findOrderRow,
  insertLineCancellation,
  lockOrderIn,
  setOrderAmounts,
} from './repo';
import { moveSerials, serialsInStock, soldSerialsOf } from './serials-repo';
import type { OrderMailer } from './notifications';
import { transitionOrder } from './service';

export interface CancelOrderLineCommand extends CancelOrderLineInput {
  orderId: string;
  lineId: string;
  actor: Actor;
}

const openStatuses = orderStatuses.filter(canCancelLines);

/**
 * Staff cancel units of one order line; the order keeps its status.
 *
 * Stock goes back the way it left: an unpaid order still holds a reservation, which is released; a paid one sold its
 * units, which return to the shelf. Damaged units never become sellable again (see `giveBackStock`).
 *
 * Money, one rule: the order's total is what the customer pays, or paid.
 * - Before payment (pending_payment, payment_review) the total drops by the cancelled units' value. The KHQR shown
 *   asks the old amount, so a pending order gets a new QR for the new total in the same transaction (the old one is
 *   superseded but stays watched until it expires; if it is paid anyway, the paid transition charges those lines
 *   back and records their refund: late-qr-payment.ts). In review no QR is issued: staff settle the payment they are
 *   looking at, and a QR renewed later asks the new total.
 * - After payment the total stays what was paid, and the cancelled value is added to `refund_owed_cents`.
 * So `total − refund owed = Σ (quantity − cancelled) × unit price + delivery fee` always holds; the delivery fee is
 * never changed by a cancellation. When every line is cancelled, an unpaid order is cancelled; a paid one stays as
 * it is for staff to refund.
 */
export async function cancelOrderLine(
  db: Db,
  command: CancelOrderLineCommand,
  payments: PaymentPolicy,
  mailer: OrderMailer,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const order = await lockOpenOrder(tx, command.orderId);
    const status = order.status as OrderStatus;
    const line = await findOrderLine(tx, order.id, command.lineId);
    if (!line) throw new NotFound('This order has no such line');
    const remaining = Number(line.quantity) - Number(line.cancelled_quantity);
    if (remaining === 0)
      throw new Conflict('Every unit of this line is cancelled already', {
        quantity: 'nothing left to cancel',
      });
    if (command.quantity > remaining)
      throw new Invalid(`Only ${remaining} of this line can be cancelled`, {
        quantity: `at most ${remaining}`,
      });

    const unpaid = holdsReservation(status);
    const value = command.quantity * Number(line.unit_price_cents);
    // A cancellation is dated after the QR it makes stale, even within one millisecond: the paid transition tells
    // which cancellations a paid QR still included by comparing these times.
    const lastQr = unpaid ? await latestKhqrPayment(tx, order.id) : undefined;
    const now = Math.max(Date.now(), lastQr ? Number(lastQr.created_at) + 1 : 0);

    await cancelLineUnits(tx, line.id, command.quantity, command.reason);
    // A review past its limit gave the reservation back already (review-release.ts): nothing to release then.
    const reserved = unpaid && !(await reservationWasReleased(tx, order.id));
    const movementId = await giveBackStock(tx, order, line, command, unpaid, reserved);
    if (unpaid) await releaseHeldUnits(tx, order.id, line.product_id, command.quantity, now);
    await returnSerials(tx, order, line, command, movementId, now);
    const totals = unpaid
      ? {
          subtotal_cents: Number(order.subtotal_cents) - value,
          total_cents: Number(order.total_cents) - value,
          total_khr: usdCentsToKhr(Number(order.total_cents) - value, Number(order.riel_per_usd)),
        }
      : { refund_owed_cents: Number(order.refund_owed_cents) + value };
    await setOrderAmounts(tx, order.id, { ...totals, updated_at: now });
    await insertLineCancellation(tx, {
      id: newId(),
      order_id: order.id,
      order_item_id: line.id,
      quantity: command.quantity,
      reason: command.reason,
      note: command.note ?? null,
      value_cents: value,
      order_status: status,
      actor_id: command.actor.userId,
      created_at: now,
    });
    const what = `line cancelled: ${command.quantity} × ${line.name} (${command.reason.replace(/_/g, ' ')})`;
    const reason = command.note ? `${what}: ${command.note}` : what;
    await addEvent(tx, order.id, status, status, 'staff', command.actor.userId, reason.slice(0, 500), now);
    await recordAudit(
      tx,
      command.actor,
      {
        action: 'order.line_cancelled',
        entity: 'order',
        entityId: order.id,
        before: {
          lineId: line.id,
          cancelledQuantity: Number(line.cancelled_quantity),
          totalCents: Number(order.total_cents),
          refundOwedCents: Number(order.refund_owed_cents),
        },
        after: {
          lineId: line.id,
          cancelledQuantity: Number(line.cancelled_quantity) + command.quantity,
          reason: command.reason,
          note: command.note ?? null,
          serials: command.serials ?? [],
          movementId,
          ...totals,
        },
      },
      now,
    );

    if (!unpaid) return;
    if ((await countOpenLines(tx, order.id)) === 0) {
      await transitionOrder(
        tx,
        {
          orderId: order.id,
          to: 'cancelled',
          actor: 'staff',
          actorId: command.actor.userId,
          reason: 'every line was cancelled',
          ip: command.actor.ip,
        },
        mailer,
      );
    } else if (status === 'pending_payment') {
      await supersedePendingQrs(tx, order.id, now);
      await issuePayment(tx, (await findOrderRow(tx, order.id))!, payments, now);
    }
  });
}

/**
 * Takes the order's row lock before reading anything else, so every later read in this transaction sees what the
 * payment job or another staff member committed before (on MySQL a snapshot starts at the first read), and a
 * transition racing with this cancellation waits for it.
 */
async function lockOpenOrder(tx: Tx, orderId: string): Promise<OrderTable> {
  const locked = await lockOrderIn(tx, orderId, openStatuses, Date.now());
  const order = await findOrderRow(tx, orderId);
  if (!order) throw new NotFound('There is no such order');
  if (!locked)
    throw new Conflict(`An order that is ${order.status.replace(/_/g, ' ')} has no lines to cancel`, {
      status: 'order closed',
    });
  return order;
}

/**
 * The ledger side. Units reserved for an unpaid order are released; units a paid order bought come back on the shelf
 * (a return). A damaged unit must not be sold again, yet the ledger must still tell what happened to it: before
 * payment it is released and then written off (an adjustment, on hand − n); after payment the return is recorded
 * with no change to on hand, because the sale already took it off. Either way on hand ends without the damaged unit
 * and every movement's `after` columns still add up. An unpaid order whose reservation was given back (`reserved`
 * false) has nothing to release; a damaged unit is still written off. Returns the id of the last movement, which
 * returned or written-off serial numbers point to (null when there was none).
 */
async function giveBackStock(
  tx: Tx,
  order: OrderTable,
  line: OrderItemTable,
  command: CancelOrderLineCommand,
  unpaid: boolean,
  reserved: boolean,
): Promise<string | null> {
  const n = command.quantity;
  const damaged = command.reason === 'damaged';
  const movement = {
    productId: line.product_id,
    reason: `line cancelled: ${command.reason.replace(/_/g, ' ')}`,
    reference: order.number,
    actorId: command.actor.userId,
  };
  if (unpaid) {
    const released = reserved
      ? await applyMovement(tx, { ...movement, type: 'release', ...movementEffects.release(n) })
      : null;
    if (!damaged) return released?.id ?? null;
    const writtenOff = await applyMovement(tx, {
      ...movement,
      type: 'adjust',
      ...movementEffects.adjust(-n),
      reason: 'damaged: written off, not for sale',
    });
    return writtenOff.id;
  }
  const returned = await applyMovement(tx, {
    ...movement,
    type: 'return',
    ...(damaged ? { onHandDelta: 0, reservedDelta: 0 } : movementEffects.return(n)),
    ...(damaged && { reason: 'line cancelled: damaged, returned but not put back on sale' }),
  });
  return returned.id;
}

/**
 * Serial numbers follow the units. Units handed over with their serials (out for delivery) come back by name: to
 * stock, or to RMA when damaged. A damaged unit not yet handed over is named too, so it goes to RMA and can never
 * be handed to a customer. Other cancellations name none: serials are only chosen at handover.
 */
async function returnSerials(
  tx: Tx,
  order: OrderTable,
  line: OrderItemTable & { serialized: number },
  command: CancelOrderLineCommand,
  movementId: string | null,
  now: number,
): Promise<void> {
  const given = command.serials ?? [];
  const handedOver = line.serialized === 1 ? await soldSerialsOf(tx, line.product_id, order.number) : [];
  const damaged = command.reason === 'damaged';
  if (handedOver.length === 0 && !(line.serialized === 1 && damaged)) {
    if (given.length)
      throw new Invalid('These units have no serial numbers to give back', {
        serials: 'leave empty: serial numbers are named at handover',
      });
    return;
  }
  if (given.length === 0)
    throw new Invalid('Name the serial numbers of the units cancelled', {
      serials: `give ${command.quantity} serial number${command.quantity === 1 ? '' : 's'}`,
    });
  const fromStatus = handedOver.length ? 'sold' : 'in_stock';
  const known = handedOver.length ? handedOver : await serialsInStock(tx, line.product_id, given);
  const unknown = given.filter((s) => !known.includes(s));
  if (unknown.length)
    throw new Invalid('Some serial numbers do not belong to these units', {
      serials: `${handedOver.length ? 'not handed over with this order' : 'not in stock'}: ${unknown.join(', ')}`,
    });
  const updated = await moveSerials(tx, line.product_id, given, fromStatus, {
    status: damaged ? 'rma' : 'in_stock',
    reference: movementId ?? order.number,
    sold_at: null,
    warranty_until: null,
    updated_at: now,
  });
  if (updated !== given.length)
    throw new Conflict('These serial numbers changed meanwhile; reload the order', { serials: 'changed' });
}
