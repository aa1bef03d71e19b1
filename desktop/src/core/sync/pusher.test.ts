import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushItem } from '@shop/shared';
import { ulid } from 'ulidx';
import { createPosCore, type PosCore } from '../core';
import { openLocalDb } from '../local-db/open';
import { page, product, staffMember, tempDirs } from '../test-support/fixtures';
import { cashierSignedIn } from '../test-support/fixtures';
import { outboxOf } from './outbox';
import { pushLock } from './push-lock';
import { pusher } from './pusher';
import { newLinkState } from './status';
import { httpTransport, isRetryable } from './transport';
import { startTestSyncServer } from '../test-support/sync-server';

const newDir = tempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const shiftOpen = (staffId = 's1'): PushItem => ({
  id: ulid(),
  type: 'shift_open',
  at: 1_000,
  staffId,
  shiftId: ulid(),
  floatUsdCents: 0,
  floatKhr: 0,
});

async function setup(decide?: Parameters<typeof startTestSyncServer>[0]['decide']) {
  const server = await startTestSyncServer({ token: 'device-token', ...(decide && { decide }) });
  cleanups.push(server.close);
  const db = openLocalDb(newDir());
  cleanups.push(() => void db.close());
  const outbox = outboxOf(db);
  const link = newLinkState();
  const transport = httpTransport({ serverUrl: server.url, token: () => 'device-token' });
  const push = pusher({ db, outbox, lock: pushLock(db), transport: () => transport, link });
  return { server, db, outbox, link, push };
}

describe('pushing the outbox', () => {
  it('sends batches of at most 200 and takes out only what the server answered applied or parked', async () => {
    const { server, db, outbox, push } = await setup((item) =>
      item.staffId === 'parked'
        ? { status: 'parked', error: 'unknown staff member' }
        : item.staffId === 'conflict'
          ? { status: 'conflict', error: 'another item has this id' }
          : { status: 'applied', orderId: `o-${item.id}` },
    );
    const items = Array.from({ length: 450 }, (_, i) =>
      shiftOpen(i === 10 ? 'conflict' : i === 20 ? 'parked' : 's1'),
    );
    db.transaction(() => items.forEach((item) => outbox.enqueue(item, 1)))();
    const outcome = await push.pushOnce();
    expect(server.requests.map((r) => r.items.length)).toEqual([200, 200, 50]);
    expect(server.requests[0]!.pending).toBe(250);
    expect(server.requests[0]!.items[0]!.id).toBe(items[0]!.id); // oldest first
    expect(outcome.results).toHaveLength(450);
    expect(outbox.pendingCount()).toBe(0);
    // The conflict is kept aside with its error; it blocked nothing behind it.
    expect(outbox.failedItems()).toEqual([
      expect.objectContaining({ id: items[10]!.id, error: 'another item has this id' }),
    ]);
    expect(db.prepare('SELECT status FROM sync_results WHERE item_id = ?').pluck().get(items[20]!.id)).toBe(
      'parked',
    );
    expect(db.prepare('SELECT order_id FROM sync_results WHERE item_id = ?').pluck().get(items[0]!.id)).toBe(
      `o-${items[0]!.id}`,
    );
    // Nothing more to send: no request.
    await push.pushOnce();
    expect(server.requests).toHaveLength(3);
  });

  it('changes nothing locally when the connection drops mid-push; the retry gets the same answers', async () => {
    const { server, outbox, push } = await setup();
    const item = shiftOpen();
    outbox.enqueue(item, 1);
    server.behaviour.dropAfterApply = 1;
    await expect(push.pushOnce()).rejects.toThrow();
    expect(server.answers.has(item.id)).toBe(true); // the server applied it…
    expect(outbox.pendingCount()).toBe(1); // …the counter still holds it
    const again = await push.pushOnce();
    expect(again.results).toEqual([server.answers.get(item.id)]);
    expect(outbox.pendingCount()).toBe(0);
  });

  it('backs off with jitter after 5xx and network errors, and stops hammering on a refusal', async () => {
    const { server, outbox, push, link } = await setup();
    outbox.enqueue(shiftOpen(), 1);
    server.behaviour.failWith = 503;
    const loop = push.loop({ random: () => 0 });
    cleanups.push(() => loop.stop());
    const before = Date.now();
    await loop.run();
    expect(link.lastError).toMatch(/503/);
    // First failure: between half of 1 s and 1 s (random 0 → half).
    expect(link.retryAt! - before).toBeGreaterThanOrEqual(500);
    expect(link.retryAt! - before).toBeLessThan(1_000 + 100);
    await loop.run();
    expect(link.retryAt! - Date.now()).toBeGreaterThanOrEqual(900); // the second: half of 2 s
    server.behaviour.failWith = 401;
    await loop.run();
    expect(link).toMatchObject({ retryAt: null, online: true });
    expect(link.lastError).toMatch(/401/);
    server.behaviour.failWith = null;
    await loop.run();
    expect(outbox.pendingCount()).toBe(0);
    expect(link.lastError).toBeNull();
  });
});

describe('a counter against the sync routes', () => {
  it('pairs, keeps its token to itself, pulls, sells, pushes, and pulls again when nudged', async () => {
    const server = await startTestSyncServer({
      token: 'device-token',
      pages: [
        page(1, [
          { entity: 'product', id: 'p1', data: product('p1', { available: 4 }) },
          { entity: 'staff', id: 's1', data: staffMember('s1') },
        ]),
      ],
    });
    cleanups.push(server.close);
    const dataDir = newDir();
    const core: PosCore = createPosCore({ dataDir });
    cleanups.push(() => core.close());
    const c = core.commands;
    await expect(c.pair({ serverUrl: server.url, pairingCode: 'USED' })).rejects.toThrow(/used or expired/);
    expect(await c.pair({ serverUrl: `${server.url}/`, pairingCode: 'GOOD-CODE' })).toEqual({
      deviceId: 'dev_01HX9Z',
      deviceName: 'Front counter',
    });
    // The back office marks this counter in the list of devices by the id its status answers.
    expect(await c.status()).toMatchObject({ deviceId: 'dev_01HX9Z', deviceName: 'Front counter' });
    const tokenFile = fs.readdirSync(dataDir).find((name) => name.includes('token'))!;
    expect(fs.statSync(path.join(dataDir, tokenFile)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dataDir, 'pos.sqlite')).includes('device-token')).toBe(false);

    expect(await core.pullNow()).toBe(2);
    await cashierSignedIn(core, 's1');
    await c.addLine({ productId: 'p1' });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 10_00 });
    const sale = await c.commitSale();
    expect(sale.receiptNumber).toBe('HX9Z-000001');
    expect(await c.status()).toMatchObject({ paired: true, pending: 1, failed: [] });

    core.startSync();
    await expect.poll(() => server.requests.length).toBe(1);
    await expect.poll(async () => (await c.status()).pending).toBe(0);
    expect(server.requests[0]!.items[0]).toMatchObject({ id: sale.id, type: 'sale' });
    expect(await c.receipt({ receiptNumber: sale.receiptNumber })).toMatchObject({
      id: sale.id,
      totalCents: 10_00,
      lines: [{ productId: 'p1', quantity: 1, serials: [] }],
      payments: [{ method: 'cash', currency: 'USD', amount: 10_00, tendered: 10_00, change: 0 }],
      sync: { status: 'applied', shortfalls: [] },
    });
    const status = await c.status();
    expect(status).toMatchObject({ online: true, lastError: null });
    expect(status.lastSyncAt).toBeGreaterThan(0);

    // A change on the server and its nudge on the event stream: the counter pulls it at once (the timer is a
    // minute away).
    server.pages.push(
      page(3, [
        { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 2, reserved: 0, available: 2 } },
      ]),
    );
    server.nudge();
    await expect.poll(async () => (await c.lookup({ query: 'SKU-p1' }))[0]!.available).toBe(2);
    // Once everything is quiet (no push, the timer a minute away), a nudge alone brings the next change.
    expect(server.listeners()).toBe(1);
    const pullsBefore = server.pulls();
    server.pages.push(
      page(4, [
        { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 1, reserved: 0, available: 1 } },
      ]),
    );
    server.nudge();
    await expect.poll(async () => (await c.lookup({ query: 'SKU-p1' }))[0]!.available).toBe(1);
    expect(server.pulls()).toBeGreaterThan(pullsBefore);
  });

  it('signs a cashier out when a pull says they were disabled', async () => {
    const server = await startTestSyncServer({
      token: 'device-token',
      pages: [page(1, [{ entity: 'staff', id: 's1', data: staffMember('s1') }])],
    });
    cleanups.push(server.close);
    const core = createPosCore({ dataDir: newDir() });
    cleanups.push(() => core.close());
    await core.commands.pair({ serverUrl: server.url, pairingCode: 'GOOD-CODE' });
    await core.pullNow();
    await cashierSignedIn(core, 's1');
    server.pages.push(page(2, [{ entity: 'staff', id: 's1', data: staffMember('s1', { active: false }) }]));
    await core.pullNow();
    expect(await core.commands.signedIn()).toBeNull();
    await expect(core.commands.openShift({ floatUsdCents: 0, floatKhr: 0 })).rejects.toThrow(/sign in/);
  });

  it('takes a 401 (a revoked counter) as a refusal to show, not a failure to retry', async () => {
    const server = await startTestSyncServer({ token: 'device-token' });
    cleanups.push(server.close);
    const revoked = httpTransport({ serverUrl: server.url, token: () => 'revoked-token' });
    const error = await revoked.pull(0, 10).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(isRetryable(error)).toBe(false);
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
  });
});
