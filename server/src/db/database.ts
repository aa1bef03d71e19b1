import { Kysely, sql } from 'kysely';
import type { Logger } from '../logger';
import { createMysqlDialect, mysqlPoolUse } from './mysql';
import type { Database } from './schema';
import { createSqliteDialect } from './sqlite';
import { startCheckpointer } from './sqlite-checkpointer';

/** Pages of log after which a commit checkpoints on its own when checkpoints run in the background. */
const INLINE_CHECKPOINT_PAGES = 10_000;

export type DialectName = 'sqlite' | 'mysql';
export type Db = Kysely<Database>;

export interface ShopDatabase {
  db: Db;
  dialect: DialectName;
  close(): Promise<void>;
  /** The MySQL pool's connections (open, idle) and queries waiting for one; null on SQLite's single connection. */
  poolUse(): { open: number; idle: number; waiting: number } | null;
}

export function dialectOfUrl(url: string): DialectName {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://')) return 'mysql';
  throw new Error(`DATABASE_URL: must start with sqlite: or mysql://, got "${url.split(':')[0]}:"`);
}

/**
 * Opens the database named by the URL; on MySQL waits for the server with backoff before giving up.
 * `checkpointInBackground` (the server): a SQLite file's log is checkpointed by a thread of its own, never by a
 * commit on the event loop (sqlite-checkpointer.ts).
 */
export async function openDatabase(
  url: string,
  options: { logger?: Logger; connectAttempts?: number; checkpointInBackground?: boolean } = {},
): Promise<ShopDatabase> {
  const dialect = dialectOfUrl(url);
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    const { dialect: sqlite, raw } = createSqliteDialect(file);
    const db = new Kysely<Database>({ dialect: sqlite });
    if (!options.checkpointInBackground || file === ':memory:')
      return { db, dialect, close: () => db.destroy(), poolUse: () => null };
    // The commit's own checkpoint only as a bound on the log's size (40 MB), should the thread fall behind.
    raw.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
    const checkpointer = startCheckpointer(file, (message) =>
      options.logger?.warn({ reason: message }, 'sqlite: a background checkpoint failed'),
    );
    const close = async () => {
      await db.destroy();
      await checkpointer.stop();
    };
    return { db, dialect, close, poolUse: () => null };
  }
  const { dialect: mysql, pool } = createMysqlDialect(url);
  const db = new Kysely<Database>({ dialect: mysql });
  await waitForMysql(db, url, options.connectAttempts ?? 8, options.logger);
  return { db, dialect, close: () => db.destroy(), poolUse: () => mysqlPoolUse(pool) };
}

async function waitForMysql(db: Db, url: string, attempts: number, logger?: Logger): Promise<void> {
  const { host } = new URL(url);
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts) {
        await db.destroy().catch(() => undefined);
        throw new Error(`Cannot reach MySQL at ${host} after ${attempts} attempts: ${reason}`);
      }
      const delayMs = Math.min(250 * 2 ** attempt, 8_000);
      logger?.warn({ attempt, delayMs, reason }, `MySQL at ${host} is not reachable yet; retrying`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
