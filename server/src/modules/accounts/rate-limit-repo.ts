import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';

/** The SQL of the window counters (rate-limit.ts): one row per limit and window, keyed by a hash. */

/** Takes a slot when the window has one free: a conditional update, exact under any number of racers. */
export async function takeHit(db: Db | Tx, key: string, max: number): Promise<boolean> {
  const updated = await db
    .updateTable('rate_limits')
    .set((eb) => ({ hits: eb('hits', '+', 1) }))
    .where('bucket', '=', key)
    .where('hits', '<', max)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Opens a window with its first hit; throws a unique violation when another request opened it first. */
export async function openWindow(db: Db | Tx, key: string, windowStart: number): Promise<void> {
  await db.insertInto('rate_limits').values({ bucket: key, window_start: windowStart, hits: 1 }).execute();
}

export async function giveHitBack(db: Db | Tx, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('bucket', '=', key)
    .where('hits', '>', 0)
    .execute();
}

/** The hits of a window; undefined when nobody opened it. */
export async function findHits(db: Db | Tx, key: string): Promise<number | undefined> {
  const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', key).executeTakeFirst();
  return row ? Number(row.hits) : undefined;
}

/** The hits of several windows at once, by key (a window nobody opened is missing). */
export async function hitsOfWindows(db: Db | Tx, keys: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('rate_limits')
    .select(['bucket', 'hits'])
    .where('bucket', 'in', keys)
    .execute();
  return new Map(rows.map((row) => [row.bucket, Number(row.hits)]));
}
