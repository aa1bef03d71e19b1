import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type ShopDatabase } from '../../db/database';
import { spawnServer, type ServerProcess, useBuiltServer } from '../../../test/processes';
import { browserClient, createTestDatabase, type TestDatabase } from '../../../test/support';
import { count, outcomeOf } from './test-kit';
import { createActiveUser } from './users';

/**
 * Issue 9, finding 2, as reported: 40 sign-ins fired at the same moment (39 wrong, the last right) at two server
 * processes on one database. Every attempt takes its slot in the database before its password is hashed, so the
 * two processes together check no more passwords than the limits allow.
 */
const built = useBuiltServer();
let target: TestDatabase;
let database: ShopDatabase;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  target = await createTestDatabase({ migrated: true });
  const env = { DATABASE_URL: target.url, DATA_DIR: target.dataDir, SEED: 'none' };
  // Both processes on one database, as behind a load balancer.
  servers.push(await spawnServer(env, { built: built.main }));
  servers.push(await spawnServer(env, { built: built.main }));
  database = await openDatabase(target.url);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await database?.close();
  await target?.drop();
});

async function customer(label: string) {
  const email = `${label}.${Date.now()}@example.test`;
  const password = `${label} walks to the market every morning`;
  const { id } = await createActiveUser(database.db, { email, password, name: label, role: 'customer' });
  return { id, email, password };
}

const failedChecks = async (userId: string) =>
  Number(
    (
      await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'auth.login_failed')
        .where('entity_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** 40 tabs, half on each process, CSRF tokens fetched, then every sign-in sent at once; the last has the password. */
async function fortyAtOnce(account: { email: string; password: string }, address: (i: number) => string) {
  const tabs = Array.from({ length: 40 }, (_, i) => browserClient(servers[i % 2]!.url, { from: address(i) }));
  await Promise.all(tabs.map((tab) => tab.client.getCsrfToken({})));
  return Promise.all(
    tabs.map((tab, i) =>
      outcomeOf(
        tab.client.login({
          body: { email: account.email, password: i === 39 ? account.password : `wrong guess ${i} of many` },
        }),
      ),
    ),
  );
}

describe('40 sign-ins at once across two server processes', () => {
  it('from one address: five passwords are checked at most, the rest answered 429 before any hash', async () => {
    const account = await customer('twinone');
    const outcomes = await fortyAtOnce(account, () => '127.7.0.1');
    expect(count(outcomes, 401) + count(outcomes, 'signed in')).toBeLessThanOrEqual(5);
    expect(count(outcomes, 429)).toBeGreaterThanOrEqual(35);
    expect(await failedChecks(account.id)).toBeLessThanOrEqual(5);
  });

  it('from forty addresses: five passwords are checked at most, the rest must enter a mailed code first', async () => {
    const account = await customer('twinmany');
    const outcomes = await fortyAtOnce(account, (i) => `127.7.1.${i + 1}`);
    expect(count(outcomes, 401) + count(outcomes, 'signed in')).toBeLessThanOrEqual(5);
    expect(count(outcomes, 'code first')).toBeGreaterThanOrEqual(35);
    expect(await failedChecks(account.id)).toBeLessThanOrEqual(5);
  });
});
