import type { Db } from '../../db/database';

/**
 * The SQL of pruning (prune.ts). Each table is read by its key, a batch at a time, and rows are deleted by key with
 * their condition checked again in the delete (a session used meanwhile lives on). Mails and audit rows have ULID keys,
 * so "queued before a day" is a key range; sessions and rate-limit windows are walked whole (they stay small).
 */

/** Mails queued before `beforeId` that are done with (sent or given up), oldest first. */
export function doneMailIdsBefore(db: Db, beforeId: string, limit: number) {
  return db
    .selectFrom('email_outbox')
    .select('id')
    .where('id', '<', beforeId)
    .where('status', '<>', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function deleteDoneMails(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('email_outbox')
    .where('id', 'in', ids)
    .where('status', '<>', 'pending')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Notifications keyed below `anyBeforeId`, and read ones below `readBeforeId`, in key order. */
export function oldNotificationIds(db: Db, readBeforeId: string, anyBeforeId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('id', '<', anyBeforeId),
        eb.and([eb('id', '<', readBeforeId), eb('read_at', 'is not', null)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function deleteNotifications(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('notifications').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Audit rows with keys after `afterId` and below `beforeId`, in key order: their entity says whether they may go. */
export function auditRowsBetween(db: Db, afterId: string, beforeId: string, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'entity'])
    .where('id', '>', afterId)
    .where('id', '<', beforeId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function deleteAuditRows(db: Db, ids: readonly string[], keptEntities: readonly string[]) {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('audit_log')
    .where('id', 'in', ids)
    .where('entity', 'not in', keptEntities)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions after `afterId` in key order, with when they end. */
export function sessionsAfter(db: Db, afterId: string, limit: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'expires_at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function deleteSessionsEndedBefore(db: Db, ids: readonly string[], before: number) {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('sessions')
    .where('id', 'in', ids)
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Rate-limit windows after `afterBucket` in key order, with when they started. */
export function windowsAfter(db: Db, afterBucket: string, limit: number) {
  return db
    .selectFrom('rate_limits')
    .select(['bucket', 'window_start'])
    .where('bucket', '>', afterBucket)
    .orderBy('bucket')
    .limit(limit)
    .execute();
}

export async function deleteWindowsStartedBefore(db: Db, buckets: readonly string[], before: number) {
  if (buckets.length === 0) return 0;
  const result = await db
    .deleteFrom('rate_limits')
    .where('bucket', 'in', buckets)
    .where('window_start', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Claims this hour's pruning run for one process of many: a conditional update of the `retention_run` counter that
 * only the first process to ask after `everyMs` changes.
 */
export async function claimRun(db: Db, now: number, everyMs: number): Promise<boolean> {
  const result = await db
    .updateTable('counters')
    .set({ value: now })
    .where('name', '=', 'retention_run')
    .where('value', '<=', now - everyMs)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function readCounter(db: Db, name: string): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Moves a counter up to `value`, never down. */
export async function raiseCounterTo(db: Db, name: string, value: number): Promise<void> {
  await db
    .updateTable('counters')
    .set({ value })
    .where('name', '=', name)
    .where('value', '<', value)
    .execute();
}
