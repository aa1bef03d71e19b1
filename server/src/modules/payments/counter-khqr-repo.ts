import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import type { KhqrPayment } from './repo';

/**
 * The SQL of counters' online KHQRs: payment rows with a device and, until the counter's sale arrives, no order.
 * The payment job watches them with every other QR (repo.ts, dueQrs); these are the reads and writes only they need.
 */
export type CounterKhqrRow = KhqrPayment & { device_id: string };

function counterKhqrs(db: Db | Tx) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('method', '=', 'khqr')
    .where('device_id', 'is not', null)
    .$narrowType<
      Pick<
        CounterKhqrRow,
        'method' | 'qr' | 'md5' | 'expires_at' | 'watch_until' | 'next_check_at' | 'device_id'
      >
    >();
}

export async function findCounterKhqr(db: Db | Tx, id: string): Promise<CounterKhqrRow | undefined> {
  return counterKhqrs(db).where('id', '=', id).executeTakeFirst();
}

export async function findCounterKhqrByMd5(db: Db | Tx, md5: string): Promise<CounterKhqrRow | undefined> {
  return counterKhqrs(db).where('md5', '=', md5).executeTakeFirst();
}

/** How many KHQRs this counter asked for that are still waiting: unpaid, untied and unexpired. */
export async function countOpenRequests(db: Db | Tx, deviceId: string, now: number): Promise<number> {
  const row = await counterKhqrs(db)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('device_id', '=', deviceId)
    .where('order_id', 'is', null)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether any payment row (an order's or a counter's) has this id: a counter's id must not reuse one. */
export async function paymentIdTaken(db: Db | Tx, id: string): Promise<boolean> {
  return (await db.selectFrom('payments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * Ties a paid request to the order its sale became: only the device's own, paid, still untied request with that
 * amount and currency. The condition is the guard against two sales claiming one payment: one of them wins.
 */
export async function tieToOrder(
  tx: Tx,
  request: { id: string; deviceId: string; amount: number; currency: string },
  order: { id: string; staffId: string; now: number },
): Promise<boolean> {
  const result = await tx
    .updateTable('payments')
    .set({ order_id: order.id, received_by: order.staffId, updated_at: order.now })
    .where('id', '=', request.id)
    .where('device_id', '=', request.deviceId)
    .where('order_id', 'is', null)
    .where('status', '=', 'paid')
    .where('amount_minor', '=', request.amount)
    .where('currency', '=', request.currency)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Paid requests no sale has claimed since `paidBefore`, not flagged yet. */
export async function unclaimedPaidRequests(db: Db, paidBefore: number, batch: number) {
  return counterKhqrs(db)
    .where('status', '=', 'paid')
    .where('order_id', 'is', null)
    .where('needs_reconciliation', '=', 0)
    .where('paid_at', '<', paidBefore)
    .orderBy('paid_at')
    .limit(batch)
    .execute();
}

/** Flags an unclaimed paid request for staff; true for the one caller that flagged it. */
export async function flagForReconciliation(tx: Tx, id: string, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('payments')
    .set({ needs_reconciliation: 1, updated_at: now })
    .where('id', '=', id)
    .where('order_id', 'is', null)
    .where('needs_reconciliation', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
