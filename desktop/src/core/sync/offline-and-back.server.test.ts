import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProductWithStock, startTestShop, type TestShop } from '../../../../server/test/factory';
import { createPosCore } from '../core';
import { cashierSignedIn } from '../test-support/cashier';
import { hostAndPort, startTcpProxy, type TcpProxy } from '../test-support/proxy';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  cashSale,
  counterFolders,
  eventually,
  serverRecordOf,
  type StaffWithPassword,
} from '../test-support/real-shop';

/**
 * The counter and the real server with a real network between them that fails: a TCP proxy refuses connections,
 * cuts them, or cuts a push after the request went; and the counter's own process killed in the middle of a push.
 * Whatever happens, each sale becomes one order on the server, with the id it got the first time.
 */
let shop: TestShop;
let proxy: TcpProxy;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop();
  proxy = await startTcpProxy(hostAndPort(shop.server.url));
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await proxy.close();
  await shop.stop();
  folders.removeAll();
});

const pushRequest = 'POST /api/v1/sync/push';

describe('a counter whose network fails', () => {
  it('sells while the server is unreachable; when it comes back, every sale arrives once', async () => {
    const mouse = await aProductWithStock(shop, { stock: 10, name: 'Mouse' });
    const { core, deviceId } = await aReadyCounter(shop, {
      serverUrl: proxy.url,
      cashierId: cashier.id,
      dataDir: folders.make(),
    });
    proxy.switches.refuse = true;
    proxy.cutAll();
    core.startSync();
    const sales = [];
    for (let i = 0; i < 3; i++) sales.push(await cashSale(core, mouse.id));
    // The loop tried after the first sale and failed: the counter says it is offline, and keeps everything.
    await eventually(async () => (await core.commands.status()).retryAt !== null, 5_000, 'a failed push');
    const offline = await core.commands.status();
    expect(offline).toMatchObject({ online: false, pending: 3, failed: [] });
    expect(offline.lastError).toBeTruthy();
    expect((await serverRecordOf(shop, deviceId)).orders).toEqual([]);

    proxy.switches.refuse = false;
    // The pusher's own backoff brings the sales over, no one presses anything.
    await eventually(async () => (await core.commands.status()).pending === 0, 15_000, 'the outbox to empty');
    const status = await core.commands.status();
    expect(status).toMatchObject({ online: true, lastError: null, failed: [] });
    const { orders, items } = await serverRecordOf(shop, deviceId);
    expect(orders.map((o) => o.receipt_number).sort()).toEqual(sales.map((s) => s.receiptNumber).sort());
    expect(items.map((i) => i.id)).toEqual(sales.map((s) => s.id).sort());
    expect(items.every((i) => i.status === 'applied')).toBe(true);
    const stock = await shop.admin.getProductStock({ params: { id: mouse.id } });
    expect(stock.onHand).toBe(7);
    core.close();
  });

  it('a push cut after the request went: nothing lost, nothing doubled, the retry empties the outbox', async () => {
    const ssd = await aProductWithStock(shop, { stock: 10, name: 'SSD' });
    const { core, deviceId } = await aReadyCounter(shop, {
      serverUrl: proxy.url,
      cashierId: cashier.id,
      dataDir: folders.make(),
    });
    const sales = [await cashSale(core, ssd.id, 2), await cashSale(core, ssd.id)];
    // The server answers; the line drops after the first 20 bytes of that answer (headers half read).
    proxy.switches.cutOnlyRequestsStarting = pushRequest;
    proxy.switches.cutAfterResponseBytes = 20;
    await expect(core.pushNow()).rejects.toThrow();
    expect(proxy.cuts()).toBeGreaterThan(0);
    expect((await core.commands.status()).pending).toBe(2);
    const applied = await serverRecordOf(shop, deviceId);
    expect(applied.orders).toHaveLength(2);

    const { results } = await core.pushNow();
    expect(results.map((r) => [r.id, r.status])).toEqual(sales.map((sale) => [sale.id, 'applied']));
    expect((await core.commands.status()).pending).toBe(0);
    const after = await serverRecordOf(shop, deviceId);
    expect(after).toEqual(applied);
    expect(results.map((r) => r.orderId).sort()).toEqual(applied.orders.map((o) => o.id));
    expect((await shop.admin.getProductStock({ params: { id: ssd.id } })).onHand).toBe(7);
    core.close();
  });

  it('a server that stops answering (a black hole, no reset): the push gives up in time and the retry applies it once', async () => {
    const hub = await aProductWithStock(shop, { stock: 5, name: 'USB hub' });
    const dataDir = folders.make();
    const { core, deviceId } = await aReadyCounter(shop, {
      serverUrl: proxy.url,
      cashierId: cashier.id,
      dataDir,
    });
    core.close();
    // The same counter with a short request timeout (the default is a minute), so the test does not wait that long.
    const counter = createPosCore({ dataDir, appVersion: '0.1.0-test', config: { requestTimeoutMs: 1_000 } });
    await cashierSignedIn(counter, cashier.id);
    const sale = await cashSale(counter, hub.id);
    proxy.switches.holdResponses = true;
    const started = Date.now();
    try {
      await expect(counter.pushNow()).rejects.toThrow();
    } finally {
      proxy.switches.holdResponses = false;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await counter.commands.status()).pending).toBe(1);

    const { results } = await counter.pushNow();
    expect(results).toMatchObject([{ id: sale.id, status: 'applied' }]);
    expect((await serverRecordOf(shop, deviceId)).orders).toHaveLength(1);
    counter.close();
  });

  it("the counter's process killed mid-push: a new core on the same folder brings every sale over once", async () => {
    const cable = await aProductWithStock(shop, { stock: 500, name: 'Cable' });
    const dataDir = folders.make();
    const { core, deviceId } = await aReadyCounter(shop, {
      serverUrl: proxy.url,
      cashierId: cashier.id,
      dataDir,
    });
    const sales = [];
    // More than one batch of 200: the kill comes while the first batch is at the server.
    for (let i = 0; i < 205; i++) sales.push(await cashSale(core, cable.id));
    core.close();

    // The server gets the push and applies it; its answer is held back, and the process dies waiting for it.
    proxy.switches.holdResponses = true;
    const pushesBefore = proxy.requestsStarting(pushRequest);
    const child = fork(
      path.join(path.dirname(fileURLToPath(import.meta.url)), '../test-support/pushing-counter.ts'),
      [dataDir],
      {
        execArgv: ['--import', 'tsx'],
        stdio: 'inherit',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await eventually(() => proxy.requestsStarting(pushRequest) > pushesBefore, 20_000, 'the child to push');
    await eventually(
      async () => (await serverRecordOf(shop, deviceId)).items.length >= 200,
      20_000,
      'the server to apply the first batch',
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    proxy.switches.holdResponses = false;
    const beforeRestart = await serverRecordOf(shop, deviceId);
    expect(beforeRestart.items).toHaveLength(200);

    // The app starts again on the same folder: the lock of the dead process is taken over, the rest goes.
    const restarted = createPosCore({ dataDir, appVersion: '0.1.0-test' });
    expect((await restarted.commands.status()).pending).toBe(205);
    const { pushed, results } = await restarted.pushNow();
    expect(pushed).toBe(true);
    expect(results).toHaveLength(205);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect((await restarted.commands.status()).pending).toBe(0);
    const { orders, items } = await serverRecordOf(shop, deviceId);
    expect(orders).toHaveLength(205);
    expect(items.map((i) => i.id)).toEqual(sales.map((s) => s.id).sort());
    // The first batch kept the orders it got before the kill.
    const firstOrders = new Map(beforeRestart.items.map((i) => [i.id, i.order_id]));
    for (const result of results.filter((r) => firstOrders.has(r.id)))
      expect(result.orderId).toBe(firstOrders.get(result.id));
    expect((await shop.admin.getProductStock({ params: { id: cable.id } })).onHand).toBe(295);
    restarted.close();
  });
});
