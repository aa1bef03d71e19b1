import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { productListQuerySchema } from '@shop/shared';
import { openDatabase, type Db } from '../../server/src/db/database';
import { listProducts } from '../../server/src/modules/catalog/product-search';
import golden from '../../server/src/modules/catalog/search-golden.json' with { type: 'json' };
import { percentile } from './stats';

/**
 * Issue 16 item 3, no slow corner in search: every query of the golden set and every one- and two-letter prefix,
 * answered uncached (the listing as its route computes it, with a memo for this request only: no answer cache, no
 * kept matches), one at a time, on a database of 100,000 products. Prints the target beside the measurement and
 * beside a baseline measured in the same rounds: an exact-SKU search, the narrowest a search can be (one index row),
 * so what the machine's load does to every search shows in it too. `npm run bench` runs it on its 100,000-product
 * catalogs (catalog part); on its own:
 *
 *   npx tsx bench/search-corners.ts <DATABASE_URL>... [--rounds N]
 */

const TARGET_P99_MS = 50;
const BASELINE_QUERY = 'CPU-INT-14700K';
/** Before issue 16 item 3, on a busy machine (load average about 12): the corners it was about. */
export const searchCornersBefore =
  'before (measured before the bound, busy machine): "a" 2.8 s SQLite / 4–5 s MariaDB, "ab" (nothing found) ' +
  '355 ms / 2–4 s, "ssd" 330 ms / 1.1 s';
const letters = 'abcdefghijklmnopqrstuvwxyz';

export function cornerQueries(): { set: string; query: string }[] {
  const goldenQueries = [...new Set((golden as { query: string }[]).map((g) => g.query))];
  return [
    ...goldenQueries.map((query) => ({ set: 'golden', query })),
    ...[...letters, ...'0123456789'].map((query) => ({ set: 'one letter', query })),
    ...[...letters].flatMap((a) => [...letters].map((b) => ({ set: 'two letters', query: a + b }))),
    // The baseline, spread over the round: one exact-SKU search every 20 queries.
    ...Array.from({ length: 40 }, () => ({ set: 'baseline', query: BASELINE_QUERY })),
  ];
}

export interface CornerFigures {
  set: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  slowest: { query: string; ms: number }[];
}

export async function measureSearchCorners(db: Db, rounds: number): Promise<CornerFigures[]> {
  const all = cornerQueries();
  const baseline = all.filter((q) => q.set === 'baseline');
  const corners = all.filter((q) => q.set !== 'baseline');
  const queries = corners.flatMap((q, i) =>
    i % 20 === 0 && baseline[i / 20] ? [baseline[i / 20]!, q] : [q],
  );
  const times = new Map<string, { query: string; ms: number }[]>();
  // One round first to warm the JIT and the database's caches, not counted.
  for (let round = -1; round < rounds; round++) {
    for (const { set, query } of queries) {
      const parsed = productListQuerySchema.parse({ q: query });
      const started = performance.now();
      await listProducts(db, parsed);
      const ms = performance.now() - started;
      if (round >= 0) times.set(set, [...(times.get(set) ?? []), { query, ms }]);
    }
  }
  return [...times].map(([set, samples]) => ({
    set,
    samples: samples.length,
    p50Ms: percentile(
      samples.map((s) => s.ms),
      50,
    ),
    p99Ms: percentile(
      samples.map((s) => s.ms),
      99,
    ),
    slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 3),
  }));
}

/** The figures as lines for a report: target, measurement and baseline side by side, with the load average. */
export async function searchCornerLines(db: Db, label: string, rounds: number): Promise<string[]> {
  const { total } = await listProducts(db, productListQuerySchema.parse({ pageSize: 1 }));
  const figures = await measureSearchCorners(db, rounds);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const base = figures.find((f) => f.set === 'baseline');
  return figures
    .filter((f) => f.set !== 'baseline')
    .map(
      (row) =>
        `Search corners, ${label} (${total.toLocaleString('en-US')} products, uncached), ${row.set}: ` +
        `target p99 < ${TARGET_P99_MS} ms; measured p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms ` +
        `(${row.samples} samples) ${row.p99Ms < TARGET_P99_MS ? 'met' : 'NOT met'}; baseline (exact-SKU search, ` +
        `same rounds) p50 ${base?.p50Ms.toFixed(1)} ms, p99 ${base?.p99Ms.toFixed(1)} ms; slowest ${row.slowest
          .map((s) => `"${s.query}" ${s.ms.toFixed(0)} ms`)
          .join(', ')}; load average ${load}`,
    );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt === -1 ? 3 : Number(args[roundsAt + 1]);
  const urls = args.filter((arg, i) => !arg.startsWith('--') && (roundsAt === -1 || i !== roundsAt + 1));
  console.log(searchCornersBefore);
  for (const url of urls) {
    const database = await openDatabase(url);
    try {
      for (const line of await searchCornerLines(database.db, database.dialect, rounds)) console.log(line);
    } finally {
      await database.close();
    }
  }
}

if (process.argv[1]?.endsWith('search-corners.ts')) await main();
