import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support';
import type { ShopDatabase } from '../../db/database';
import type { AuditLogTable } from '../../db/schema';
import { createActiveUser } from '../accounts/users';
import { systemActor } from '../audit/audit';
import { changeSettings } from '../settings/changes';
import { claimRun } from './repo';
import {
  pruneAuditRows,
  pruneEndedSessions,
  pruneNotifications,
  pruneRateLimitWindows,
  pruneSentMails,
  RATE_WINDOWS_MATTER_MS,
} from './prune';
import { getRetention } from './setting';

/**
 * Issue 19 item 4: the pruning job removes what is past the shop's retention and nothing else, a batch of at most
 * the batch size at a time, on both dialects. Rows are written straight into the tables with the keys (ULIDs of
 * their time) and times they would have had.
 */
let database: ShopDatabase & { drop(): Promise<void> };
let userId: string;
beforeAll(async () => {
  database = await openTestDatabase();
  userId = (
    await createActiveUser(database.db, {
      email: 'retention@example.test',
      password: 'a long enough password for tests',
      name: 'Dara',
      role: 'customer',
    })
  ).id;
});
afterAll(() => database?.drop());

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);

/** Batches as they happen: each one's removed rows, to hold against the batch size. */
function watched(batchSize: number) {
  const batches: number[] = [];
  return {
    batches,
    options: { batchSize, pauseMs: 0, onBatch: (b: { removed: number }) => batches.push(b.removed) },
  };
}

async function insertMails(count: number, at: number, status: 'sent' | 'failed' | 'pending', tag: string) {
  const rows = Array.from({ length: count }, () => ({
    id: ulid(at),
    to_address: `${tag}@example.test`,
    template: 'order_placed',
    subject: tag,
    html: '<p>hi</p>',
    text: 'hi',
    status,
    attempts: 1,
    next_attempt_at: at,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: at,
    sent_at: status === 'sent' ? at : null,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await database.db
      .insertInto('email_outbox')
      .values(rows.slice(i, i + 500))
      .execute();
}

async function mailsBySubject(): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('email_outbox')
    .select(['subject', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('subject')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.subject, Number(row.n)]));
}

describe('pruning past the retention setting', () => {
  it('has defaults, and takes a new setting through the shared rules', async () => {
    expect(await getRetention(database.db)).toEqual({
      sentMailDays: 90,
      auditDays: 1095,
      changeFeedDays: 30,
    });
    await expect(
      changeSettings(database.db, [{ key: 'data.retention', next: (now) => ({ ...now, sentMailDays: 2 }) }], {
        actor: systemActor,
        source: 'cli',
      }),
    ).rejects.toMatchObject({ fields: { sentMailDays: expect.stringMatching(/from 7 to 3,650/) } });
    await changeSettings(
      database.db,
      [{ key: 'data.retention', next: (now) => ({ ...now, sentMailDays: 30 }) }],
      {
        actor: systemActor,
        source: 'cli',
      },
    );
    expect((await getRetention(database.db)).sentMailDays).toBe(30);
  });

  it('removes sent and given-up mails queued before the retention, in batches of the batch size, never a pending one', async () => {
    await insertMails(1_250, NOW - 45 * DAY, 'sent', 'old-sent');
    await insertMails(20, NOW - 45 * DAY, 'failed', 'old-failed');
    await insertMails(5, NOW - 45 * DAY, 'pending', 'old-pending');
    await insertMails(30, NOW - 10 * DAY, 'sent', 'recent-sent');
    const { batches, options } = watched(400);
    const pruned = await pruneSentMails(database.db, await getRetention(database.db), NOW, options);

    expect(pruned).toMatchObject({ table: 'email_outbox', removed: 1_270 });
    expect(batches).toEqual([400, 400, 400, 70]);
    expect(await mailsBySubject()).toEqual({ 'old-pending': 5, 'recent-sent': 30 });
  });

  it('removes old audit rows except those about money and stock, and reads each old row once', async () => {
    const row = (entity: string, at: number, action: string): AuditLogTable => ({
      id: ulid(at),
      actor_id: null,
      ip: null,
      action,
      entity,
      entity_id: null,
      before_json: null,
      after_json: null,
      created_at: at,
    });
    const old = NOW - 4 * 365 * DAY;
    const rows = [
      ...Array.from({ length: 300 }, (_, i) => row('user', old + i, 'auth.login')),
      ...Array.from({ length: 40 }, (_, i) => row('setting', old + i, 'setting.change')),
      ...[
        'order',
        'payment',
        'payment_proof',
        'refund_owed',
        'stock',
        'stock_shortfall',
        'pos_shift',
        'sync_item',
      ].map((entity, i) => row(entity, old + i, `${entity}.kept`)),
      row('user', NOW - 30 * DAY, 'auth.login'),
    ];
    await database.db.insertInto('audit_log').values(rows).execute();
    const { batches, options } = watched(100);
    const pruned = await pruneAuditRows(database.db, await getRetention(database.db), NOW, options);

    expect(pruned.removed).toBe(340);
    expect(Math.max(...batches)).toBeLessThanOrEqual(100);
    const left = await database.db.selectFrom('audit_log').select(['entity', 'created_at']).execute();
    expect(
      left
        .filter((r) => Number(r.created_at) < NOW - 3 * 365 * DAY)
        .map((r) => r.entity)
        .sort(),
    ).toEqual([
      'order',
      'payment',
      'payment_proof',
      'pos_shift',
      'refund_owed',
      'stock',
      'stock_shortfall',
      'sync_item',
    ]);
    expect(left.filter((r) => Number(r.created_at) > NOW - 365 * DAY).length).toBeGreaterThanOrEqual(1);
    // The next run starts where this one ended: the rows kept for good are not read again.
    const again = await pruneAuditRows(database.db, await getRetention(database.db), NOW + DAY, options);
    expect(again).toMatchObject({ removed: 0, batches: 1 });
  });

  it('removes sessions ended over a day ago and rate-limit windows that can no longer count, nothing live', async () => {
    const session = (id: string, expiresAt: number) => ({
      id,
      token_hash: id.padEnd(64, '0'),
      user_id: userId,
      created_at: NOW - 40 * DAY,
      expires_at: expiresAt,
      last_seen_at: NOW - 2 * DAY,
      ip: null,
      user_agent: null,
    });
    const ended = Array.from({ length: 250 }, () => session(ulid(NOW - 40 * DAY), NOW - 2 * DAY));
    await database.db
      .insertInto('sessions')
      .values([...ended, session('LIVE', NOW + DAY), session('ENDED-AN-HOUR-AGO', NOW - 3_600_000)])
      .execute();
    const window = (bucket: string, start: number) => ({ bucket, window_start: start, hits: 1 });
    await database.db
      .insertInto('rate_limits')
      .values([
        ...Array.from({ length: 150 }, (_, i) => window(`old-${i}`, NOW - RATE_WINDOWS_MATTER_MS - 1)),
        window('previous', NOW - RATE_WINDOWS_MATTER_MS / 2),
        window('current', NOW),
      ])
      .execute();
    const sessions = watched(100);
    const windows = watched(100);
    const prunedSessions = await pruneEndedSessions(database.db, NOW, sessions.options);
    const prunedWindows = await pruneRateLimitWindows(database.db, NOW, windows.options);

    expect(prunedSessions.removed).toBe(250);
    expect(prunedWindows.removed).toBe(150);
    expect(Math.max(...sessions.batches, ...windows.batches)).toBeLessThanOrEqual(100);
    const sessionIds = (await database.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    expect(sessionIds.sort()).toEqual(['ENDED-AN-HOUR-AGO', 'LIVE']);
    const buckets = (await database.db.selectFrom('rate_limits').select('bucket').execute()).map(
      (r) => r.bucket,
    );
    expect(buckets.sort()).toEqual(['current', 'previous']);
  });

  it('removes notifications read over 90 days ago and any over a year old, nothing newer or unread', async () => {
    const note = (id: string, readAt: number | null) => ({
      id,
      user_id: userId,
      kind: 'order_step',
      params_json: '{}',
      link: null,
      created_at: NOW,
      read_at: readAt,
    });
    const readLongAgo = Array.from({ length: 120 }, () => note(ulid(NOW - 100 * DAY), NOW - 99 * DAY));
    await database.db
      .insertInto('notifications')
      .values([
        ...readLongAgo,
        note(ulid(NOW - 100 * DAY), null), // unread: kept until a year
        note(ulid(NOW - 400 * DAY), null), // over a year: goes, read or not
        note(ulid(NOW - 10 * DAY), NOW - 9 * DAY), // read lately: kept
      ])
      .execute();
    const { batches, options } = watched(50);
    const pruned = await pruneNotifications(database.db, NOW, options);
    expect(pruned.removed).toBe(121);
    expect(Math.max(...batches)).toBeLessThanOrEqual(50);
    const left = await database.db.selectFrom('notifications').select(['id', 'read_at']).execute();
    expect(left.map((row) => row.read_at === null).sort()).toEqual([false, true]);
  });

  it('is claimed by one process an hour, whichever asks first', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => claimRun(database.db, NOW, 3_600_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimRun(database.db, NOW + 60_000, 3_600_000)).toBe(false);
    expect(await claimRun(database.db, NOW + 3_600_000, 3_600_000)).toBe(true);
  });
});
