import { pushItemSchema, type PushItem, type PushResult } from '@shop/shared';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';

export interface QueuedItem {
  seq: number;
  item: PushItem;
}

export interface FailedItem {
  id: string;
  type: string;
  error: string;
  createdAt: number;
}

/**
 * The outbox: what the counter did, queued for the server in the order it happened. Items are checked against the
 * wire contract BEFORE they are queued, so one malformed item can never make the server refuse a whole batch.
 */
export function outboxOf(db: LocalDb) {
  const insert = db.prepare(
    'INSERT INTO outbox (id, type, staff_id, item, created_at) VALUES (@id, @type, @staffId, @item, @createdAt)',
  );
  const pending = db.prepare("SELECT seq, item FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?");
  const countPending = db.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck();
  const failed = db.prepare(
    "SELECT id, type, error, created_at AS createdAt FROM outbox WHERE status = 'failed' ORDER BY seq",
  );
  const countStaffPending = db
    .prepare("SELECT count(*) FROM outbox WHERE staff_id = ? AND status = 'pending'")
    .pluck();
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const markFailed = db.prepare("UPDATE outbox SET status = 'failed', error = ? WHERE id = ?");
  const countAttempt = db.prepare(
    "UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND status = 'pending'",
  );
  const keepResult = db.prepare(
    `INSERT INTO sync_results (item_id, type, status, order_id, order_number, shortfalls, error, answered_at)
     VALUES (@id, @type, @status, @orderId, @orderNumber, @shortfalls, @error, @answeredAt)
     ON CONFLICT (item_id) DO NOTHING`,
  );
  const itemOf = db.prepare('SELECT type, item FROM outbox WHERE id = ?');
  const unsell = db.prepare('UPDATE products SET unsynced_sold = unsynced_sold - ? WHERE id = ?');

  return {
    /** Queues an item inside the caller's transaction (the sale, shift or return is written in the same one). */
    enqueue(item: PushItem, now: number): void {
      const checked = pushItemSchema.safeParse(item);
      if (!checked.success)
        throw new PosError(
          'invalid',
          `this ${item.type} cannot be sent: ${checked.error.issues[0]?.message}`,
        );
      insert.run({
        id: item.id,
        type: item.type,
        staffId: item.staffId,
        item: JSON.stringify(checked.data),
        createdAt: now,
      });
    },
    nextBatch(limit: number): QueuedItem[] {
      return (pending.all(limit) as { seq: number; item: string }[]).map((row) => ({
        seq: row.seq,
        item: JSON.parse(row.item) as PushItem,
      }));
    },
    pendingCount: () => countPending.get() as number,
    failedItems: () => failed.all() as FailedItem[],
    /**
     * Items of this staff member still waiting for the server: they must not sign out. A conflict (failed) does not
     * count: it waits for an admin, and would otherwise keep the cashier at the counter for good.
     */
    unsyncedOf: (staffId: string) => countStaffPending.get(staffId) as number,
    /** One write for the whole batch (each commit is a disk sync). */
    countAttempts: db.transaction((ids: string[]) => {
      for (const id of ids) countAttempt.run(id);
    }),
    /**
     * Records the server's answers, all in one transaction: applied or parked leaves the queue (the answer
     * is kept, by the item's id, beside the sale or shift), a conflict stays aside as failed, never blocking the rest.
     */
    settle: db.transaction((results: PushResult[], now: number) => {
      for (const result of results) settleOne(result, now);
    }),
  };

  function settleOne(result: PushResult, now: number): void {
    const row = itemOf.get(result.id) as { type: string; item: string } | undefined;
    if (!row) return; // answered before (a retry's second answer): nothing left to do
    if (result.status === 'conflict') {
      markFailed.run(result.error ?? 'the server has another item with this id', result.id);
      return;
    }
    keepResult.run({
      id: result.id,
      type: row.type,
      status: result.status,
      orderId: result.orderId ?? null,
      orderNumber: result.orderNumber ?? null,
      shortfalls: result.shortfalls ? JSON.stringify(result.shortfalls) : null,
      error: result.error ?? null,
      answeredAt: now,
    });
    // The server has the units now (or staff will settle them): the shelf no longer counts them as ours.
    const item = JSON.parse(row.item) as PushItem;
    if (item.type === 'sale') for (const line of item.lines) unsell.run(line.quantity, line.productId);
    if (item.type === 'return') for (const line of item.lines) unsell.run(-line.quantity, line.productId);
    remove.run(result.id);
  }
}

export type Outbox = ReturnType<typeof outboxOf>;
