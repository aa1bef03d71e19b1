import { Kysely, sql } from 'kysely';
import type { Logger } from '../logger';
import { createMysqlDialect, mysqlPoolUse } from './mysql';
import type { Database } from './schema';
import { createSqliteDialect } from './sqlite';

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

/** Opens the database named by the URL; on MySQL waits for the server with backoff before giving up. */
export async function openDatabase(
  url: string,
  options: { logger?: Logger; connectAttempts?: number } = {},
): Promise<ShopDatabase> {
  const dialect = dialectOfUrl(url);
  if (dialect === 'sqlite') {
    const { dialect: sqlite } = createSqliteDialect(url.slice('sqlite:'.length));
    const db = new Kysely<Database>({ dialect: sqlite });
    return { db, dialect, close: () => db.destroy(), poolUse: () => null };
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
