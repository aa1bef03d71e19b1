import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';

/**
 * The SQL of change-feed compaction (compaction.ts): every statement finds rows by the feed's key (seq) or by
 * `change_log_entity_idx` (entity, entity_id, seq), and touches at most one batch of them.
 */

export const COMPACTED_THROUGH = 'change_log_compacted';
export const FEED_HORIZON = 'change_log_horizon';
const FEED_HORIZON_AT = 'change_log_horizon_at';

/** The first change at or after `seq`: one seek on the key (compaction looks for its horizon by halving). */
export function changeAtOrAfter(db: Db, seq: number) {
  return db
    .selectFrom('change_log')
    .select(['seq', 'created_at'])
    .where('seq', '>=', seq)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

/** Up to `limit` changes after `after`, up to `through`, in sequence order. */
export function changesBetween(db: Db, after: number, through: number, limit: number) {
  return db
    .selectFrom('change_log')
    .select(['seq', 'entity', 'entity_id', 'operation', 'created_at'])
    .where('seq', '>', after)
    .where('seq', '<=', through)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Items (by entity kind, their ids) with a change after `after`: those a later change still describes. */
export async function itemsChangedAfter(
  db: Db,
  items: ReadonlyMap<string, readonly string[]>,
  after: number,
): Promise<Set<string>> {
  if (items.size === 0) return new Set();
  const rows = await db
    .selectFrom('change_log')
    .select(['entity', 'entity_id'])
    .distinct()
    .where((eb) =>
      eb.or(
        [...items].map(([entity, ids]) => eb.and([eb('entity', '=', entity), eb('entity_id', 'in', ids)])),
      ),
    )
    .where('seq', '>', after)
    .execute();
  return new Set(rows.map((row) => `${row.entity}:${row.entity_id}`));
}

/** Removes changes by their numbers. */
export async function deleteChangesBySeq(tx: Tx, seqs: readonly number[]): Promise<number> {
  if (seqs.length === 0) return 0;
  const result = await tx.deleteFrom('change_log').where('seq', 'in', seqs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes the changes of these items older than `before` (their later change is kept). */
export async function deleteOlderChangesOf(
  tx: Tx,
  items: ReadonlyMap<string, readonly string[]>,
  before: number,
): Promise<number> {
  if (items.size === 0) return 0;
  const result = await tx
    .deleteFrom('change_log')
    .where((eb) =>
      eb.or(
        [...items].map(([entity, ids]) => eb.and([eb('entity', '=', entity), eb('entity_id', 'in', ids)])),
      ),
    )
    .where('seq', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A counter row's value; 0 when missing (a database migrated before 038 has none: nothing was compacted). */
export async function readCounterValue(db: Db | Tx, name: string): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** The feed's horizon and when it was last raised (0 and 0: never). */
export async function readHorizon(db: Db): Promise<{ seq: number; at: number }> {
  const rows = await db
    .selectFrom('counters')
    .select(['name', 'value'])
    .where('name', 'in', [FEED_HORIZON, FEED_HORIZON_AT])
    .execute();
  const value = (name: string) => Number(rows.find((row) => row.name === name)?.value ?? 0);
  return { seq: value(FEED_HORIZON), at: value(FEED_HORIZON_AT) };
}

/** Raises the horizon to `seq` (never lowers it) and, when it moved, notes when. */
export async function raiseHorizon(tx: Tx, seq: number, now: number): Promise<void> {
  const raised = await tx
    .updateTable('counters')
    .set({ value: seq })
    .where('name', '=', FEED_HORIZON)
    .where('value', '<', seq)
    .executeTakeFirst();
  if (Number(raised.numUpdatedRows) > 0)
    await tx.updateTable('counters').set({ value: now }).where('name', '=', FEED_HORIZON_AT).execute();
}

/** Moves a counter row up to `value`, never down (two runs racing leave the higher). */
export async function raiseCounter(tx: Tx, name: string, value: number): Promise<void> {
  await tx
    .updateTable('counters')
    .set({ value })
    .where('name', '=', name)
    .where('value', '<', value)
    .execute();
}
