import type { Db } from '../../db/database';
import type { SyncItemTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of pushed counter items (sync_items): each kept once by its ULID, with the answer it got. */

export async function findSyncItem(db: Db | Tx, id: string): Promise<SyncItemTable | undefined> {
  return db.selectFrom('sync_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rows kept for these ids, by id (one query for a whole pushed batch). */
export async function findSyncItems(
  db: Db | Tx,
  ids: readonly string[],
): Promise<Map<string, SyncItemTable>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sync_items')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Inserting the row takes the item's key: a concurrent retry of the same id waits here, then fails on it. */
export async function insertSyncItem(tx: Tx, row: SyncItemTable): Promise<void> {
  await insertSyncItems(tx, [row]);
}

export async function insertSyncItems(tx: Tx, rows: SyncItemTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('sync_items').values(rows).execute();
}

/** The item's outcome once applied (or applied on a retry by staff), with the answer repeated from then on. */
export async function settleSyncItem(
  tx: Tx,
  id: string,
  changes: Pick<SyncItemTable, 'status' | 'result_json' | 'error' | 'order_id'> &
    Partial<Pick<SyncItemTable, 'resolved_at' | 'resolved_by' | 'discard_reason'>>,
): Promise<void> {
  await tx.updateTable('sync_items').set(changes).where('id', '=', id).execute();
}

/**
 * Claims a parked item for staff (retry or discard): a conditional write that takes its row lock, so two staff
 * members acting on it at once cannot both apply it. False when it is no longer parked (or unknown).
 */
export async function claimParkedItem(tx: Tx, id: string, now: number): Promise<boolean> {
  const claimed = await tx
    .updateTable('sync_items')
    .set({ resolved_at: now })
    .where('id', '=', id)
    .where('status', '=', 'parked')
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Why a retried item still fails, for the back-office list. */
export async function setParkedError(db: Db, id: string, error: string, resultJson: string): Promise<void> {
  await db
    .updateTable('sync_items')
    .set({ error, result_json: resultJson })
    .where('id', '=', id)
    .where('status', '=', 'parked')
    .execute();
}

/** Parked items (or one), oldest first, with their device and whoever resolved them. */
export async function listParkedRows(db: Db | Tx, filter: { id?: string; status?: string }) {
  return db
    .selectFrom('sync_items as s')
    .innerJoin('devices as d', 'd.id', 's.device_id')
    .leftJoin('users as u', 'u.id', 's.resolved_by')
    .selectAll('s')
    .select(['d.name as device_name', 'u.name as resolver_name'])
    .$if(filter.id !== undefined, (q) => q.where('s.id', '=', filter.id!))
    .$if(filter.status !== undefined, (q) => q.where('s.status', '=', filter.status!))
    .orderBy('s.received_at')
    .orderBy('s.id')
    .limit(500)
    .execute();
}
