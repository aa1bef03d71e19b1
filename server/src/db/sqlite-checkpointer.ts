import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints of SQLite's write-ahead log, run by a thread of their own instead of by the commit that happens to
 * cross the log's threshold.
 *
 * better-sqlite3 is synchronous: whatever a statement waits for, the event loop waits for. With WAL and
 * synchronous=NORMAL a commit only appends to the log (no fsync), but every 1,000 pages SQLite's automatic
 * checkpoint copies the log into the database file and fsyncs it inside that commit. Measured on these shared
 * machines: commits p50 0.03 ms, p99 4 ms, p99.9 33 ms, max 97 ms, nearly all of the time in those checkpoints, and
 * every request in flight waits meanwhile (at 1,000 requests/s, 30-100 ms of nothing every second or so). Here a
 * worker thread with a connection of its own runs PASSIVE checkpoints a few times a second, which never wait for
 * readers or writers and never make them wait (SQLite restarts the log at the next commit once a checkpoint has
 * copied all of it); the server's connection checkpoints itself only past 10 times the usual size of the log, a
 * bound should writes never pause long enough for a checkpoint to catch up (database.ts).
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const CHECKPOINT_EVERY_MS = 250;

// Runs in the worker as CommonJS (`eval`): the server is one bundled file, so the worker cannot be a file of its own.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(
  file: string,
  onFailure: (message: string) => void = () => undefined,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS },
  });
  // Never what keeps a process alive (a test, a command that forgot to close its database).
  worker.unref();
  worker.on('message', (message: { failed?: string }) => message.failed && onFailure(message.failed));
  worker.on('error', (error) => onFailure(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 2_000).unref());
      if ((await Promise.race([exited, timeout])) === 'late') await worker.terminate();
    },
  };
}
