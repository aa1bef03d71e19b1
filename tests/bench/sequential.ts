import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { httpGet } from './http-client';
import { percentile } from './stats';
import { searchPath } from './workloads';

export interface LatencyFigures {
  samples: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
}

export interface QueryLatency extends LatencyFigures {
  query: string;
  /** Matching products, as the answer's `total` reports. */
  hits: number;
}

export interface SequentialOptions {
  /** Time per query of the set; rounds stop once it is spent and the minimum is reached. */
  budgetMs: number;
  minRounds: number;
  maxRounds: number;
}

/**
 * Search latency with one connection and one request at a time: the cost of a search itself, without queueing.
 * Queries are interleaved round by round, so each sees the same state of caches.
 */
export async function measureSearchLatency(
  baseUrl: string,
  queries: readonly string[],
  options: SequentialOptions,
): Promise<{ perQuery: QueryLatency[]; all: LatencyFigures }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = queries.map((): number[] => []);
  const failures = queries.map(() => 0);
  const hits = queries.map(() => Number.NaN);
  const started = performance.now();
  try {
    for (let round = 0; round < options.maxRounds; round++) {
      if (round >= options.minRounds && performance.now() - started > options.budgetMs * queries.length)
        break;
      for (const [i, query] of queries.entries()) {
        const answer = await httpGet(`${baseUrl}${searchPath(query)}`, { agent, timeoutMs: 60_000 });
        if (answer.status !== 200) {
          failures[i]!++;
          continue;
        }
        times[i]!.push(answer.ms);
        if (Number.isNaN(hits[i])) hits[i] = (JSON.parse(answer.body) as { total: number }).total;
      }
    }
  } finally {
    agent.destroy();
  }
  const figures = (values: number[], failed: number): LatencyFigures => ({
    samples: values.length,
    failures: failed,
    p50Ms: percentile(values, 50),
    p99Ms: percentile(values, 99),
  });
  return {
    perQuery: queries.map((query, i) => ({ query, hits: hits[i]!, ...figures(times[i]!, failures[i]!) })),
    all: figures(
      times.flat(),
      failures.reduce((a, b) => a + b, 0),
    ),
  };
}

/** Sequential requests over the paths for a while: JIT, SQLite page cache and MariaDB buffer pool warm up. */
export async function warmUp(baseUrl: string, paths: readonly string[], seconds: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const until = performance.now() + seconds * 1000;
  try {
    // Every path at least once, so that the measured load meets the answers already made (and kept).
    for (let i = 0; i < paths.length || performance.now() < until; i++) {
      await httpGet(`${baseUrl}${paths[i % paths.length]}`, { agent, timeoutMs: 60_000 }).catch(
        () => undefined,
      );
    }
  } finally {
    agent.destroy();
  }
}
