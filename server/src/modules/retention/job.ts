import type { Db } from '../../db/database';
import type { Logger } from '../../logger';
import { MAX_BATCH_ROWS, type Pruned } from './batches';
import { pruneOnce } from './prune';
import { claimRun } from './repo';

/** A run an hour: a day's sessions, windows and mails are a few batches, never a long one. */
export const RETENTION_EVERY_MS = 60 * 60_000;
/** Between two batches: a writer that waited for one batch is served before the next. */
export const RETENTION_PAUSE_MS = 50;

export interface RetentionJob {
  /** Claims and runs one pass now when no process ran one within the hour; null when another process has it. */
  runOnce(now?: number): Promise<Pruned[] | null>;
  /** Stops between two batches and waits for the batch at hand. */
  stop(): Promise<void>;
}

/**
 * The pruning job (docs/decisions/0015-retention.md): every server process runs the timer, the `retention_run`
 * counter lets one of them prune per hour. First run a minute after start, not during it.
 */
export function startRetentionJob(deps: {
  db: Db;
  logger: Logger;
  everyMs?: number;
  pauseMs?: number;
  /** More hourly upkeep, run by the one process that claimed the run (the Bakong token's expiry notice). */
  alsoHourly?: (now: number) => Promise<void>;
}): RetentionJob {
  const everyMs = deps.everyMs ?? RETENTION_EVERY_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const runOnce = async (now = Date.now()): Promise<Pruned[] | null> => {
    if (!(await claimRun(deps.db, now, everyMs))) return null;
    const pruned = await pruneOnce(deps.db, {
      now,
      batchSize: MAX_BATCH_ROWS,
      pauseMs: deps.pauseMs ?? RETENTION_PAUSE_MS,
      stopped: () => stopped,
    });
    await deps.alsoHourly?.(now);
    const removed = pruned.filter((table) => table.removed > 0);
    if (removed.length)
      deps.logger.info(
        { pruned: Object.fromEntries(removed.map((table) => [table.table, table.removed])) },
        'old rows pruned',
      );
    return pruned;
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      const run = runOnce();
      running = run;
      void run
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'pruning old rows failed; will retry'))
        .finally(() => !stopped && schedule(everyMs));
    }, delayMs);
    timer.unref();
  };
  schedule(Math.min(60_000, everyMs));

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
