import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProductWithStock, startTestShop, type TestShop } from '../../../../server/test/factory';
import { pageApplier } from '../catalog/apply-page';
import { createPosCore } from '../core';
import { page, product, staffMember } from '../test-support/fixtures';
import { cashierSignedIn } from '../test-support/fixtures';

/**
 * The core against the real server (a real shop on loopback, its real database, both dialects): pairing and the
 * device token on the sync routes, and pushing a shift and an offline sale. The pull's data is not served yet, so the
 * counter's catalog and staff are put in place here as a pull would; a pull test joins this file when it is.
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

function newCounter(fetchImpl?: typeof fetch) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-core-real-'));
  dirs.push(dataDir);
  return {
    dataDir,
    core: createPosCore({ dataDir, appVersion: '0.1.0-test', ...(fetchImpl && { fetch: fetchImpl }) }),
  };
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

  it('pushes a shift and an offline sale beyond the stock: applied once, with the shortfall, even when an answer is lost', async () => {
    let loseNextPushAnswer = true;
    // The network drops after the server applied the push: the counter never sees that answer.
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/sync/push') && loseNextPushAnswer) {
        loseNextPushAnswer = false;
        throw new TypeError('fetch failed');
      }
      return response;
    };
    const { core } = newCounter(flaky);
    const c = core.commands;
    const { pairingCode } = await shop.admin.createDevice({ body: { name: 'Counter 2' } });
    await c.pair({ serverUrl: shop.server.url, pairingCode });
    const cable = await aProductWithStock(shop, { stock: 1 });
    const staffId = shop.staffUser.userId;
    pageApplier(core.db)(
      page(1, [
        {
          entity: 'product',
          id: cable.id,
          data: product(cable.id, { sku: cable.sku, name: cable.name, priceCents: 25_00, available: 1 }),
        },
        { entity: 'staff', id: staffId, data: staffMember(staffId) },
      ]),
    );
    await cashierSignedIn(core, staffId);
    const shift = await c.openShift({ floatUsdCents: 20_00, floatKhr: 0 });
    await c.addLine({ productId: cable.id, quantity: 2 });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 50_00 });
    const sale = await c.commitSale();
    const z = await c.closeShift({ countedUsdCents: 69_00, countedKhr: 0 });

    await expect(core.pushNow()).rejects.toThrow('fetch failed');
    expect((await c.status()).pending).toBe(3);
    const { results } = await core.pushNow();
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(results[1]).toMatchObject({ id: sale.id, shortfalls: [{ productId: cable.id, quantity: 1 }] });
    expect((await c.status()).pending).toBe(0);
    expect((await c.receipt({ receiptNumber: sale.receiptNumber })).sync).toMatchObject({
      status: 'applied',
      shortfalls: [{ productId: cable.id, quantity: 1 }],
    });
    // Applied once, though pushed twice: one shortfall of one unit on the server.
    const { items: shortfalls } = await shop.admin.listShortfalls({});
    expect(shortfalls.filter((f) => f.productId === cable.id)).toEqual([
      expect.objectContaining({ quantity: 1, deviceName: 'Counter 2', orderId: results[1]!.orderId }),
    ]);
    // The server's Z report of the shift agrees with the counter's.
    const report = await shop.admin.getShiftReport({ params: { id: shift.id } });
    expect(report.expected).toMatchObject({ usdCents: z.expectedUsdCents, khr: z.expectedKhr });
    expect(report.difference).toMatchObject({ usdCents: -1_00, khr: 0 });
    await c.signOut();
    core.close();
  });
});
