import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { verifyPassword } from '../src/modules/accounts/passwords';
import { listDevices, pairDevice } from '../src/modules/devices/service';
import { useBuiltServer } from './processes';
import { createTestDatabase, type TestDatabase } from './support';

const run = promisify(execFile);
const built = useBuiltServer();
let target: TestDatabase;

beforeAll(async () => {
  target = await createTestDatabase();
});
afterAll(() => target?.drop());

const shop = (...args: string[]) =>
  run(process.execPath, [built.shop, ...args], {
    env: { ...process.env, DATABASE_URL: target.url, DATA_DIR: target.dataDir },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('npm run shop -- create-admin', () => {
  it('creates an active admin whose password verifies, and refuses a second one with the same email', async () => {
    const password = 'correct horse battery staple';
    const created = await shop('create-admin', '--email', 'Owner@Shop.example', '--password', password);
    expect(created).toMatchObject({ code: 0, stdout: 'Admin account created for owner@shop.example\n' });

    const database = await openDatabase(target.url);
    const user = await database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'owner@shop.example')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'admin', status: 'active' });
    expect(user.password_hash).not.toContain(password);
    expect(await verifyPassword(password, user.password_hash)).toBe(true);
    expect(await verifyPassword('wrong password', user.password_hash)).toBe(false);
    await database.close();

    const again = await shop('create-admin', '--email', 'owner@shop.example', '--password', password);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('An account with this email already exists');
  });

  it('explains what is missing or too weak', async () => {
    expect(await shop('create-admin', '--email', 'a@b.example')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--password'),
    });
    expect(await shop('create-admin', '--email', 'a@b.example', '--password', 'short')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('password: use at least 10 characters'),
    });
    expect(await shop('make-coffee')).toMatchObject({ code: 1, stderr: expect.stringContaining('Usage') });
  });
});

describe('npm run shop -- create-device, devices, revoke-device', () => {
  it('adds a counter whose printed code pairs once, lists it, and revokes it', async () => {
    const created = await shop('create-device', '--name', 'Front counter');
    expect(created.code).toBe(0);
    const pairingCode = /Pairing code: (\S+)/.exec(created.stdout)?.[1];
    const id = /\(([0-9A-Z]{26})\) created/.exec(created.stdout)?.[1];
    expect(pairingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const database = await openDatabase(target.url);
    try {
      const paired = await pairDevice(
        database.db,
        { userId: null, ip: '127.0.0.1' },
        { pairingCode: pairingCode! },
      );
      expect(paired.device).toEqual({ id, name: 'Front counter' });
      const listed = await shop('devices');
      expect(listed.stdout).toMatch(new RegExp(`${id}  Front counter  paired`));

      expect((await shop('revoke-device', id!)).stdout).toContain('revoked');
      expect((await listDevices(database.db)).find((d) => d.id === id)?.status).toBe('revoked');
    } finally {
      await database.close();
    }
    expect(await shop('create-device')).toMatchObject({ code: 1, stderr: expect.stringContaining('--name') });
    expect(await shop('revoke-device', 'NOPE')).toMatchObject({ code: 1, stderr: 'No such device\n' });
    // Six CLI processes, each starting tsx: a minute was not enough on a busy 2-core machine.
  }, 180_000);
});
