import { randomUUID } from 'node:crypto';
import type { LocalDb } from '../local-db/open';

/**
 * One pusher per counter: a lock row with its owner (pid and a random tag) and a heartbeat. Two windows or two
 * processes on one data folder would otherwise push the same queue at once. A lock whose owner stopped beating
 * (crashed, killed) or whose process is gone is taken over.
 */
export function pushLock(db: LocalDb, options: { staleMs?: number; now?: () => number } = {}) {
  const staleMs = options.staleMs ?? 30_000;
  const now = options.now ?? Date.now;
  const owner = `${process.pid}:${randomUUID()}`;
  const read = db.prepare('SELECT owner, heartbeat_at AS heartbeatAt FROM push_lock WHERE id = 1');
  const take = db.prepare(
    'UPDATE push_lock SET owner = ?, heartbeat_at = ? WHERE id = 1 AND (owner IS NULL OR owner = ? OR owner = ? OR heartbeat_at < ?)',
  );
  const release = db.prepare(
    'UPDATE push_lock SET owner = NULL, heartbeat_at = NULL WHERE id = 1 AND owner = ?',
  );

  /** Whether the process that holds the lock is gone (a lock left by a crash on this machine). */
  function holderIsGone(holder: string | null): boolean {
    const pid = Number(holder?.split(':')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  return {
    owner,
    /** Takes or renews the lock; false while another live process holds it. */
    acquire(): boolean {
      // Read and take in one write transaction: two processes cannot both see the lock free.
      return db
        .transaction(() => {
          const row = read.get() as { owner: string | null; heartbeatAt: number | null };
          const orphan = holderIsGone(row.owner) ? row.owner : owner;
          return take.run(owner, now(), owner, orphan, now() - staleMs).changes === 1;
        })
        .immediate();
    },
    release: () => void release.run(owner),
    holder: () => (read.get() as { owner: string | null }).owner,
  };
}

export type PushLock = ReturnType<typeof pushLock>;
