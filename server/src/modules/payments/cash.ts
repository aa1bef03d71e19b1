import {
  holdsReservation,
  isPreOrderStatus,
  KHR_CASH_STEP,
  type Currency,
  type OrderStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { findOrderRow } from '../orders/repo';
import { insertPayment, paidPayment } from './repo';

/**
 * Cash taken at the counter, in US dollars or riel. Cash is paid when it is recorded: there is no QR to watch, so
 * the payment job and the pay page never see it. Riel changes hands in 100-riel steps (the smallest note in daily
 * use): the riel owed for an order is its total at the order's rate rounded to that step (`usdCentsToKhr`, stored
 * as the order's `total_khr`), and riel amounts, tendered notes and change are whole steps.
 *
 * Recording money does not move the order: a counter sale is recorded as paid and handed over when it is made
 * (orders/placement.ts). An order waiting for its KHQR or in payment review is paid through those (a payment
 * staff accept), and a closed one takes no money.
 */
export interface CashPaymentInput {
  orderId: string;
  currency: Currency;
  /** What the notes handed over add up to, in minor units of `currency` (cents, riel). */
  tendered: number;
  /** The part of the order this cash pays (a sale paid partly in dollars, partly in riel); the whole order if absent. */
  amount?: number;
  /** The staff member who took the money. */
  receivedBy: string | null;
}

export interface CashPayment {
  id: string;
  orderId: string;
  currency: Currency;
  amount: number;
  tendered: number;
  change: number;
  paidAt: number;
}

const CLOSED: readonly OrderStatus[] = ['cancelled', 'expired', 'refunded'];

export async function recordCashPayment(
  db: Db | Tx,
  input: CashPaymentInput,
  now = Date.now(),
): Promise<CashPayment> {
  const run = async (tx: Tx): Promise<CashPayment> => {
    const order = await findOrderRow(tx, input.orderId);
    if (!order) throw new NotFound('There is no such order');
    const status = order.status as OrderStatus;
    if (CLOSED.includes(status))
      throw new Conflict(`This order is ${status}: it takes no money`, { orderId: `order is ${status}` });
    // An arrived pre-order holds its units while it waits for the rest, which may come in cash at pickup.
    if (holdsReservation(status) && !isPreOrderStatus(status))
      throw new Conflict('This order waits for its KHQR payment: it is paid through the payment review', {
        orderId: 'waiting for KHQR',
      });
    const amount =
      input.amount ?? (input.currency === 'KHR' ? Number(order.total_khr) : Number(order.total_cents));
    const { change } = cashTender(input.currency, amount, input.tendered);
    const payment = paidPayment({
      id: newId(),
      orderId: order.id,
      method: 'cash',
      currency: input.currency,
      amountMinor: amount,
      receivedBy: input.receivedBy,
      at: now,
      cash: { tendered: input.tendered, change },
    });
    await insertPayment(tx, payment);
    await recordAudit(
      tx,
      { userId: input.receivedBy, ip: null },
      {
        action: 'payment.cash',
        entity: 'payment',
        entityId: payment.id,
        after: { orderId: order.id, currency: input.currency, amount, tendered: input.tendered, change },
      },
      now,
    );
    return {
      id: payment.id,
      orderId: order.id,
      currency: input.currency,
      amount,
      tendered: input.tendered,
      change,
      paidAt: now,
    };
  };
  return db.isTransaction ? run(db as Tx) : inTransaction(db as Db, run);
}

/** Checks cash handed over for `amount` and says what change goes back. */
export function cashTender(currency: Currency, amount: number, tendered: number): { change: number } {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new Invalid('A cash payment is a positive amount', { amount: 'a positive whole number' });
  if (!Number.isSafeInteger(tendered))
    throw new Invalid('Count the cash handed over in minor units', { tendered: 'a whole number' });
  if (currency === 'KHR') {
    const step = `whole ${KHR_CASH_STEP}-riel steps`;
    if (amount % KHR_CASH_STEP !== 0)
      throw new Invalid(`Riel cash is taken in ${step}`, { amount: `in ${step}` });
    if (tendered % KHR_CASH_STEP !== 0)
      throw new Invalid(`Riel cash is handed over in ${step}`, { tendered: `in ${step}` });
  }
  if (tendered < amount)
    throw new Invalid('The cash handed over is less than what is owed', { tendered: `at least ${amount}` });
  return { change: tendered - amount };
}
