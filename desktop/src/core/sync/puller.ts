import type { ApplyPage } from '../catalog/apply-page';
import type { LocalDb } from '../local-db/open';
import { readState } from '../local-db/state';
import type { LinkState } from './status';
import { describeError, type SyncTransport } from './transport';

/**
 * Brings the change feed in, page by page, each page applied in one local transaction with its cursor: stopping at
 * any point (app closed, network gone) resumes from the last applied page. Runs on start, on a timer and on a nudge
 * (the server's event stream); calls while a pull runs are folded into one more round after it.
 */
export function puller(deps: {
  db: LocalDb;
  applyPage: ApplyPage;
  transport: () => SyncTransport | null;
  link: LinkState;
  pageSize?: number;
}) {
  const pageSize = deps.pageSize ?? 500;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function pullAll(): Promise<number> {
    const transport = deps.transport();
    if (!transport) return 0;
    let applied = 0;
    for (;;) {
      const after = readState(deps.db, 'cursor') ?? 0;
      const page = await transport.pull(after, pageSize);
      deps.link.online = true;
      const result = deps.applyPage(page);
      applied += result.applied;
      // Told to pull afresh: again from 0 at once (a server flagging a pull from 0 itself is not followed round).
      if (result.afresh && after > 0) continue;
      if (!page.hasMore || page.changes.length === 0) return applied;
    }
  }

  /** Pulls until the feed is exhausted; resolves with the number of changes applied (by this call's rounds). */
  function pullNow(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await pullAll();
        } while (again);
        return total;
      } catch (error) {
        deps.link.online = false;
        deps.link.lastError = describeError(error);
        throw error;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    pullNow,
    start(intervalMs = 60_000) {
      const quietly = () => void pullNow().catch(() => {}); // the failure is in the status; the timer tries again
      quietly();
      timer = setInterval(quietly, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
