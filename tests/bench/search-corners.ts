import { performance } from 'node:perf_hooks';
import { productListQuerySchema } from '@shop/shared';
import { openDatabase, type Db } from '../../server/src/db/database';
import { listProducts } from '../../server/src/modules/catalog/product-search';
import golden from '../../server/src/modules/catalog/search-golden.json' with { type: 'json' };
import { percentile } from './stats';

/**
 * Issue 16 item 3, no slow corner in search: every query of the golden set and every one- and two-letter prefix,
 * answered uncached (the listing as its route computes it, with a memo for this request only: no answer cache, no
 * kept matches), one at a time, on a database of 100,000 products. Prints the target beside the measurement.
 *
 *   npx tsx bench/search-corners.ts <DATABASE_URL>... [--rounds N]
 */

const TARGET_P99_MS = 50;
const letters = 'abcdefghijklmnopqrstuvwxyz';

export function cornerQueries(): { set: string; query: string }[] {
  const goldenQueries = [...new Set((golden as { query: string }[]).map((g) => g.query))];
  return [
    ...goldenQueries.map((query) => ({ set: 'golden', query })),
    ...[...letters, ...'0123456789'].map((query) => ({ set: 'one letter', query })),
    ...[...letters].flatMap((a) => [...letters].map((b) => ({ set: 'two letters', query: a + b }))),
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
  const queries = cornerQueries();
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt === -1 ? 3 : Number(args[roundsAt + 1]);
  const urls = args.filter((arg, i) => !arg.startsWith('--') && i !== roundsAt + 1);
  for (const url of urls) {
    const database = await openDatabase(url);
    try {
      const { total } = await listProducts(database.db, productListQuerySchema.parse({ pageSize: 1 }));
      for (const row of await measureSearchCorners(database.db, rounds)) {
        console.log(
          `${database.dialect} ${total.toLocaleString('en-US')} products, ${row.set}: target p99 < ${TARGET_P99_MS} ms, ` +
            `measured p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms (${row.samples} samples) ` +
            `${row.p99Ms < TARGET_P99_MS ? 'met' : 'NOT met'}; slowest ${row.slowest
              .map((s) => `"${s.query}" ${s.ms.toFixed(0)} ms`)
              .join(', ')}`,
        );
      }
    } finally {
      await database.close();
    }
  }
}

if (process.argv[1]?.endsWith('search-corners.ts')) await main();
