import type { Db } from '../../db/database';

/** Of these devices, the ones still paired (not revoked): one query for every listener of the nudge. */
export async function devicesStillPaired(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('devices')
    .select('id')
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.id));
}
