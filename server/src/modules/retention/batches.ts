import { performance } from 'node:perf_hooks';

/**
 * How pruning and compaction work through a big table without ever holding it: one batch of at most `batchSize` rows
 * (never more than 1,000) per statement or short transaction, found by key, then a pause, so a writer waits for one
 * batch at most (on SQLite, where every statement queues for the one connection, a pause lets the queue drain).
 */
export const MAX_BATCH_ROWS = 1_000;

export interface BatchOptions {
  /** Rows a batch looks at, at most MAX_BATCH_ROWS. */
  batchSize: number;
  /** Milliseconds between two batches. */
  pauseMs: number;
  /** Told after each batch: the table, rows removed and how long it took (tests and the benchmark watch it). */
  onBatch?: (batch: { table: string; removed: number; ms: number }) => void;
  /** Checked before each batch: a server shutting down stops between batches. */
  stopped?: () => boolean;
}

/** What a pass over one table did. */
export interface Pruned {
  table: string;
  removed: number;
  batches: number;
  longestBatchMs: number;
}

/**
 * Runs `batch` until it says it is done (or the run is stopped), pausing in between. `batch` gets the row limit and
 * answers how many rows it removed and whether rows are left to look at.
 */
export async function inBatches(
  table: string,
  options: BatchOptions,
  batch: (limit: number) => Promise<{ removed: number; done: boolean }>,
): Promise<Pruned> {
  const limit = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(options.batchSize)));
  const pruned: Pruned = { table, removed: 0, batches: 0, longestBatchMs: 0 };
  for (;;) {
    if (options.stopped?.()) return pruned;
    const started = performance.now();
    const { removed, done } = await batch(limit);
    const ms = performance.now() - started;
    pruned.batches++;
    pruned.removed += removed;
    pruned.longestBatchMs = Math.max(pruned.longestBatchMs, ms);
    options.onBatch?.({ table, removed, ms });
    if (done) return pruned;
    if (options.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}
