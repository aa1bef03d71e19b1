import { maxPushItems, syncContractVersion, type PushResult } from '@shop/shared';
import type { LocalDb } from '../local-db/open';
import { writeState } from '../local-db/state';
import { backoffDelay } from './backoff';
import type { Outbox } from './outbox';
import type { PushLock } from './push-lock';
import type { LinkState } from './status';
import { describeError, isRetryable, type SyncTransport } from './transport';

export interface PushOutcome {
  /** false: another process holds the push lock, nothing was sent. */
  pushed: boolean;
  results: PushResult[];
}

/**
 * Sends the outbox to the server in batches of at most 200, oldest first. An item leaves the outbox only on the
 * server's answer for it; a dropped connection mid-push changes nothing here, and the retry gets the same answers
 * (the server applies an id once). Only the holder of the push lock pushes.
 */
export function pusher(deps: {
  db: LocalDb;
  outbox: Outbox;
  lock: PushLock;
  transport: () => SyncTransport | null;
  link: LinkState;
  appVersion?: string;
  now?: () => number;
  /** Called after the server applied items: its stock changed, worth a pull. */
  onApplied?: () => void;
}) {
  const now = deps.now ?? Date.now;

  async function pushOnce(): Promise<PushOutcome> {
    const transport = deps.transport();
    if (!transport || !deps.lock.acquire()) return { pushed: false, results: [] };
    const results: PushResult[] = [];
    for (;;) {
      const batch = deps.outbox.nextBatch(maxPushItems);
      if (batch.length === 0) break;
      deps.outbox.countAttempts(batch.map(({ item }) => item.id));
      const answer = await transport.push({
        items: batch.map(({ item }) => item),
        pending: Math.max(0, deps.outbox.pendingCount() - batch.length),
        ...(deps.appVersion && { appVersion: deps.appVersion }),
        // The shapes its items are in: a newer server reads them as this version wrote them.
        contract: syncContractVersion,
      });
      deps.link.online = true;
      const sent = new Set(batch.map(({ item }) => item.id));
      // Only answers for what was sent count; an item without an answer stays queued for the next round.
      const answered = answer.results.filter((result) => sent.has(result.id));
      deps.outbox.settle(answered, now());
      results.push(...answered);
      writeState(deps.db, 'lastPushAt', now());
      if (answered.length === 0 || !deps.lock.acquire()) break; // no progress, or the lock was lost: stop here
    }
    if (results.some((result) => result.status === 'applied')) deps.onApplied?.();
    return { pushed: true, results };
  }

  /** Runs pushOnce now and again after `idleMs`, backing off with jitter after failures. */
  function loop(options: { idleMs?: number; random?: () => number } = {}) {
    const idleMs = options.idleMs ?? 15_000;
    let failures = 0;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> | null = null;
    let stopped = false;
    const schedule = (ms: number) => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(), ms);
      timer.unref();
    };
    const run = (): Promise<void> => {
      if (running) return running;
      running = pushOnce()
        .then(() => {
          failures = 0;
          deps.link.retryAt = null;
          deps.link.lastError = null;
          schedule(idleMs);
        })
        .catch((error: unknown) => {
          deps.link.lastError = describeError(error);
          if (!isRetryable(error)) {
            deps.link.online = true; // the server answered, with a refusal a person must look at
            deps.link.retryAt = null;
            schedule(idleMs);
            return;
          }
          deps.link.online = false;
          failures++;
          const delay = backoffDelay(failures, 1_000, 5 * 60_000, options.random);
          deps.link.retryAt = now() + delay;
          schedule(delay);
        })
        .finally(() => {
          running = null;
        });
      return running;
    };
    return {
      /** Push now (after a sale): skips a waiting backoff only when the last try succeeded. */
      nudge: () => (failures === 0 ? run() : Promise.resolve()),
      run,
      stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        deps.lock.release();
      },
    };
  }

  return { pushOnce, loop };
}
