import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createShopClient, type Change } from '@shop/shared';
import { openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import type { PreparedDatabase } from './prepare-sqlite';
import { startShopServer, type NodeEnv } from './server-process';

/**
 * A new counter's first pull (issue 11): a device paired through the real routes pulls the whole change feed of a
 * 100,000-product shop over HTTP, pages of 1,000 with each entity's data, as the desktop core does with the typed
 * client. Target: under 30 s end to end. Measures the time, pages and changes per second, the slowest page, and the
 * server's resident memory (now and at its peak, VmHWM).
 */
export interface FirstPullRow {
  target: string;
  products: number;
  changes: number;
  pages: number;
  seconds: number;
  slowestPageMs: number;
  /** Distinct products the counter holds at the end: must be every product of the shop. */
  productsPulled: number;
  serverRssMiB: number;
  serverPeakRssMiB: number;
}

export const FIRST_PULL_TARGET_SEC = 30;
const PAGE = 1_000;

export async function benchFirstPull(
  targets: PreparedDatabase[],
  options: { nodeEnv: NodeEnv; workDir: string },
  log: (line: string) => void,
): Promise<FirstPullRow[]> {
  const rows: FirstPullRow[] = [];
  for (const prepared of targets) {
    const target = copyForPull(prepared, options.workDir);
    const adminToken = await anAdminSession(target.databaseUrl);
    const server = await startShopServer(`${prepared.label} (first pull)`, target, options.nodeEnv);
    try {
      const admin = createShopClient({
        baseUrl: server.url,
        headers: () => ({ authorization: `Bearer ${adminToken}` }),
      });
      const created = await admin.createDevice({ body: { name: 'Benchmark counter' } });
      const paired = await createShopClient({ baseUrl: server.url }).pairDevice({
        body: { pairingCode: created.pairingCode },
      });
      const counter = createShopClient({
        baseUrl: server.url,
        headers: () => ({ authorization: `Bearer ${paired.token}` }),
      });
      log(`${prepared.label}: first pull of the whole feed in pages of ${PAGE.toLocaleString('en-US')}...`);
      const products = new Set<string>();
      let cursor = 0;
      let changes = 0;
      let pages = 0;
      let slowestPageMs = 0;
      const started = performance.now();
      for (;;) {
        const pageStarted = performance.now();
        const page = await counter.listChanges({ query: { after: cursor, limit: PAGE } });
        slowestPageMs = Math.max(slowestPageMs, performance.now() - pageStarted);
        for (const change of page.changes as Change[])
          if (change.entity === 'product' && change.operation === 'upsert') products.add(change.entityId);
        changes += page.changes.length;
        pages++;
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const seconds = (performance.now() - started) / 1000;
      const memory = memoryOf(server.pid);
      rows.push({
        target: prepared.label,
        products: prepared.products,
        changes,
        pages,
        seconds,
        slowestPageMs,
        productsPulled: products.size,
        serverRssMiB: memory.rss,
        serverPeakRssMiB: memory.peak,
      });
      log(describeFirstPull(rows.at(-1)!));
    } finally {
      await server.stop();
    }
  }
  return rows;
}

export function describeFirstPull(row: FirstPullRow): string {
  return (
    `${row.target}: ${row.changes.toLocaleString('en-US')} changes (${row.productsPulled.toLocaleString('en-US')} ` +
    `products) in ${row.pages} pages, ${row.seconds.toFixed(1)} s (${(row.pages / row.seconds).toFixed(1)} pages/s, ` +
    `slowest page ${row.slowestPageMs.toFixed(0)} ms); server RSS ${row.serverRssMiB.toFixed(0)} MiB, ` +
    `peak ${row.serverPeakRssMiB.toFixed(0)} MiB`
  );
}

/**
 * SQLite: a copy, so the device and admin made here never reach a cached catalog; MariaDB: the scratch database
 * itself (dropped at the end of the run).
 */
function copyForPull(prepared: PreparedDatabase, workDir: string): PreparedDatabase {
  if (prepared.dialect !== 'sqlite') return prepared;
  const dir = path.join(workDir, `first-pull-${prepared.products}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(prepared.dataDir, dir, { recursive: true });
  return { ...prepared, dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'shop.sqlite')}` };
}

/** An admin with a bearer session, made with the server's own code before the server starts. */
async function anAdminSession(databaseUrl: string): Promise<string> {
  const { db, close } = await openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    const admin = await createActiveUser(db, {
      email: `first-pull-${Date.now()}@bench.local`,
      password: `bench admin ${Math.random().toString(36).slice(2)}`,
      name: 'Benchmark admin',
      role: 'admin',
    });
    return (await startSession(db, admin.id)).token;
  } finally {
    await close();
  }
}

export function memoryOf(pid: number | undefined): { rss: number; peak: number } {
  if (pid === undefined) return { rss: Number.NaN, peak: Number.NaN };
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}
