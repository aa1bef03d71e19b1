import { statusWhenPaid, type OrderPayment, type OrderStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { OrderHoldTable, OrderTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, Conflict, NotFound } from '../../http/errors';
import { openOrder, type OrderViewer } from '../orders/access';
import { findOrderHold, useRenewal } from '../orders/holds-repo';
import { findOrderRow, setOrderAmounts } from '../orders/repo';
import type { PaymentDeeplinks } from './deeplinks';
import { buildKhqr, decodeKhqr, KhqrError } from './khqr';
import { getMerchantAccount, KHQR_LIFETIME_MS } from './merchant';
import {
  insertPayment,
  latestKhqrPayment,
  pendingKhqr,
  supersedePendingQrs,
  type OrderKhqrPayment,
} from './repo';

/**
 * KHQR payments of orders (cash is cash.ts; screenshots are proofs.ts). A KHQR payment row holds the exact QR string
 * and its md5 (never regenerated to compare); it is watched by the payment job until its expiry plus a grace period,
 * because a customer may pay at the last second.
 */
export interface PaymentPolicy {
  /** With the stand-in only: a demo merchant account is acceptable. */
  allowDemoAccount: boolean;
  graceMs: number;
}

/** A QR made for staff's change of an order (a cancelled line) near the end of its hold still gets this long. */
const LAST_QR_MIN_MS = 60_000;

export async function issuePayment(
  tx: Tx,
  order: OrderTable,
  policy: PaymentPolicy,
  now = Date.now(),
  /** What this QR asks for, when it is not the order's total: a pre-order's deposit, or the rest of it. */
  amount?: number,
  /** The order's hold when the caller has just written it (placement): one read fewer per order. */
  knownHold?: Pick<OrderHoldTable, 'ends_at'>,
): Promise<OrderKhqrPayment> {
  const account = await getMerchantAccount(tx, { allowDemo: policy.allowDemoAccount }).catch(
    (error: unknown) => {
      // An order cannot be taken without somewhere to pay: say so plainly, and nothing is kept (the transaction ends).
      if (error instanceof KhqrError)
        throw new AppError('unavailable', 503, 'Online payment is not set up yet. Please contact the shop.');
      throw error;
    },
  );
  // No QR outlives the order's hold (orders/holds.ts), however often it was renewed.
  const hold = knownHold ?? (await findOrderHold(tx, order.id));
  const expiresAt = hold
    ? Math.max(Math.min(now + KHQR_LIFETIME_MS, Number(hold.ends_at)), now + LAST_QR_MIN_MS)
    : now + KHQR_LIFETIME_MS;
  const amountMinor =
    amount ?? (order.currency === 'KHR' ? Number(order.total_khr) : Number(order.total_cents));
  const { qr, md5 } = buildKhqr({
    account,
    currency: order.currency as 'USD' | 'KHR',
    amountMinor,
    billNumber: order.number,
    expiresAt,
    terminalLabel: order.channel === 'pos' ? 'POS' : 'Web',
  });
  const payment: OrderKhqrPayment = {
    ...pendingKhqr({
      id: newId(),
      currency: order.currency,
      amountMinor,
      built: { qr, md5 },
      expiresAt,
      graceMs: policy.graceMs,
      now,
    }),
    order_id: order.id,
  };
  await insertPayment(tx, payment);
  // The order waits for its money exactly as long as the QR is payable (plus grace, decided by the payment job).
  await setOrderAmounts(tx, order.id, { payment_due_at: payment.watch_until, updated_at: now });
  return payment;
}

/**
 * What the pay page polls: the server's view, never Bakong's payment state (the token is secret; the job asks
 * Bakong). A payable QR comes with the link that opens a bank app on it, when Bakong gives one in time.
 */
export async function paymentViewFor(
  db: Db,
  orderId: string,
  viewer: OrderViewer,
  deeplinks: PaymentDeeplinks | null,
  now = Date.now(),
): Promise<OrderPayment> {
  const order = await openOrder(db, orderId, viewer);
  const payment = await latestKhqrPayment(db, orderId);
  if (!payment) throw new NotFound('This order has no payment');
  const hold = await findOrderHold(db, orderId);
  // A pre-order's QR (its deposit, then the rest) is paid when its own payment is, before the order is.
  const status =
    order.paid_at !== null || payment.status === 'paid'
      ? 'paid'
      : order.status === 'payment_review'
        ? 'review'
        : statusWhenPaid(order.status as OrderStatus) === null || Number(payment.expires_at) <= now
          ? 'expired'
          : 'pending';
  return {
    status,
    khqr: payment.qr,
    md5: payment.md5,
    amount: Number(payment.amount_minor),
    currency: payment.currency as 'USD' | 'KHR',
    expiresAt: Number(payment.expires_at),
    receiverName: decodeKhqr(payment.qr).merchantName,
    orderStatus: order.status as OrderStatus,
    renewalsLeft: hold && Number(hold.ends_at) > now ? Number(hold.renewals_left) : 0,
    holdEndsAt: hold ? Number(hold.ends_at) : Number(payment.expires_at),
    // An expired or paid QR gets no link: a bank app must not offer to pay it.
    deeplink: status === 'pending' && deeplinks ? await deeplinks.linkFor(payment) : null,
    serverNow: Date.now(),
  };
}

/**
 * A fresh QR for an unpaid order whose QR ran out while its stock is still reserved, as long as the order has
 * renewals left and its hold's lifetime is not over (orders/holds.ts): a hold cannot be kept up for ever by asking
 * again. The old QR stays watched until its own expiry plus grace: the customer may still pay it.
 */
export async function renewPayment(
  db: Db,
  orderId: string,
  viewer: OrderViewer,
  policy: PaymentPolicy,
): Promise<void> {
  await openOrder(db, orderId, viewer);
  await inTransaction(db, async (tx) => {
    const order = (await findOrderRow(tx, orderId))!;
    if (order.status !== 'pending_payment') throw new Conflict('This order is not waiting for payment');
    const now = Date.now();
    const current = await latestKhqrPayment(tx, orderId);
    if (current && Number(current.expires_at) > now)
      throw new Conflict('The current QR code is still valid', { expiresAt: String(current.expires_at) });
    if (!(await useRenewal(tx, orderId, now)))
      throw new Conflict(
        'This order cannot get another QR code: it held its items as long as an order can. ' +
          'It ends unpaid and the items go back on sale; place a new order to buy them.',
        { renewalsLeft: '0' },
      );
    await supersedePendingQrs(tx, orderId, now);
    await issuePayment(tx, order, policy, now);
  });
}
