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
