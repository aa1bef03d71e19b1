import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { encodeTime } from 'ulidx';
import { openDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { inTransaction } from '../../server/src/db/transaction';
import { auditRow, systemActor } from '../../server/src/modules/audit/audit';
import { insertAuditRows } from '../../server/src/modules/audit/repo';
import { MAX_BATCH_ROWS } from '../../server/src/modules/retention/batches';
import { RETENTION_PAUSE_MS } from '../../server/src/modules/retention/job';
import { pruneAuditRows, pruneSentMails } from '../../server/src/modules/retention/prune';
import { getRetention } from '../../server/src/modules/retention/setting';
import { percentile } from './stats';

/**
 * Issue 19, pruning's longest lock: `rows` old rows (half sent mails queued 100 days ago, half audit rows of
 * sign-ins four years old; 1,000,000, --quick 100,000) are written straight into a migrated database (SQLite and a
 * scratch MariaDB), then pruned as the job prunes them (batches of 1,000, 50 ms apart) while a writer appends an
 * audit row in its own transaction every 5 ms, as the shop's requests do. Measured: each batch's time (the longest is
 * the longest any writer can wait behind pruning) and the writer's own waits, beside its waits alone just before.
 */
export interface RetentionTarget {
  label: string;
  databaseUrl: string;
}

export interface RetentionRow {
  target: string;
  table: string;
  rows: number;
  removed: number;
  batches: number;
  seconds: number;
  batchP50Ms: number;
  batchMaxMs: number;
  /** The writer alone, before pruning: what the machine gives it. */
  baselineP99Ms: number;
  baselineMaxMs: number;
  writes: number;
  writeP50Ms: number;
  writeP99Ms: number;
  writeMaxMs: number;
}

export interface RetentionFigures {
  rows: number;
  seeds: { target: string; seconds: number }[];
  tables: RetentionRow[];
}

const DAY_MS = 86_400_000;
const WRITER_EVERY_MS = 5;
const BASELINE_MS = 5_000;

export function sqliteRetentionTarget(dir: string): RetentionTarget {
  fs.mkdirSync(dir, { recursive: true });
  return { label: 'SQLite', databaseUrl: `sqlite:${path.join(dir, 'retention.sqlite')}` };
}

export async function benchRetention(
  targets: readonly RetentionTarget[],
  options: { rows: number },
  log: (line: string) => void,
): Promise<RetentionFigures> {
  const figures: RetentionFigures = { rows: options.rows, seeds: [], tables: [] };
  for (const target of targets) {
    const { db, close } = await openDatabase(target.databaseUrl);
    try {
      await migrateToLatest(db);
      const now = Date.now();
      const seeded = performance.now();
      const half = Math.floor(options.rows / 2);
      const dialect = target.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'mysql';
      await seed(db, dialect, 'email_outbox', half, now - 100 * DAY_MS, (n) =>
        log(`retention ${target.label}: ${n.toLocaleString('en-US')} mails`),
      );
      await seed(db, dialect, 'audit_log', options.rows - half, now - 4 * 365 * DAY_MS, (n) =>
        log(`retention ${target.label}: ${n.toLocaleString('en-US')} audit rows`),
      );
      const seconds = (performance.now() - seeded) / 1000;
      figures.seeds.push({ target: target.label, seconds });
      log(
        `retention ${target.label}: ${options.rows.toLocaleString('en-US')} old rows written in ${seconds.toFixed(0)} s`,
      );
      const retention = await getRetention(db);
      for (const [table, rows, prune] of [
        ['email_outbox', half, pruneSentMails],
        ['audit_log', options.rows - half, pruneAuditRows],
      ] as const) {
        const row = await whileWriting(db, async (batches) => {
          const started = performance.now();
          const pruned = await prune(db, retention, Date.now(), {
            batchSize: MAX_BATCH_ROWS,
            pauseMs: RETENTION_PAUSE_MS,
            onBatch: ({ ms }) => batches.push(ms),
          });
          return { ...pruned, seconds: (performance.now() - started) / 1000 };
        });
        figures.tables.push({ target: target.label, table, rows, ...row });
        log(
          `retention ${target.label} ${table}: ${row.removed.toLocaleString('en-US')} removed in ${row.batches} batches, ` +
            `${row.seconds.toFixed(1)} s; longest batch ${row.batchMaxMs.toFixed(0)} ms; ` +
            `writer waited p99 ${row.writeP99Ms.toFixed(0)} ms, at most ${row.writeMaxMs.toFixed(0)} ms ` +
            `(alone: p99 ${row.baselineP99Ms.toFixed(0)} ms, at most ${row.baselineMaxMs.toFixed(0)} ms)`,
        );
      }
    } finally {
      await close();
    }
  }
  return figures;
}

/** The writer: an audit row in its own transaction every 5 ms until `until` says stop; each one's time. */
async function write(db: Db, until: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  while (!until()) {
    const started = performance.now();
    await inTransaction(db, (tx) =>
      insertAuditRows(tx, [
        auditRow(systemActor, { action: 'bench.write', entity: 'user', entityId: null }, Date.now()),
      ]),
    );
    waits.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, WRITER_EVERY_MS));
  }
  return waits;
}

/**
 * The writer alone for 5 s (what the machine gives it without pruning: the baseline), then `prune` while it writes,
 * timing each of the writer's transactions.
 */
async function whileWriting(
  db: Db,
  prune: (batches: number[]) => Promise<{ removed: number; batches: number; seconds: number }>,
) {
  const baselineEnds = performance.now() + BASELINE_MS;
  const baseline = await write(db, () => performance.now() > baselineEnds);
  const batchTimes: number[] = [];
  let pruning = true;
  const writer = write(db, () => !pruning);
  const pruned = await prune(batchTimes).finally(() => {
    pruning = false;
  });
  const waits = await writer;
  return {
    removed: pruned.removed,
    batches: pruned.batches,
    seconds: pruned.seconds,
    batchP50Ms: percentile(batchTimes, 50),
    batchMaxMs: Math.max(...batchTimes),
    baselineP99Ms: percentile(baseline, 99),
    baselineMaxMs: Math.max(...baseline),
    writes: waits.length,
    writeP50Ms: percentile(waits, 50),
    writeP99Ms: percentile(waits, 99),
    writeMaxMs: Math.max(...waits),
  };
}

/**
 * Writes `count` old rows made by the database itself from a sequence (SQLite: a recursive CTE; MariaDB: its
 * Sequence engine), 100,000 per statement: a million rows built and bound by Kysely took minutes on a busy machine.
 * Keys are the ULID time part of `at` followed by a 16-digit number, so they sort as old ULIDs do.
 */
async function seed(
  db: Db,
  dialect: 'sqlite' | 'mysql',
  table: 'email_outbox' | 'audit_log',
  count: number,
  at: number,
  progress: (n: number) => void,
): Promise<void> {
  const prefix = encodeTime(at, 10);
  const chunk = 100_000;
  for (let done = 0; done < count; done += chunk) {
    const size = Math.min(chunk, count - done);
    const numbers =
      dialect === 'sqlite'
        ? sql`with recursive n(i) as (select ${done + 1} union all select i + 1 from n where i < ${done + size})
            select i from n`
        : sql`select seq as i from ${sql.raw(`seq_${done + 1}_to_${done + size}`)}`;
    const id =
      dialect === 'sqlite' ? sql`printf('%s%016d', ${prefix}, i)` : sql`concat(${prefix}, lpad(i, 16, '0'))`;
    if (table === 'email_outbox')
      await sql`insert into email_outbox (id, to_address, template, subject, html, text, status, attempts,
          next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at)
        select ${id}, 'customer@example.test', 'order_placed', 'Your order W00001 is placed',
          '<p>Thank you for your order.</p>', 'Thank you for your order.', 'sent', 1, ${at}, 'bench', null, null,
          ${at}, ${at}
        from (${numbers}) as numbers`.execute(db);
    else
      await sql`insert into audit_log (id, actor_id, ip, action, entity, entity_id, before_json, after_json,
          created_at)
        select ${id}, null, '203.0.113.7', 'auth.login', 'user', '01J0000000000000000000USER', null,
          '{"method":"password"}', ${at}
        from (${numbers}) as numbers`.execute(db);
    progress(done + size);
  }
}
