import type { Db } from '../../db/database';
import type { PaymentTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/**
 * The SQL of payments. A payment is a KHQR (watched against Bakong), cash taken at the counter, or an accepted
 * screenshot. Everything about QRs (the pay page, renewals, the payment job) reads KHQR payments only, typed with
 * the columns a QR always has.
 */
export type KhqrPayment = PaymentTable & {
  method: 'khqr';
  qr: string;
  md5: string;
  expires_at: number;
  watch_until: number;
  next_check_at: number;
};

/** The payment job's first look at a new QR: soon, a customer with the banking app open pays within seconds. */
const FIRST_CHECK_MS = 5_000;

/**
 * A new QR waiting to be paid, as the payment job watches it: checked first in a few seconds, then until its grace
 * after expiry ends (a payment made in the last second still arrives). Whose it is (an order, a counter) is added
 * by the caller.
 */
export function pendingKhqr(qr: {
  id: string;
  currency: string;
  amountMinor: number;
  built: { qr: string; md5: string };
  expiresAt: number;
  graceMs: number;
  now: number;
}): Omit<KhqrPayment, 'order_id'> {
  return {
    id: qr.id,
    method: 'khqr',
    currency: qr.currency,
    amount_minor: qr.amountMinor,
    qr: qr.built.qr,
    md5: qr.built.md5,
    status: 'pending',
    expires_at: qr.expiresAt,
    watch_until: qr.expiresAt + qr.graceMs,
    next_check_at: qr.now + FIRST_CHECK_MS,
    check_failures: 0,
    tendered_minor: null,
    change_minor: null,
    received_by: null,
    claimed_by: null,
    claimed_until: null,
    bakong_hash: null,
    needs_reconciliation: 0,
    paid_at: null,
    created_at: qr.now,
    updated_at: qr.now,
  };
}

/** A payment that was paid when it was recorded (cash at a counter, a counter's KHQR): nothing left to watch. */
export function paidPayment(payment: {
  id: string;
  orderId: string;
  method: string;
  currency: string;
  amountMinor: number;
  receivedBy: string | null;
  at: number;
  cash?: { tendered: number; change: number; changeCurrency?: string };
  needsReconciliation?: boolean;
}): PaymentTable {
  return {
    id: payment.id,
    order_id: payment.orderId,
    method: payment.method,
    currency: payment.currency,
    amount_minor: payment.amountMinor,
    qr: null,
    md5: null,
    status: 'paid',
    expires_at: null,
    watch_until: null,
    next_check_at: null,
    check_failures: 0,
    tendered_minor: payment.cash?.tendered ?? null,
    change_minor: payment.cash?.change ?? null,
    change_currency: payment.cash?.changeCurrency ?? null,
    received_by: payment.receivedBy,
    claimed_by: null,
    claimed_until: null,
    bakong_hash: null,
    // Every key set, always: a batch of these is one multi-row INSERT, whose rows must name the same columns.
    needs_reconciliation: payment.needsReconciliation ? 1 : 0,
    paid_at: payment.at,
    created_at: payment.at,
    updated_at: payment.at,
  };
}

/** A KHQR of an order (the web shop's, or a counter's once its sale arrived): the pay page and renewals read these. */
export type OrderKhqrPayment = KhqrPayment & { order_id: string };

/** Statuses of a QR the payment job still asks Bakong about. */
const WATCHED = ['pending', 'superseded'];

function khqrPayments(db: Db | Tx) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('method', '=', 'khqr')
    .$narrowType<
      Pick<KhqrPayment, 'method' | 'qr' | 'md5' | 'expires_at' | 'watch_until' | 'next_check_at'>
    >();
}

export async function insertPayment(tx: Tx, row: PaymentTable): Promise<void> {
  await insertPayments(tx, [row]);
}

export async function insertPayments(tx: Tx, rows: PaymentTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('payments').values(rows).execute();
}

/** The order's newest QR: the one its pay page shows. */
export async function latestKhqrPayment(db: Db | Tx, orderId: string): Promise<OrderKhqrPayment | undefined> {
  return khqrPayments(db)
    .where('order_id', '=', orderId)
    .$narrowType<{ order_id: string }>()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The order's newest QR that was paid. */
export async function latestPaidKhqrPayment(
  db: Db | Tx,
  orderId: string,
): Promise<OrderKhqrPayment | undefined> {
  return khqrPayments(db)
    .where('order_id', '=', orderId)
    .$narrowType<{ order_id: string }>()
    .where('status', '=', 'paid')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What was last received for the order, however it was paid. */
export async function latestPaidPayment(db: Db | Tx, orderId: string) {
  return db
    .selectFrom('payments')
    .select(['currency', 'amount_minor'])
    .where('order_id', '=', orderId)
    .where('status', '=', 'paid')
    .orderBy('paid_at', 'desc')
    .executeTakeFirst();
}

/** The order's open QRs give way to a new one; they stay watched until they expire, as they may still be paid. */
export async function supersedePendingQrs(tx: Tx, orderId: string, now: number): Promise<void> {
  await tx
    .updateTable('payments')
    .set({ status: 'superseded', updated_at: now })
    .where('order_id', '=', orderId)
    .where('method', '=', 'khqr')
    .where('status', '=', 'pending')
    .execute();
}

/** QRs due for a check and claimed by no one (or by someone whose claim ran out), the most overdue first. */
export async function dueQrs(db: Db, now: number, batch: number): Promise<KhqrPayment[]> {
  return khqrPayments(db)
    .where('status', 'in', WATCHED)
    .where('next_check_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_check_at')
    .limit(batch)
    .execute();
}

/** Claims a QR for one poller until `until`; true for the one that got it. */
export async function claimQr(db: Db, id: string, by: string, now: number, until: number): Promise<boolean> {
  const result = await db
    .updateTable('payments')
    .set({ claimed_by: by, claimed_until: until })
    .where('id', '=', id)
    .where('status', 'in', WATCHED)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a watched QR (paid, mismatch, expired); true for the one caller that ended it. */
export async function closeQr(
  tx: Tx,
  id: string,
  changes: Pick<PaymentTable, 'status' | 'updated_at'> &
    Partial<
      Pick<
        PaymentTable,
        'bakong_hash' | 'paid_at' | 'reported_amount_minor' | 'reported_currency' | 'reported_account'
      >
    >,
): Promise<boolean> {
  const result = await tx
    .updateTable('payments')
    .set({ ...changes, claimed_until: null })
    .where('id', '=', id)
    .where('status', 'in', WATCHED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A poller gives its claim back with the time of the next check. */
export async function releaseQrClaim(
  db: Db,
  id: string,
  by: string,
  nextCheckAt: number,
  failures: number,
): Promise<void> {
  await db
    .updateTable('payments')
    .set({ next_check_at: nextCheckAt, check_failures: failures, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', by)
    .execute();
}
