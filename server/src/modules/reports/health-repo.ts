import type { Db } from '../../db/database';

/** The SQL of the health figures: what waits in the mail outbox and for a payment check, and the counters. */

export async function mailOutboxBacklog(db: Db) {
  const rows = await db
    .selectFrom('email_outbox')
    .select([
      'status',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.min<number | string | null>('created_at').as('oldest'),
    ])
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute();
  const pending = rows.find((r) => r.status === 'pending');
  return {
    waiting: Number(pending?.n ?? 0),
    oldestWaitingAt: pending?.oldest == null ? null : Number(pending.oldest),
    failed: Number(rows.find((r) => r.status === 'failed')?.n ?? 0),
  };
}

/** KHQR payments whose next check with Bakong is due: the payment job's backlog. */
export async function paymentCheckBacklog(db: Db, now: number) {
  const row = await db
    .selectFrom('payments')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.min<number | string | null>('next_check_at').as('oldest'),
    ])
    .where('status', 'in', ['pending', 'superseded'])
    .where('next_check_at', '<=', now)
    .executeTakeFirstOrThrow();
  return { waiting: Number(row.n), oldestWaitingAt: row.oldest == null ? null : Number(row.oldest) };
}

export async function pairedDevices(db: Db) {
  const rows = await db
    .selectFrom('devices')
    .select(['id', 'name', 'last_sync_at', 'pending_count'])
    .where('paired_at', 'is not', null)
    .where('revoked_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    lastSyncAt: d.last_sync_at === null ? null : Number(d.last_sync_at),
    pendingCount: Number(d.pending_count ?? 0),
  }));
}
