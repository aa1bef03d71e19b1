import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { inject } from 'vitest';
import { createShopClient, type Role, type ShopClient } from '@shop/shared';
import { loadConfig } from '../src/config';
import { openDatabase, type Db, type ShopDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { startSession } from '../src/modules/accounts/sessions';
import { createActiveUser } from '../src/modules/accounts/users';
import { startServer, type RunningServer } from '../src/server';
import { fetchFrom } from './loopback';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * MySQL runs: a database migrated to the latest schema once for the whole run, empty of data beyond what the
     * migrations write. A test's fresh database is a copy of it (support.ts, `createTestDatabase`).
     */
    mysqlTemplate: string | null;
  }
}

/** Which database this test run is for: vitest's `sqlite` and `mysql` projects set TEST_DB. */
export const testDialect: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a SQLite file in a temp dir, or a new MySQL database. Empty unless `migrated`:
 * then on MySQL a copy of the run's migrated template (global-setup.ts), which the server's start or
 * `migrateToLatest` finds already at the latest schema; on SQLite migrating is as quick as copying and is left to them.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-test-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (testDialect === 'sqlite') {
    return { url: `sqlite:${path.join(dataDir, 'shop.sqlite')}`, dataDir, drop: async () => removeDir() };
  }
  const serverUrl = process.env.MYSQL_URL;
  if (!serverUrl) throw new Error('TEST_DB=mysql needs MYSQL_URL, e.g. mysql://root@127.0.0.1:3306/test');
  const name = `shop_test_${randomBytes(5).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl, multipleStatements: true });
  try {
    await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
    const template = options.migrated ? inject('mysqlTemplate') : null;
    if (template) await copyTables(admin, template, name);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const conn = await createConnection({ uri: serverUrl });
      await conn.query(`drop database if exists ${name}`);
      await conn.end();
      removeDir();
    },
  };
}

/**
 * Every table of `from` into `to`, as `show create table` prints it (indexes, foreign keys and all: `create table
 * … like` would drop the foreign keys) with the rows the migrations wrote, in one round trip.
 */
async function copyTables(conn: Connection, from: string, to: string): Promise<void> {
  const [tables] = await conn.query<RowDataPacket[]>(
    "select table_name as name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'",
    [from],
  );
  const creates: string[] = [];
  for (const { name } of tables) {
    const [[created]] = await conn.query<RowDataPacket[]>(`show create table \`${from}\`.\`${name}\``);
    creates.push(String(created!['Create Table']).replace(/^CREATE TABLE /, `CREATE TABLE \`${to}\`.`));
  }
  const copies = tables.map(
    ({ name }) => `insert into \`${to}\`.\`${name}\` select * from \`${from}\`.\`${name}\``,
  );
  await conn.query(
    ['set foreign_key_checks = 0', ...creates, ...copies, 'set foreign_key_checks = 1'].join(';\n'),
  );
}

/** An open, migrated database for repository and service tests. */
export async function openTestDatabase(): Promise<ShopDatabase & { drop(): Promise<void> }> {
  const target = await createTestDatabase({ migrated: true });
  const database = await openDatabase(target.url);
  await migrateToLatest(database.db);
  return {
    ...database,
    drop: async () => {
      await database.close();
      await target.drop();
    },
  };
}

export interface TestServer extends RunningServer {
  client: ShopClient;
  dataDir: string;
  databaseUrl: string;
  /** Every line the server logged, for tests that check what logs contain. */
  logLines: string[];
  stop(): Promise<void>;
}

/** The real server on a free loopback port, on a fresh database, with or without the demo catalog. */
export async function startTestServer(
  options: {
    seed?: 'demo' | 'none';
    env?: Record<string, string>;
    /** Another server process on that server's database, as behind a load balancer (it drops the database). */
    joining?: TestServer;
  } = {},
): Promise<TestServer> {
  const { joining } = options;
  const target: TestDatabase = joining
    ? { url: joining.databaseUrl, dataDir: joining.dataDir, drop: async () => undefined }
    : await createTestDatabase({ migrated: true });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: target.dataDir,
    DATABASE_URL: target.url,
    SEED: options.seed ?? 'none',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logLines: string[] = [];
  const logger = createLogger(config.logLevel, {
    write: (line: string) => {
      logLines.push(line);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  const running = await startServer(config, { logger });
  return {
    ...running,
    client: createShopClient({ baseUrl: running.url }),
    dataDir: target.dataDir,
    databaseUrl: target.url,
    logLines,
    stop: async () => {
      await running.close();
      await target.drop();
    },
  };
}

export interface SignedInUser {
  userId: string;
  email: string;
  token: string;
  client: (baseUrl: string) => ShopClient;
}

/** A signed-in user of the given role, with a bearer token as the desktop app would send it. */
export async function signedInAs(db: Db, role: Role): Promise<SignedInUser> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
  const user = await createActiveUser(db, {
    email,
    password: `pw-${randomBytes(8).toString('hex')}`,
    name: role,
    role,
  });
  const { token } = await startSession(db, user.id);
  return {
    userId: user.id,
    email: user.email,
    token,
    client: (baseUrl) => createShopClient({ baseUrl, headers: () => ({ authorization: `Bearer ${token}` }) }),
  };
}

/**
 * A client that behaves like a browser tab: keeps cookies (session, csrf_token) and echoes the CSRF token on
 * state-changing requests, fetching one first as a page load would.
 */
export function browserClient(baseUrl: string, options: { csrf?: boolean; ip?: string; from?: string } = {}) {
  // `from`: connect from that loopback address (loopback.ts), as another phone would.
  const send = options.from ? fetchFrom(options.from) : fetch;
  const jar = new Map<string, string>();
  // The last Set-Cookie line of each cookie as the server wrote it, attributes and all.
  const setCookies = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const jarFetch: typeof fetch = async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (options.csrf !== false && method !== 'GET' && !jar.has('csrf_token')) {
      remember(await send(`${baseUrl}/api/v1/auth/csrf`, { headers: { cookie: cookieHeader() } }));
    }
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', cookieHeader());
    // Behind TRUST_PROXY, the address a load balancer reports: lets tests act as different customers' phones.
    if (options.ip) headers.set('x-forwarded-for', options.ip);
    if (options.csrf !== false && method !== 'GET' && jar.has('csrf_token'))
      headers.set('x-csrf-token', jar.get('csrf_token')!);
    const response = await send(url, { ...init, headers });
    remember(response);
    return response;
  };
  function remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      setCookies.set(name, line);
      const expired = attributes.some(
        (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a),
      );
      if (expired) jar.delete(name);
      else jar.set(name, pair!.slice(eq + 1).trim());
    }
  }
  return {
    client: createShopClient({ baseUrl, fetch: jarFetch }),
    cookies: jar,
    setCookies,
    fetch: jarFetch,
  };
}
