import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient } from '@shop/shared';
import { openDatabase, type ShopDatabase } from '../src/db/database';
import { startSession } from '../src/modules/accounts/sessions';
import { createActiveUser } from '../src/modules/accounts/users';
import { spawnServer, useBuiltServer } from './processes';
import { createTestDatabase, type TestDatabase } from './support';

/**
 * Killing the server between reservation and payment leaves nothing half done: after a restart the payment job
 * still confirms a payment, or the expiry still gives the stock back, and the ledger adds up.
 */
const built = useBuiltServer();
let target: TestDatabase;
let db: ShopDatabase;

beforeAll(async () => {
  target = await createTestDatabase();
  // The first start migrates and seeds; then the test reads and writes the same database as the server.
  const first = await spawnServer(env(), { built: built.main });
  await first.stop();
  db = await openDatabase(target.url);
});
afterAll(async () => {
  await db?.close();
  await target?.drop();
});

function env(extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: target.url,
    DATA_DIR: target.dataDir,
    SEED: 'demo',
    BAKONG_POLL_MS: '500',
    PAYMENT_GRACE_MS: '0',
    ...extra,
  };
}

async function customerClient(baseUrl: string) {
  const email = `crash-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const { id } = await createActiveUser(db.db, {
    email,
    password: 'crash-test-password',
    name: 'Crash',
    role: 'customer',
  });
  const { token } = await startSession(db.db, id);
  return (url = baseUrl) =>
    createShopClient({ baseUrl: url, headers: () => ({ authorization: `Bearer ${token}` }) });
}

async function inStockProduct(api: ReturnType<typeof createShopClient>) {
  const { items } = await api.listProducts({
    query: { inStock: true, category: 'keyboards-mice', pageSize: 1 },
  });
  return items[0]!;
}

async function ledgerAddsUp(productId: string) {
  const level = await db.db
    .selectFrom('stock_levels')
    .select(['on_hand', 'reserved'])
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  const sums = await db.db
    .selectFrom('stock_movements')
    .select((eb) => [
      eb.fn.sum<number>('on_hand_delta').as('onHand'),
      eb.fn.sum<number>('reserved_delta').as('reserved'),
    ])
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  expect({ onHand: Number(sums.onHand), reserved: Number(sums.reserved) }).toEqual({
    onHand: Number(level.on_hand),
    reserved: Number(level.reserved),
  });
  return { onHand: Number(level.on_hand), reserved: Number(level.reserved) };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  for (
    const started = Date.now();
    Date.now() - started < timeoutMs;
    await new Promise((r) => setTimeout(r, 200))
  ) {
    const value = await probe();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a crash between reservation and payment', () => {
  it('after a restart, the payment job still confirms the payment and sells the stock', async () => {
    const server = await spawnServer(env(), { built: built.main });
    const clientFor = await customerClient(server.url);
    const product = await inStockProduct(clientFor());
    const before = await ledgerAddsUp(product.id);
    const order = await clientFor().placeOrder({
      body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });
    expect(await ledgerAddsUp(product.id)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });
    await server.kill();

    const restarted = await spawnServer(env(), { built: built.main });
    try {
      const api = clientFor(restarted.url);
      const { khqr } = await api.getOrderPayment({ params: { id: order.id } });
      const paid = await fetch(`${restarted.url}/bakong-standin/dev/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ qr: khqr }),
      });
      expect(paid.status).toBe(200);
      await waitFor(
        'the order to be paid',
        async () => (await api.getOrder({ params: { id: order.id } })).status === 'paid',
      );
      expect(await ledgerAddsUp(product.id)).toEqual({
        onHand: before.onHand - 1,
        reserved: before.reserved,
      });
    } finally {
      await restarted.stop();
    }
  });

  it('after a restart, an order left unpaid past its time still expires and gives its stock back', async () => {
    const server = await spawnServer(env(), { built: built.main });
    const clientFor = await customerClient(server.url);
    const product = await inStockProduct(clientFor());
    const before = await ledgerAddsUp(product.id);
    const order = await clientFor().placeOrder({
      body: { items: [{ productId: product.id, quantity: 2 }], fulfilment: 'pickup', currency: 'KHR' },
    });
    await server.kill();
    // Time passes while the shop is down: the QR runs out.
    await db.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 60_000, watch_until: Date.now() - 1, next_check_at: 0 })
      .where('order_id', '=', order.id)
      .execute();

    const restarted = await spawnServer(env(), { built: built.main });
    try {
      const api = clientFor(restarted.url);
      await waitFor(
        'the order to expire',
        async () => (await api.getOrder({ params: { id: order.id } })).status === 'expired',
      );
      expect(await ledgerAddsUp(product.id)).toEqual(before);
    } finally {
      await restarted.stop();
    }
  });
});
