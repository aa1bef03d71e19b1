import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ulid } from 'ulidx';
import { openDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { AuditLogTable, EmailOutboxTable } from '../../server/src/db/schema';
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
 * the longest any writer can wait behind pruning) and the writer's own waits.
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
      await seed(
        db,
        'email_outbox',
        half,
        (i) => oldMail(now - 100 * DAY_MS + i),
        (n) => log(`retention ${target.label}: ${n.toLocaleString('en-US')} mails`),
      );
      await seed(
        db,
        'audit_log',
        options.rows - half,
        (i) => oldAuditRow(now - 4 * 365 * DAY_MS + i),
        (n) => log(`retention ${target.label}: ${n.toLocaleString('en-US')} audit rows`),
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
            `writer waited p99 ${row.writeP99Ms.toFixed(0)} ms, at most ${row.writeMaxMs.toFixed(0)} ms`,
        );
      }
    } finally {
      await close();
    }
  }
  return figures;
}

/** Runs `prune` while a writer appends an audit row every 5 ms, timing each of the writer's transactions. */
async function whileWriting(
  db: Db,
  prune: (batches: number[]) => Promise<{ removed: number; batches: number; seconds: number }>,
) {
  const waits: number[] = [];
  const batchTimes: number[] = [];
  let pruning = true;
  const writer = (async () => {
    while (pruning) {
      const started = performance.now();
      await inTransaction(db, (tx) =>
        insertAuditRows(tx, [
          auditRow(systemActor, { action: 'bench.write', entity: 'user', entityId: null }, Date.now()),
        ]),
      );
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, WRITER_EVERY_MS));
    }
  })();
  const pruned = await prune(batchTimes).finally(() => {
    pruning = false;
  });
  await writer;
  return {
    removed: pruned.removed,
    batches: pruned.batches,
    seconds: pruned.seconds,
    batchP50Ms: percentile(batchTimes, 50),
    batchMaxMs: Math.max(...batchTimes),
    writes: waits.length,
    writeP50Ms: percentile(waits, 50),
    writeP99Ms: percentile(waits, 99),
    writeMaxMs: Math.max(...waits),
  };
}

async function seed<T extends 'email_outbox' | 'audit_log'>(
  db: Db,
  table: T,
  count: number,
  make: (i: number) => T extends 'email_outbox' ? EmailOutboxTable : AuditLogTable,
  progress: (n: number) => void,
): Promise<void> {
  // Statements of 1,000 rows, ten to a transaction: one commit per 10,000 rows.
  const chunk = 1_000;
  for (let done = 0; done < count;) {
    const start = done;
    const end = Math.min(count, start + 10 * chunk);
    await inTransaction(db, async (tx) => {
      for (let from = start; from < end; from += chunk) {
        const rows = Array.from({ length: Math.min(chunk, end - from) }, (_, i) => make(from + i));
        await tx
          .insertInto(table)
          .values(rows as never)
          .execute();
      }
    });
    done = end;
    if (done % 100_000 === 0 || done === count) progress(done);
  }
}

function oldMail(at: number): EmailOutboxTable {
  return {
    id: ulid(at),
    to_address: 'customer@example.test',
    template: 'order_placed',
    subject: 'Your order W00001 is placed',
    html: '<p>Thank you for your order.</p>',
    text: 'Thank you for your order.',
    status: 'sent',
    attempts: 1,
    next_attempt_at: at,
    claimed_by: 'bench',
    claimed_until: null,
    last_error: null,
    created_at: at,
    sent_at: at,
  };
}

function oldAuditRow(at: number): AuditLogTable {
  return {
    id: ulid(at),
    actor_id: null,
    ip: '203.0.113.7',
    action: 'auth.login',
    entity: 'user',
    entity_id: '01J0000000000000000000USER',
    before_json: null,
    after_json: '{"method":"password"}',
    created_at: at,
  };
}
