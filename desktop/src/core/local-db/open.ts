import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type LocalDb = Database.Database;

/** The local database's file inside the counter's data folder. */
export const localDbFile = 'pos.sqlite';

/**
 * Opens (and brings up to date) the counter's database: one connection per process, WAL so the screens read while
 * a pull writes (and a sale's commit appends to one file instead of rewriting pages), and a busy timeout so a second process (another window, the pusher lock test) waits rather than
 * failing at once.
 */
export function openLocalDb(dataDir: string): LocalDb {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, localDbFile));
  db.pragma('journal_mode = WAL');
  // FULL: each committed sale is on disk before the receipt prints. Power cuts are common in the shop's city; NORMAL
  // would keep the database whole but could lose the last sales, which the customer has paid for and carried away.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: LocalDb): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length)
    throw new Error(
      `this counter's database is from a newer version of the app (schema ${version}); update the app`,
    );
  for (let step = version; step < migrations.length; step++) {
    // Each step and its version number in one transaction: a crash mid-step leaves the previous version whole.
    db.transaction(() => {
      db.exec(migrations[step]!);
      db.pragma(`user_version = ${step + 1}`);
    }).immediate();
  }
}
