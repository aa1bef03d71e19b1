import { encodeTime } from 'ulidx';
import type { Db } from '../../db/database';
import { limits } from '../accounts/rate-limit';
import { compactChangeFeed } from '../sync/compaction';
import { inBatches, type BatchOptions, type Pruned } from './batches';
import {
  auditRowsBetween,
  deleteAuditRows,
  deleteDoneMails,
  deleteNotifications,
  deleteSessionsEndedBefore,
  deleteWindowsStartedBefore,
  doneMailIdsBefore,
  oldNotificationIds,
  raiseCounterTo,
  readCounter,
  sessionsAfter,
  windowsAfter,
} from './repo';
import { getRetention, type Retention } from './setting';

/**
 * What the pruning job removes, table by table, in batches (batches.ts), and what it never does
 * (docs/decisions/0015-retention.md): orders, payments, stock movements and every other table of the shop's books are
 * never touched; audit rows about money and stock (below) are kept for good, since the payment screens read them and
 * an accountant may ask for them years later.
 */
export const KEPT_AUDIT_ENTITIES: readonly string[] = Object.freeze([
  'order',
  'payment',
  'payment_proof',
  'refund_owed',
  'stock',
  'stock_shortfall',
  'pos_shift',
  'sync_item',
]);

const DAY_MS = 86_400_000;

/**
 * A rate-limit window counts while it is the current one or the one before (rate-limit.ts): twice the longest window
 * after it started, it can no longer refuse or let through anything.
 */
export const RATE_WINDOWS_MATTER_MS =
  2 * Math.max(...Object.values(limits).map((limit) => limit('').windowMs));

/** An ended session is kept a day, so "signed out because the session ended" is still what a support call finds. */
export const ENDED_SESSIONS_KEPT_MS = DAY_MS;

/**
 * The bell is for what is new (modules/notifications): a read notification is kept 90 days, one never read a year;
 * what it told of (the order, the claim) keeps its own history.
 */
export const READ_NOTIFICATIONS_KEPT_MS = 90 * DAY_MS;
export const UNREAD_NOTIFICATIONS_KEPT_MS = 365 * DAY_MS;

/** The first ULID of a moment: every id made before it sorts below. */
function firstIdAt(time: number): string {
  return `${encodeTime(Math.max(0, time), 10)}${'0'.repeat(16)}`;
}

export async function pruneSentMails(db: Db, retention: Retention, now: number, options: BatchOptions) {
  const before = firstIdAt(now - retention.sentMailDays * DAY_MS);
  return inBatches('email_outbox', options, async (limit) => {
    const ids = (await doneMailIdsBefore(db, before, limit)).map((row) => row.id);
    return { removed: await deleteDoneMails(db, ids), done: ids.length < limit };
  });
}

/**
 * Audit rows older than the setting, except those about money and stock. A run reads only the rows that came of age
 * since the last run (`retention_audit_through`), so the rows kept for good are not read again every hour.
 */
export async function pruneAuditRows(db: Db, retention: Retention, now: number, options: BatchOptions) {
  const cutoff = now - retention.auditDays * DAY_MS;
  const through = await readCounter(db, 'retention_audit_through');
  const before = firstIdAt(cutoff);
  let after = firstIdAt(through);
  const pruned = await inBatches('audit_log', options, async (limit) => {
    const rows = await auditRowsBetween(db, after, before, limit);
    if (rows.length === 0) return { removed: 0, done: true };
    const prunable = rows.filter((row) => !KEPT_AUDIT_ENTITIES.includes(row.entity)).map((row) => row.id);
    const removed = await deleteAuditRows(db, prunable, KEPT_AUDIT_ENTITIES);
    after = rows.at(-1)!.id;
    return { removed, done: rows.length < limit };
  });
  if (!options.stopped?.() && cutoff > through) await raiseCounterTo(db, 'retention_audit_through', cutoff);
  return pruned;
}

export async function pruneEndedSessions(db: Db, now: number, options: BatchOptions) {
  const before = now - ENDED_SESSIONS_KEPT_MS;
  let after = '';
  return inBatches('sessions', options, async (limit) => {
    const rows = await sessionsAfter(db, after, limit);
    if (rows.length === 0) return { removed: 0, done: true };
    after = rows.at(-1)!.id;
    const ended = rows.filter((row) => Number(row.expires_at) < before).map((row) => row.id);
    return { removed: await deleteSessionsEndedBefore(db, ended, before), done: rows.length < limit };
  });
}

export async function pruneRateLimitWindows(db: Db, now: number, options: BatchOptions) {
  const before = now - RATE_WINDOWS_MATTER_MS;
  let after = '';
  return inBatches('rate_limits', options, async (limit) => {
    const rows = await windowsAfter(db, after, limit);
    if (rows.length === 0) return { removed: 0, done: true };
    after = rows.at(-1)!.bucket;
    const old = rows.filter((row) => Number(row.window_start) < before).map((row) => row.bucket);
    return { removed: await deleteWindowsStartedBefore(db, old, before), done: rows.length < limit };
  });
}

export async function pruneNotifications(db: Db, now: number, options: BatchOptions) {
  const readBefore = firstIdAt(now - READ_NOTIFICATIONS_KEPT_MS);
  const anyBefore = firstIdAt(now - UNREAD_NOTIFICATIONS_KEPT_MS);
  return inBatches('notifications', options, async (limit) => {
    const ids = (await oldNotificationIds(db, readBefore, anyBefore, limit)).map((row) => row.id);
    return { removed: await deleteNotifications(db, ids), done: ids.length < limit };
  });
}

/** One pruning run over every table, with the shop's retention setting as it is now. */
export async function pruneOnce(db: Db, options: BatchOptions & { now?: number }): Promise<Pruned[]> {
  const now = options.now ?? Date.now();
  const retention = await getRetention(db);
  return [
    await pruneSentMails(db, retention, now, options),
    await pruneAuditRows(db, retention, now, options),
    await pruneEndedSessions(db, now, options),
    await pruneRateLimitWindows(db, now, options),
    await pruneNotifications(db, now, options),
    await compactChangeFeed(db, { ...options, keepDays: retention.changeFeedDays, now }),
  ];
}
