import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestShop, type TestShop } from '../../../../server/test/factory';
import { createPosCore } from '../core';

/**
 * The core against the real server (a real shop on loopback, its real database, both dialects): pairing and the
 * device token on the sync routes, which are on main. Pulling data and pushing land with the server's sync work;
 * their tests against the real server join this file then (until then: sync/pusher.test.ts with a stand-in).
 */
let shop: TestShop;
const dirs: string[] = [];
beforeAll(async () => {
  shop = await startTestShop();
});
afterAll(async () => {
  await shop.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newCounter() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-core-real-'));
  dirs.push(dataDir);
  return { dataDir, core: createPosCore({ dataDir, appVersion: '0.1.0-test' }) };
}

describe('a counter and the real server', () => {
  it('pairs with the code an admin made, once, and keeps its token in its own file', async () => {
    const { dataDir, core } = newCounter();
    const { device, pairingCode } = await shop.admin.createDevice({ body: { name: 'Front counter' } });
    expect(await core.commands.pair({ serverUrl: shop.server.url, pairingCode })).toEqual({
      deviceId: device.id,
      deviceName: 'Front counter',
    });
    expect(fs.statSync(path.join(dataDir, 'device-token')).mode & 0o777).toBe(0o600);
    expect((await core.commands.status()).paired).toBe(true);
    // The same code again (another counter, or a replay) is refused, and that counter stays unpaired.
    const other = newCounter();
    await expect(other.core.commands.pair({ serverUrl: shop.server.url, pairingCode })).rejects.toMatchObject(
      {
        status: 400,
      },
    );
    expect((await other.core.commands.status()).paired).toBe(false);
    expect((await shop.admin.listDevices({})).items.find((d) => d.id === device.id)).toMatchObject({
      status: 'paired',
      appVersion: '0.1.0-test',
    });
    core.close();
    other.core.close();
  });

  it('shows a revoked counter as refused (401) in its status, and does not retry it in a loop', async () => {
    const { core } = newCounter();
    const { device, pairingCode } = await shop.admin.createDevice({ body: { name: 'Stolen laptop' } });
    await core.commands.pair({ serverUrl: shop.server.url, pairingCode });
    await shop.admin.revokeDevice({ params: { id: device.id } });
    await expect(core.pullNow()).rejects.toMatchObject({ status: 401 });
    expect((await core.commands.status()).lastError).toMatch(/^401/);
    core.close();
  });
});
