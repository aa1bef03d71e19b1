import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet } from './http-client';
import { runLoad } from './load';
import type { BenchOptions } from './options';
import type { PreparedDatabase } from './prepare-sqlite';
import type { LatencyRow, LoadRow, Workload } from './report';
import { measureSearchLatency, warmUp } from './sequential';
import { startShopServer, type ChildServer } from './server-process';
import { percentile } from './stats';
import { catalogPaths, catalogSize, searchPath, searchQueries } from './workloads';

export interface ShopFigures {
  load: LoadRow[];
  latency: LatencyRow;
  notes: string[];
}

/**
 * Everything measured on one database: sequential search latency, then listing and search under load. A server
 * still working through a backlog of abandoned requests after a case is restarted, so the next case starts clean.
 */
export async function benchShop(
  db: PreparedDatabase,
  options: BenchOptions,
  log: (line: string) => void,
  afterServerKilled: () => Promise<void> = async () => undefined,
): Promise<ShopFigures> {
  const notes: string[] = [];
  let server: ChildServer = await startShopServer(db.label, db, options.nodeEnv);
  try {
    const products = await catalogSize(server.url);
    if (products !== db.products)
      notes.push(`${db.label}: the server lists ${products.toLocaleString('en-US')} active products.`);
    const paths: Record<Exclude<Workload, 'bare'>, string[]> = {
      listing: await catalogPaths(server.url),
      search: searchQueries.map(searchPath),
    };
    const warmUpPaths = paths.listing.flatMap((p, i) => [p, paths.search[i % paths.search.length]!]);
    await warmUp(server.url, warmUpPaths, options.warmupSec);
    let idleProbeMs = await probeBaseline(server.url);

    const latency = await measureSearchLatency(server.url, searchQueries, {
      budgetMs: options.sequentialBudgetMs,
      minRounds: options.sequentialMinRounds,
      maxRounds: options.sequentialMaxRounds,
    });
    log(
      `${db.label}: sequential search p50 ${latency.all.p50Ms.toFixed(2)} ms, p99 ${latency.all.p99Ms.toFixed(2)} ms ` +
        `(${latency.all.samples} samples)`,
    );

    const load: LoadRow[] = [];
    for (const workload of ['listing', 'search'] as const) {
      for (const connections of options.connections) {
        const figures = await runLoad(server.url, paths[workload], connections, options.durationSec);
        const row: LoadRow = { target: db.label, workload, connections, restarted: false, ...figures };
        load.push(row);
        log(describeLoad(row));
        if (!(await settles(server.url, idleProbeMs))) {
          row.restarted = true;
          log(`${db.label}: still busy with abandoned requests; restarting the server`);
          await server.stop();
          await afterServerKilled();
          server = await startShopServer(db.label, db, options.nodeEnv);
          await warmUp(server.url, warmUpPaths, options.warmupSec);
          idleProbeMs = await probeBaseline(server.url);
        }
      }
    }
    return { load, latency: { target: db.label, products: db.products, ...latency }, notes };
  } finally {
    await server.stop();
    await afterServerKilled();
  }
}

/** A cheap database-backed request: it queues behind whatever the server is still doing. */
const probePath = '/api/v1/brands';

/** Median time of the probe on the idle server. */
export async function probeBaseline(baseUrl: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push((await httpGet(`${baseUrl}${probePath}`)).ms);
  return percentile(times, 50);
}

/**
 * True once the probe is answered about as fast as on the idle server twice in a row within 5 s, i.e. no backlog
 * of requests abandoned by the load generator is still queued for the database.
 */
export async function settles(baseUrl: string, idleProbeMs: number): Promise<boolean> {
  const deadline = performance.now() + 5_000;
  let fast = 0;
  while (performance.now() < deadline) {
    const answer = await httpGet(`${baseUrl}${probePath}`, { timeoutMs: 5_000 }).catch(() => null);
    fast = answer?.status === 200 && answer.ms <= Math.max(50, 3 * idleProbeMs) ? fast + 1 : 0;
    if (fast >= 2) return true;
    await sleep(200);
  }
  return false;
}

export function describeLoad(row: LoadRow): string {
  return (
    `${row.target} ${row.workload} @${row.connections}: ${row.reqPerSec.toFixed(1)} req/s, ` +
    `p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, 2xx ${row.ok}, non-2xx ${row.non2xx}, ` +
    `errors ${row.errors} (timeouts ${row.timeouts})`
  );
}
