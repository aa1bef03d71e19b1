import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { verifyPassword } from '../src/modules/accounts/passwords';
import { createTestDatabase, type TestDatabase } from './support';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../src/cli/shop.ts');
let target: TestDatabase;

beforeAll(async () => {
  target = await createTestDatabase();
});
afterAll(() => target?.drop());

const shop = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', cli, ...args], {
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
