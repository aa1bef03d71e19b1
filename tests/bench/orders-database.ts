import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { newId } from '../../server/src/db/ids';
import { inTransaction } from '../../server/src/db/transaction';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { systemActor } from '../../server/src/modules/audit/audit';
import { recordStockMovement } from '../../server/src/modules/inventory/service';
import { HOLD_LIMITS_KEY } from '../../server/src/modules/orders/hold-limits';
import { DEMO_MERCHANT_ACCOUNT, setMerchantAccount } from '../../server/src/modules/payments/merchant';
import { setSetting } from '../../server/src/modules/settings/service';
import type { OrderBenchOptions } from './options';

/**
 * What the order benchmark needs in the database before the server starts, made with the server's own code on the
 * prepared catalog (this process opens it directly): customers with bearer sessions, products with plenty of stock,
 * one product with exactly the race's stock, and the shop's merchant account (production refuses to make a KHQR
 * without one). Afterwards it reads back what the orders left in the ledger.
 */
export interface OrderFixtures {
  /** Bearer tokens of the customers, one each. */
  tokens: string[];
  /** Products the throughput cases order, 1 unit per order. */
  productIds: string[];
  raceProduct: { id: string; name: string };
  seconds: number;
}

export async function prepareOrderFixtures(
  databaseUrl: string,
  options: OrderBenchOptions,
): Promise<OrderFixtures> {
  const started = performance.now();
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const tokens = await openBenchShop(db, options.customers);

    // Serialized products would need serial numbers to receive stock; orders of them work the same otherwise.
    const products = await db
      .selectFrom('products')
      .select(['id', 'name'])
      .where('active', '=', 1)
      .where('serialized', '=', 0)
      .orderBy('id')
      .limit(options.products + 1)
      .execute();
    if (products.length < options.products + 1)
      throw new Error(`the catalog has only ${products.length} active products without serial numbers`);
    const [raceProduct, ...ordered] = products as [{ id: string; name: string }, ...{ id: string }[]];
    for (const { id } of ordered) {
      await recordStockMovement(
        db,
        { productId: id, type: 'receive', quantity: options.stockPerProduct, reason: 'benchmark stock' },
        systemActor,
      );
    }
    await setStock(db, raceProduct.id, options.race.stock);
    return {
      tokens,
      productIds: ordered.map((p) => p.id),
      raceProduct,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await close();
  }
}

/**
 * Customers with a session each. The first is made as the shop makes accounts (scrypt password hash included); the
 * others are copies of its row under their own id and email, because hashing a password takes 0.2-0.6 s here and
 * the benchmark never logs in with one (sessions are started directly).
 */
export async function makeCustomers(db: Db, count: number): Promise<string[]> {
  const run = randomBytes(3).toString('hex');
  const email = (i: number) => `bench-${run}-${i}@example.test`;
  const first = await createActiveUser(db, {
    email: email(0),
    password: randomBytes(12).toString('base64url'),
    name: 'Bench customer 0',
    role: 'customer',
  });
  const template = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', first.id)
    .executeTakeFirstOrThrow();
  const others = Array.from({ length: count - 1 }, (_, n) => ({
    ...template,
    id: newId(),
    email: email(n + 1),
    name: `Bench customer ${n + 1}`,
  }));
  for (let i = 0; i < others.length; i += 100)
    await db
      .insertInto('users')
      .values(others.slice(i, i + 100))
      .execute();
  const tokens: string[] = [];
  for (const id of [first.id, ...others.map((u) => u.id)]) tokens.push((await startSession(db, id)).token);
  return tokens;
}

/** Exactly `units` on hand and none reserved, by a stock adjustment as the back office would make it. */
export async function setStock(db: Db, productId: string, units: number): Promise<void> {
  const level = await stockLevel(db, productId);
  if (level.reserved !== 0) throw new Error(`product ${productId} already has ${level.reserved} reserved`);
  if (level.onHand !== units) {
    await recordStockMovement(
      db,
      {
        productId,
        type: 'adjust',
        quantity: units - level.onHand,
        reason: `benchmark: exactly ${units} for the order race`,
      },
      systemActor,
    );
  }
}

async function stockLevel(db: Db, productId: string): Promise<{ onHand: number; reserved: number }> {
  const row = await db
    .selectFrom('stock_levels')
    .select(['on_hand', 'reserved'])
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return { onHand: Number(row.on_hand), reserved: Number(row.reserved) };
}

/** What the database says about orders of some products after the run. */
export interface OrderLedger {
  /** Orders with a line of these products. */
  orders: number;
  /** Units ordered, summed over those lines. */
  units: number;
  /** Payment rows (KHQR) of those orders. */
  payments: number;
  onHand: number;
  reserved: number;
}

export async function readOrderLedger(
  databaseUrl: string,
  productIds: readonly string[],
): Promise<OrderLedger> {
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const lines = await db
      .selectFrom('order_items')
      .select((eb) => [
        eb.fn.count<number>('order_id').distinct().as('orders'),
        eb.fn.sum<number>('quantity').as('units'),
      ])
      .where('product_id', 'in', productIds)
      .executeTakeFirstOrThrow();
    const payments = await db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_id', 'in', (eb) =>
        eb.selectFrom('order_items').select('order_id').where('product_id', 'in', productIds),
      )
      .executeTakeFirstOrThrow();
    const stock = await db
      .selectFrom('stock_levels')
      .select((eb) => [
        eb.fn.sum<number>('on_hand').as('onHand'),
        eb.fn.sum<number>('reserved').as('reserved'),
      ])
      .where('product_id', 'in', productIds)
      .executeTakeFirstOrThrow();
    return {
      orders: Number(lines.orders),
      units: Number(lines.units ?? 0),
      payments: Number(payments.n),
      onHand: Number(stock.onHand ?? 0),
      reserved: Number(stock.reserved ?? 0),
    };
  } finally {
    await close();
  }
}

/** InnoDB's row-lock waits so far (server-wide: other databases' clients count too), and the time spent in them. */
export interface RowLockWaits {
  waits: number;
  ms: number;
}

/**
 * Reads MariaDB's row-lock wait counters, to tell how often a placing transaction waited for a row another one
 * held until its commit (the order-number counter did that to every order): a figure that a busy CPU does not bend
 * the way it bends orders/s. Answers null on SQLite, which has one writer and no row locks.
 */
export async function openRowLockWaits(
  databaseUrl: string,
): Promise<{ read(): Promise<RowLockWaits>; close(): Promise<void> } | null> {
  if (!databaseUrl.startsWith('mysql')) return null;
  const { db, close } = await openDatabase(databaseUrl);
  return {
    async read() {
      const { rows } = await sql<{ Variable_name: string; Value: string }>`
        show global status where Variable_name in ('Innodb_row_lock_waits', 'Innodb_row_lock_time')`.execute(
        db,
      );
      const value = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? Number.NaN);
      return { waits: value('Innodb_row_lock_waits'), ms: value('Innodb_row_lock_time') };
    },
    close,
  };
}

/**
 * A bench shop ready to take orders: migrated, with the demo merchant account, and with the shop's limits on unpaid
 * orders lifted: the benchmarks' customers hold far more unpaid orders, all from the loopback address, than a shop
 * allows (orders/hold-limits.ts); the counters are still checked on every order. Answers the customers' sessions.
 */
export async function openBenchShop(db: Db, customers: number): Promise<string[]> {
  await migrateToLatest(db);
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
  return makeCustomers(db, customers);
}
