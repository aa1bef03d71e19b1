import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createShopClient, type ShopClient } from '@shop/shared';
import { pageApplier } from '../../desktop/src/core/catalog/apply-page';
import { createPosCore, type PosCore } from '../../desktop/src/core/core';
import { cashierSignedIn } from '../../desktop/src/core/test-support/cashier';
import { page, product, staffMember } from '../../desktop/src/core/test-support/fixtures';
import { openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { inTransaction } from '../../server/src/db/transaction';
import { HOLD_LIMITS_KEY } from '../../server/src/modules/orders/hold-limits';
import { DEMO_MERCHANT_ACCOUNT, setMerchantAccount } from '../../server/src/modules/payments/merchant';
import { setSetting } from '../../server/src/modules/settings/service';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { memoryOf } from './bench-first-pull';
import { percentile } from './stats';
import { startShopServer, type NodeEnv, type ShopServerTarget } from './server-process';

/**
 * push-10k (issue 11): a counter that was offline all day pushes its queue. The real server (child process, demo
 * catalog) and the real desktop core (plain Node): the core is paired through the routes, 10,000 two-line cash sales
 * are committed offline through its commands, then `pushNow()` is timed until the outbox is empty. Target: under
 * 10 s. Then a web order's latency is measured alone, and again while one 200-sale batch applies (a batch holds the
 * order-number and change-feed counters until it commits). Prints figures; asserts only that every sale applied.
 */
export interface PushRow {
  target: string;
  sales: number;
  batches: number;
  seconds: number;
  /** Sales applied on the server (all of them, or the run is a failure). */
  applied: number;
  /** Time to commit the sales offline at the counter (not part of the target). */
  queueSeconds: number;
  serverRssMiB: number;
  serverPeakRssMiB: number;
  /** One web order alone: median of a few, ms. */
  webOrderIdleMs: number;
  /** Web orders placed one after another while one 200-sale batch applied: median and slowest, ms. */
  webOrderDuringBatch: { count: number; p50Ms: number; maxMs: number };
  batchOf200Ms: number;
}

export interface PushTarget extends ShopServerTarget {
  label: string;
}

export const PUSH_TARGET_SEC = 10;
const PRODUCTS = 10;

export async function benchPush(
  targets: PushTarget[],
  options: { nodeEnv: NodeEnv; sales: number },
  log: (line: string) => void,
): Promise<PushRow[]> {
  const rows: PushRow[] = [];
  for (const target of targets) {
    const people = await benchPeople(target.databaseUrl);
    const server = await startShopServer(`${target.label} (push)`, target, options.nodeEnv, { SEED: 'demo' });
    const coreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-bench-core-'));
    let core: PosCore | null = null;
    try {
      const client = (token?: string) =>
        createShopClient({
          baseUrl: server.url,
          ...(token && { headers: () => ({ authorization: `Bearer ${token}` }) }),
        });
      const admin = client(people.adminToken);
      const customer = client(people.customerToken);
      const products = await stockedProducts(client(), client(people.staffToken));

      core = createPosCore({ dataDir: coreDir, appVersion: 'bench' });
      const { pairingCode } = await admin.createDevice({ body: { name: 'Benchmark counter' } });
      await core.commands.pair({ serverUrl: server.url, pairingCode });
      pageApplier(core.db)(
        page(1, [
          ...products.map((p) => ({
            entity: 'product' as const,
            id: p.id,
            data: product(p.id, { sku: p.sku, name: p.name, priceCents: p.priceCents, available: 1_000_000 }),
          })),
          { entity: 'staff' as const, id: people.staffId, data: staffMember(people.staffId) },
        ]),
      );
      await cashierSignedIn(core, people.staffId);

      log(
        `${target.label}: queueing ${options.sales.toLocaleString('en-US')} offline sales at the counter...`,
      );
      let started = performance.now();
      await queueSales(core, products, options.sales);
      const queueSeconds = (performance.now() - started) / 1000;

      log(`${target.label}: pushing the outbox...`);
      started = performance.now();
      const outcome = await core.pushNow();
      const seconds = (performance.now() - started) / 1000;
      const pending = (await core.commands.status()).pending;
      const applied = outcome.results.filter((r) => r.status === 'applied').length;
      if (pending !== 0 || applied !== options.sales)
        throw new Error(`push left ${pending} queued and applied ${applied} of ${options.sales}`);
      const memory = memoryOf(server.pid);

      const order = () => placeWebOrder(customer, products[0]!.id);
      const idle: number[] = [];
      for (let i = 0; i < 7; i++) idle.push(await order());
      await queueSales(core, products, 200);
      const during: number[] = [];
      started = performance.now();
      const batch = core.pushNow().then(() => performance.now() - started);
      let done = false;
      void batch.then(() => (done = true));
      while (!done) during.push(await order());
      const batchOf200Ms = await batch;

      rows.push({
        target: target.label,
        sales: options.sales,
        batches: Math.ceil(options.sales / 200),
        seconds,
        applied,
        queueSeconds,
        serverRssMiB: memory.rss,
        serverPeakRssMiB: memory.peak,
        webOrderIdleMs: percentile(idle, 50),
        webOrderDuringBatch: {
          count: during.length,
          p50Ms: percentile(during, 50),
          maxMs: Math.max(...during),
        },
        batchOf200Ms,
      });
      log(describePush(rows.at(-1)!));
    } finally {
      core?.close();
      fs.rmSync(coreDir, { recursive: true, force: true });
      await server.stop();
    }
  }
  return rows;
}

export function describePush(row: PushRow): string {
  return (
    `${row.target}: ${row.sales.toLocaleString('en-US')} sales pushed in ${row.seconds.toFixed(1)} s ` +
    `(${(row.sales / row.seconds).toFixed(0)} sales/s, ${row.batches} batches; target < ${PUSH_TARGET_SEC} s); ` +
    `queued offline in ${row.queueSeconds.toFixed(1)} s; server RSS ${row.serverRssMiB.toFixed(0)} MiB, ` +
    `peak ${row.serverPeakRssMiB.toFixed(0)} MiB; web order alone ${row.webOrderIdleMs.toFixed(0)} ms, during a ` +
    `200-sale batch (${row.batchOf200Ms.toFixed(0)} ms) p50 ${row.webOrderDuringBatch.p50Ms.toFixed(0)} ms, ` +
    `max ${row.webOrderDuringBatch.maxMs.toFixed(0)} ms (${row.webOrderDuringBatch.count} orders)`
  );
}

/** Two-line cash sales, as a cashier rings them up: add two lines, pay, commit (each its own local transaction). */
async function queueSales(core: PosCore, products: BenchProduct[], count: number): Promise<void> {
  const c = core.commands;
  for (let n = 0; n < count; n++) {
    await c.addLine({ productId: products[n % products.length]!.id, quantity: 1 + (n % 2) });
    await c.addLine({ productId: products[(n + 1) % products.length]!.id });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 10_000_00 });
    await c.commitSale();
  }
}

interface BenchProduct {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
}

/**
 * A few demo products, each received with enough units that no sale of the run is a shortfall. Serialized ones
 * (which cannot be received without serial numbers) are passed over.
 */
async function stockedProducts(anyone: ShopClient, staff: ShopClient): Promise<BenchProduct[]> {
  const items = [];
  for (const page of [1, 2, 3]) items.push(...(await anyone.listProducts({ query: { page } })).items);
  const picked: BenchProduct[] = [];
  for (const p of items) {
    if (picked.length === PRODUCTS) break;
    const received = await staff
      .recordStockMovement({ body: { productId: p.id, type: 'receive', quantity: 100_000 } })
      .then(
        () => true,
        () => false,
      );
    if (received) picked.push({ id: p.id, sku: p.sku, name: p.name, priceCents: p.priceCents });
  }
  if (picked.length < PRODUCTS) throw new Error(`only ${picked.length} demo products could be received`);
  return picked;
}

async function placeWebOrder(customer: ShopClient, productId: string): Promise<number> {
  const started = performance.now();
  await customer.placeOrder({
    body: { items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
  });
  return performance.now() - started;
}

/** An admin, a staff member and a customer with bearer sessions, made with the server's own code before it starts. */
async function benchPeople(databaseUrl: string) {
  const { db, close } = await openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    // Web orders need the shop's merchant account (for their KHQR), and the customer places more than a shop allows.
    await inTransaction(db, (tx) => setMerchantAccount(tx, { ...DEMO_MERCHANT_ACCOUNT }));
    await inTransaction(db, (tx) =>
      setSetting(tx, HOLD_LIMITS_KEY, {
        unpaidOrders: 10_000,
        unitsPerProduct: 10_000,
        stockSharePercent: 100,
        addressUnpaidOrders: 10_000,
        addressUnitsPerProduct: 10_000,
      }),
    );
    const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const person = (role: 'admin' | 'staff' | 'customer') =>
      createActiveUser(db, {
        email: `push-${role}-${run}@bench.local`,
        password: `bench ${role} ${Math.random().toString(36).slice(2)}`,
        name: `Benchmark ${role}`,
        role,
      });
    const [admin, staff, customer] = [await person('admin'), await person('staff'), await person('customer')];
    return {
      adminToken: (await startSession(db, admin.id)).token,
      staffToken: (await startSession(db, staff.id)).token,
      staffId: staff.id,
      customerToken: (await startSession(db, customer.id)).token,
    };
  } finally {
    await close();
  }
}
