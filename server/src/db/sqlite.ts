import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';

/**
 * SQLite through better-sqlite3: one connection, WAL, foreign keys on.
 *
 * Kysely's SQLite driver guards its single connection with a mutex whose waiters all wake on every release; with
 * thousands of requests waiting, throughput collapses (53k → 2.2k selects/s, docs/database-dialects.md). We put a
 * FIFO queue in front of it so exactly one caller waits for the connection at a time and the rest wait in arrival
 * order.
 */
export function createSqliteDialect(file: string): { dialect: SqliteDialect; raw: SqliteDatabase.Database } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const dialect = new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new FifoSqliteDriver(super.createDriver());
    }
  })({ database: withStatementCache(raw) });
  return { dialect, raw };
}

const CACHED_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every query afresh; better-sqlite3 spends more time preparing a short INSERT than
 * running it (a counter push of 200 sales ran ~5,000 statements, 14% of its CPU in prepare). Kysely writes the same
 * SQL text for the same query shape, values bound apart, so prepared statements are kept by their SQL, the least
 * recently used dropped past 500. Sharing one is safe: the single connection runs one query at a time (and
 * SQLite re-prepares a statement itself when the schema changed under it).
 */
function withStatementCache(raw: SqliteDatabase.Database): SqliteDatabase.Database {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql);
    else {
      statement = raw.prepare(sql);
      if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  };
  return new Proxy(raw, {
    get: (target, property) =>
      property === 'prepare' ? prepare : (Reflect.get(target, property, target) as unknown),
  });
}

class FifoSqliteDriver implements Driver {
  readonly #inner: Driver;
  readonly #waiting: Array<() => void> = [];
  #busy = false;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#busy = true;
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy = false;
  }

  // IMMEDIATE takes the write lock up front, so a second process (a CLI, another server) waits on busy_timeout
  // instead of failing when a deferred transaction tries to upgrade.
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
