import fs from 'node:fs';
import { MysqlDialect } from 'kysely';
import { createPool, type Pool, type PoolOptions } from 'mysql2';

/**
 * MySQL/MariaDB through a mysql2 pool, always utf8mb4 (Khmer text). TLS comes from the URL, as managed MySQL
 * (Aiven, PlanetScale, RDS) hands it out:
 *   mysql://user:pass@host:port/db?ssl-mode=REQUIRED&ssl-ca=/path/ca.pem
 * `ssl-mode=REQUIRED` encrypts and verifies the server against `ssl-ca` (or the system CAs);
 * `ssl-mode=DISABLED` (the default) connects in plain text, for a database on the same host.
 */
export function mysqlPoolOptions(url: string): PoolOptions {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database)
    throw new Error(
      'DATABASE_URL: a MySQL URL must name the database, e.g. mysql://root@127.0.0.1:3306/shop',
    );
  const sslMode = (parsed.searchParams.get('ssl-mode') ?? 'DISABLED').toUpperCase();
  const caFile = parsed.searchParams.get('ssl-ca');
  const options: PoolOptions = {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
    charset: 'utf8mb4_unicode_ci',
    connectionLimit: Number(parsed.searchParams.get('connection-limit') ?? 10),
    // BIGINT columns hold epoch milliseconds and sequence numbers, far below 2^53: read them as numbers.
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    timezone: 'Z',
    connectTimeout: 10_000,
  };
  if (sslMode === 'REQUIRED' || sslMode === 'VERIFY_IDENTITY' || caFile) {
    options.ssl = { rejectUnauthorized: true, ...(caFile ? { ca: fs.readFileSync(caFile, 'utf8') } : {}) };
  } else if (sslMode !== 'DISABLED') {
    throw new Error(`DATABASE_URL: ssl-mode must be DISABLED, REQUIRED or VERIFY_IDENTITY, got ${sslMode}`);
  }
  return options;
}

export function createMysqlDialect(url: string): { dialect: MysqlDialect; pool: Pool } {
  const pool = createPool(mysqlPoolOptions(url));
  return { dialect: new MysqlDialect({ pool }), pool };
}

/**
 * How busy a mysql2 pool is. mysql2 has no public counters for it, so this reads the pool's own lists (stable since
 * mysql2 1.x); an absent list reads as 0 rather than failing a health check.
 */
export function mysqlPoolUse(pool: Pool): { open: number; idle: number; waiting: number } {
  const inner = pool as unknown as {
    _allConnections?: { length: number };
    _freeConnections?: { length: number };
    _connectionQueue?: { length: number };
  };
  return {
    open: inner._allConnections?.length ?? 0,
    idle: inner._freeConnections?.length ?? 0,
    waiting: inner._connectionQueue?.length ?? 0,
  };
}
