import type { Change, ChangeEntity } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { inBatches, type BatchOptions, type Pruned } from '../retention/batches';
import { feedHead } from './change-log';
import {
  changeAtOrAfter,
  changesBetween,
  COMPACTED_THROUGH,
  deleteChangesBySeq,
  deleteOlderChangesOf,
  itemsChangedAfter,
  raiseCounter,
  raiseHorizon,
  readCounterValue,
  readHorizon,
} from './compaction-repo';
import { withCurrentData } from './feed-data';

/**
 * Change-feed compaction (docs/decisions/0015-retention.md). A change carries its item as it is when pulled
 * (decision 0004), so of an item's changes only the last one tells a counter anything: the older ones are removed.
 * Older than the shop's horizon (`changeFeedDays`), the last change of an item that is gone (a customer disabled, a
 * category deleted: it reads as a delete) is removed too, so a new counter's first pull reads one change per current
 * item, not years of history.
 *
 * Why nothing is lost. A counter at cursor c gets every change after c. Removing a change with a later one of the
 * same item leaves that later one after c too, and it carries the same current data: nothing to do. Removing the last
 * change of a gone item can hide a delete from a counter whose cursor is below it: before it is removed, the feed's
 * horizon is raised to its seq (in the same transaction), and pull.ts tells a counter whose cursor is below the
 * horizon to pull afresh, unless its pull from 0 began after the horizon was raised: then it never saw any change of
 * that item (all of them were removed) and has nothing to forget. The pull reads its changes first and the horizon
 * after, so a page that misses a removed change always sees the raised horizon.
 */

const DAY_MS = 86_400_000;

/** The highest seq of a change made before `cutoff` (0: none), found by halving on the key, not by a scan. */
export async function feedSeqBefore(db: Db, cutoff: number): Promise<number> {
  const olderThanCutoff = async (seq: number) => {
    const row = await changeAtOrAfter(db, seq);
    return row !== undefined && Number(row.created_at) < cutoff;
  };
  // Numbers are in commit order and times are taken just before commit: old changes come first.
  let low = 0;
  let high = await feedHead(db);
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    if (await olderThanCutoff(middle)) low = middle;
    else high = middle - 1;
  }
  if (low === 0) return 0;
  return Number((await changeAtOrAfter(db, low))!.seq);
}

/** Compacts the feed up to the changes made `keepDays` ago, in batches; answers what it removed. */
export async function compactChangeFeed(
  db: Db,
  options: BatchOptions & { keepDays: number; now?: number },
): Promise<Pruned> {
  const through = await feedSeqBefore(db, (options.now ?? Date.now()) - options.keepDays * DAY_MS);
  let cursor = await readCounterValue(db, COMPACTED_THROUGH);
  return inBatches('change_log', options, async (limit) => {
    const rows = await changesBetween(db, cursor, through, limit);
    if (rows.length === 0) return { removed: 0, done: true };
    const batch = compactionOf(rows);
    const gone = await goneItems(db, batch.last);
    // A gone item changed again later needs no horizon: its later change says it is gone.
    const stillDescribed = await itemsChangedAfter(db, byEntity(gone), batch.endSeq);
    const tombstones = gone.filter((change) => !stillDescribed.has(keyOf(change)));
    const removed = await inTransaction(db, async (tx) => {
      if (tombstones.length)
        await raiseHorizon(tx, Math.max(...tombstones.map((change) => change.seq)), Date.now());
      const older = await deleteOlderChangesOf(tx, byEntity(batch.last), batch.firstSeq);
      const inBatch = await deleteChangesBySeq(tx, [
        ...batch.superseded,
        ...gone.map((change) => change.seq),
      ]);
      await raiseCounter(tx, COMPACTED_THROUGH, batch.endSeq);
      return older + inBatch;
    });
    cursor = batch.endSeq;
    return { removed, done: rows.length < limit };
  });
}

interface FeedRow {
  seq: number | string;
  entity: string;
  entity_id: string;
  operation: string;
  created_at: number | string;
}

/** A batch's last change of each item, and the numbers of its other changes (superseded within the batch). */
function compactionOf(rows: readonly FeedRow[]) {
  const changes: Change[] = rows.map((row) => ({
    seq: Number(row.seq),
    entity: row.entity as ChangeEntity,
    entityId: row.entity_id,
    operation: row.operation as 'upsert' | 'delete',
    at: Number(row.created_at),
    data: null,
  }));
  const lastOf = new Map<string, Change>();
  for (const change of changes) lastOf.set(keyOf(change), change);
  const last = [...lastOf.values()];
  const kept = new Set(last.map((change) => change.seq));
  return {
    last,
    superseded: changes.filter((change) => !kept.has(change.seq)).map((change) => change.seq),
    firstSeq: changes[0]!.seq,
    endSeq: changes.at(-1)!.seq,
  };
}

/** Of these changes, those whose item reads as gone now (feed-data.ts decides, as it does for a pull). */
async function goneItems(db: Db, changes: readonly Change[]): Promise<Change[]> {
  const now = await withCurrentData(db, changes);
  return now.filter((change) => change.operation === 'delete');
}

function byEntity(changes: readonly Change[]): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const change of changes) {
    const list = ids.get(change.entity);
    if (list) list.push(change.entityId);
    else ids.set(change.entity, [change.entityId]);
  }
  return ids;
}

function keyOf(change: Pick<Change, 'entity' | 'entityId'>): string {
  return `${change.entity}:${change.entityId}`;
}

/**
 * Whether a counter at cursor `after`, whose pull from 0 began at `pullStartedAt`, may have missed a delete that
 * compaction removed: its cursor is below the horizon, and its pull began before the horizon was last raised.
 */
export async function mustPullAfresh(db: Db, after: number, pullStartedAt: () => Promise<number>) {
  if (after <= 0) return false;
  const horizon = await readHorizon(db);
  return after < horizon.seq && (await pullStartedAt()) <= horizon.at;
}

/** The feed's horizon: the seq below which a counter may have missed a removed delete. */
export async function feedHorizon(db: Db): Promise<number> {
  return (await readHorizon(db)).seq;
}
