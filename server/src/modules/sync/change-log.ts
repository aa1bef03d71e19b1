import type { ChangeEntity, ChangesPage } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { bumpCounter, changesAfter, findCounter, insertChanges } from './repo';
import { noteShelfChanges } from './shelf-version';

export interface ChangeRecord {
  entity: ChangeEntity;
  entityId: string;
  operation: 'upsert' | 'delete';
}

const FEED_COUNTER = 'change_log';

/** How an account appears at counters: customers as `customer` (to sell to), staff and admins as `staff`. */
export function counterEntityOf(role: string): 'customer' | 'staff' {
  return role === 'customer' ? 'customer' : 'staff';
}

/**
 * The changes of one account that had (or has) these roles: one entity each, so an account moved from customer to
 * staff leaves the counters' customer list and joins their staff, and one made a customer again turns inactive as
 * staff. The data each carries is decided when it is pulled (feed-data.ts).
 */
export function accountChanges(userId: string, ...roles: string[]): ChangeRecord[] {
  return [...new Set(roles.map(counterEntityOf))].map((entity) => ({
    entity,
    entityId: userId,
    operation: 'upsert',
  }));
}

/**
 * Appends changes to the feed inside the caller's transaction.
 *
 * Sequence numbers come from one counter row that every feed writer updates. On MySQL the update holds the row's
 * lock until commit, so writers of the feed take numbers in commit order, and a reader that has seen N can never
 * later find a committed N-1 (an AUTO_INCREMENT column would let it skip: docs/database-dialects.md, "The change
 * feed"). Call it last in the transaction, after the stock and catalog rows (the same lock order everywhere: no
 * deadlocks), to hold the lock as briefly as possible.
 */
export async function recordChanges(
  tx: Tx,
  changes: readonly ChangeRecord[],
  now = Date.now(),
): Promise<void> {
  if (changes.length === 0) return;
  // The version cached public answers live under, moved only when what they show changes (shelf-version.ts).
  await noteShelfChanges(tx, changes);
  const last = await bumpCounter(tx, FEED_COUNTER, changes.length);
  if (last === null) throw new Error('the change feed counter is missing: run the migrations');
  const first = last - changes.length + 1;
  await insertChanges(
    tx,
    changes.map((change, i) => ({
      seq: first + i,
      entity: change.entity,
      entity_id: change.entityId,
      operation: change.operation,
      created_at: now,
    })),
  );
}

/** The feed after a cursor, in sequence (= commit) order. */
export async function readChanges(db: Db, after: number, limit: number): Promise<ChangesPage> {
  const rows = await changesAfter(db, after, limit + 1);
  const page = rows.slice(0, limit);
  return {
    changes: page.map((row) => ({
      seq: Number(row.seq),
      entity: row.entity as ChangeEntity,
      entityId: row.entity_id,
      operation: row.operation as 'upsert' | 'delete',
      at: Number(row.created_at),
      data: null,
    })),
    cursor: page.length ? Number(page[page.length - 1]!.seq) : after,
    hasMore: rows.length > limit,
  };
}

/** The newest sequence number: a cheap version stamp for caches of catalog answers. */
export async function feedHead(db: Db): Promise<number> {
  return (await findCounter(db, FEED_COUNTER)) ?? 0;
}
