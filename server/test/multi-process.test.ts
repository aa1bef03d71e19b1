import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient } from '@shop/shared';
import { openDatabase, type ShopDatabase } from '../src/db/database';
import { inTransaction } from '../src/db/transaction';
import { startSession } from '../src/modules/accounts/sessions';
import { createActiveUser } from '../src/modules/accounts/users';
import { applyMovement, movementEffects } from '../src/modules/inventory/ledger';
import { HOLD_LIMITS_KEY } from '../src/modules/orders/hold-limits';
import { startBakongStandinServer } from '../src/modules/payments/bakong-standin';
import { DEMO_MERCHANT_ACCOUNT, setMerchantAccount } from '../src/modules/payments/merchant';
import { setSetting } from '../src/modules/settings/service';
import { spawnServer, type ServerProcess, useBuiltServer } from './processes';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { browserClient, createTestDatabase, type TestDatabase } from './support';

/**
 * Two server processes on one database, as behind a load balancer: every mail is sent once, every payment settles
 * once, a customer's poll answers the same whichever process it reaches, and orders placed at once through both
 * get numbers of their own while the last units still go to exactly as many orders. Bakong is one stand-in process both
 * servers call, as they would call the real one.
 */
const built = useBuiltServer();
const TOKEN = 'shared-bakong-token';
let target: TestDatabase;
let db: ShopDatabase;
let smtp: TestSmtpServer;
let bakong: Awaited<ReturnType<typeof startBakongStandinServer>>;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  target = await createTestDatabase();
  smtp = await startSmtpServer();
  bakong = await startBakongStandinServer({ token: TOKEN });
  const env = {
    DATABASE_URL: target.url,
    DATA_DIR: target.dataDir,
    SEED: 'demo',
    SMTP_URL: smtp.url,
    MAIL_POLL_MS: '100',
    BAKONG_STANDIN: 'false',
    BAKONG_API_URL: bakong.url,
    BAKONG_TOKEN: TOKEN,
    BAKONG_POLL_MS: '500',
    TRUST_PROXY: '1',
  };
  // The first start migrates and seeds; the second process then joins the same database.
  servers.push(await spawnServer(env, { built: built.main }));
  servers.push(await spawnServer(env, { built: built.main }));
  db = await openDatabase(target.url);
  await inTransaction(db.db, (tx) => setMerchantAccount(tx, DEMO_MERCHANT_ACCOUNT).then(() => undefined));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await bakong?.stop();
  await smtp?.stop();
  await db?.close();
  await target?.drop();
});

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (
    const started = Date.now();
    Date.now() - started < timeoutMs;
    await new Promise((r) => setTimeout(r, 200))
  ) {
    if (await probe()) return;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('two server processes on one database', () => {
  it('send every mail exactly once', async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `twin-${i}-${Date.now()}@example.test`);
    await Promise.all(
      emails.map((email, i) =>
        browserClient(servers[i % 2]!.url, { ip: `10.9.0.${i + 1}` }).client.register({
          body: { email, password: 'twin-password-123', name: `Twin ${i}` },
        }),
      ),
    );
    await waitFor('ten mails', async () => smtp.messages.length >= 10);
    await new Promise((r) => setTimeout(r, 1500)); // time for a duplicate, were one coming
    const received = smtp.messages.map((m) => m.to).sort();
    expect(received).toEqual([...emails].sort());
    const senders = await db.db
      .selectFrom('email_outbox')
      .select('claimed_by')
      .where('status', '=', 'sent')
      .execute();
    expect(senders).toHaveLength(10);
  });

  it('settle every payment exactly once, and answer polls the same on both', async () => {
    const { id: userId } = await createActiveUser(db.db, {
      email: `buyer-${Date.now()}@example.test`,
      password: 'buyer-password-123',
      name: 'Buyer',
      role: 'customer',
    });
    const { token } = await startSession(db.db, userId);
    const clients = servers.map((s) =>
      createShopClient({ baseUrl: s.url, headers: () => ({ authorization: `Bearer ${token}` }) }),
    );
    const { items } = await clients[0]!.listProducts({
      query: { inStock: true, category: 'accessories', pageSize: 8 },
    });
    // One customer with eight unpaid orders: more than a shop allows by default (orders/holds.ts).
    await inTransaction(db.db, (tx) => setSetting(tx, HOLD_LIMITS_KEY, { unpaidOrders: 8 }));
    const orders = await Promise.all(
      items.map((p, i) =>
        clients[i % 2]!.placeOrder({
          body: { items: [{ productId: p.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        }),
      ),
    );
    for (const order of orders) {
      const [a, b] = await Promise.all(clients.map((c) => c.getOrderPayment({ params: { id: order.id } })));
      // Everything but each server's own clock reading.
      expect({ ...a, serverNow: 0 }).toEqual({ ...b, serverNow: 0 });
      bakong.standin.markPaid({ qr: a!.khqr });
    }
    await waitFor('every order paid', async () => {
      const statuses = await Promise.all(orders.map((o) => clients[0]!.getOrder({ params: { id: o.id } })));
      return statuses.every((o) => o.status === 'paid');
    });
    for (const order of orders) {
      const events = await db.db
        .selectFrom('order_events')
        .select('to_status')
        .where('order_id', '=', order.id)
        .where('to_status', '=', 'paid')
        .execute();
      expect(events, order.number).toHaveLength(1);
      const sales = await db.db
        .selectFrom('stock_movements')
        .select('id')
        .where('reference', '=', order.number)
        .where('type', '=', 'sale')
        .execute();
      expect(sales, order.number).toHaveLength(1);
      const [a, b] = await Promise.all(clients.map((c) => c.getOrderPayment({ params: { id: order.id } })));
      expect({ ...a, serverNow: 0 }).toEqual({ ...b, serverNow: 0 });
      expect(a!.status).toBe('paid');
    }
    const claimers = await db.db
      .selectFrom('payments')
      .select('claimed_by')
      .where('status', '=', 'paid')
      .execute();
    expect(new Set(claimers.map((c) => c.claimed_by)).size).toBeGreaterThanOrEqual(1);
  });
  it('number orders placed at once through both uniquely, and sell the last units exactly once', async () => {
    const { id: userId } = await createActiveUser(db.db, {
      email: `rush-${Date.now()}@example.test`,
      password: 'rush-password-123',
      name: 'Rush',
      role: 'customer',
    });
    const { token } = await startSession(db.db, userId);
    const clients = servers.map((s) =>
      createShopClient({ baseUrl: s.url, headers: () => ({ authorization: `Bearer ${token}` }) }),
    );
    const { items } = await clients[0]!.listProducts({
      query: { inStock: true, category: 'accessories', pageSize: 4 },
    });
    const [scarce, ...plenty] = items.map((p) => p.id);
    // One customer from one address placing many orders: limits far above a shop's, still checked on each order.
    await inTransaction(db.db, (tx) =>
      setSetting(tx, HOLD_LIMITS_KEY, {
        unpaidOrders: 1000,
        unitsPerProduct: 1000,
        stockSharePercent: 100,
        addressUnpaidOrders: 1000,
        addressUnitsPerProduct: 1000,
      }),
    );
    const available = async (productId: string) => {
      const row = await db.db
        .selectFrom('stock_levels')
        .select(['on_hand', 'reserved'])
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow();
      return Number(row.on_hand) - Number(row.reserved);
    };
    const LAST_UNITS = 5;
    const before = await available(scarce!);
    await inTransaction(db.db, async (tx) => {
      await applyMovement(tx, {
        productId: scarce!,
        type: 'adjust',
        ...movementEffects.adjust(LAST_UNITS - before),
        reason: 'test: the last units',
      });
      for (const productId of plenty)
        await applyMovement(tx, { productId, type: 'receive', ...movementEffects.receive(100) });
    });

    const wanted = [
      ...Array.from({ length: 20 }, () => scarce!),
      ...Array.from({ length: 40 }, (_, i) => plenty[i % plenty.length]!),
    ];
    const answers = await Promise.allSettled(
      wanted.map((productId, i) =>
        clients[i % 2]!.placeOrder({
          body: { items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        }),
      ),
    );
    const placed = answers.flatMap((a, i) =>
      a.status === 'fulfilled' ? [{ ...a.value, productId: wanted[i] }] : [],
    );
    const refused = answers.flatMap((a) =>
      a.status === 'rejected' ? [a.reason as { status?: number }] : [],
    );
    expect(refused.map((r) => r.status)).toEqual(Array(20 - LAST_UNITS).fill(409));
    expect(placed.filter((o) => o.productId === scarce)).toHaveLength(LAST_UNITS);
    expect(placed).toHaveLength(40 + LAST_UNITS);
    const numbers = placed.map((o) => o.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) expect(number).toMatch(/^W-\d+$/);
    const stored = await db.db.selectFrom('orders').select('number').where('number', 'in', numbers).execute();
    expect(stored.map((r) => r.number).sort()).toEqual([...numbers].sort());
    expect(await available(scarce!)).toBe(0);
  });
});
