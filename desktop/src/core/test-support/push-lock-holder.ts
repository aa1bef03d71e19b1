import { openLocalDb } from '../local-db/open';
import { pushLock } from '../sync/push-lock';

/**
 * A second process on the same data folder, for the push lock test: tries to take the lock, tells the parent whether
 * it got it, keeps its heartbeat while it holds it, and exits when told (or is killed, like a crashed app).
 */
const db = openLocalDb(process.argv[2]!);
const lock = pushLock(db);
const acquired = lock.acquire();
process.send?.({ acquired, pid: process.pid });
const heartbeat = setInterval(() => {
  if (acquired) lock.acquire();
}, 200);
process.on('message', (message) => {
  if (message === 'release') {
    clearInterval(heartbeat);
    lock.release();
    db.close();
    process.exit(0);
  }
});
