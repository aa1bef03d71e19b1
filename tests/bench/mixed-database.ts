import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../server/src/db/database';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { systemActor } from '../../server/src/modules/audit/audit';
import { recordStockMovement } from '../../server/src/modules/inventory/service';
import type { StockedProduct } from './mixed-generator';
import { openBenchShop, setStock } from './orders-database';

/**
 * What the mixed load needs in the database before the server starts, written with the server's own code (as the
 * orders part does): customers with sessions, products with stock (most plenty, a few scarce so that they sell out
 * during the run and the shop must refuse with 409), an admin who pairs the counters and a staff member who sells
 * at them, the merchant account (a web order makes a KHQR). Afterwards: does the stock add up?
 */
export interface MixedFixtures {
  /** Session tokens of the customers (the benchmark sends them as the browser's cookie). */
  sessionTokens: string[];
  products: StockedProduct[];
  scarce: number;
  adminToken: string;
  staffId: string;
  seconds: number;
}

export interface MixedStockOptions {
  customers: number;
  /** Products carts and counters take, each received with `plenty` units. */
  products: number;
  plenty: number;
  /** Of which this many hold only `scarceUnits` (they sell out). */
  scarce: number;
  scarceUnits: number;
}

export const defaultMixedStock: MixedStockOptions = {
  customers: 400,
  products: 200,
  plenty: 5_000,
  scarce: 20,
  scarceUnits: 3,
};

export async function prepareMixedFixtures(
  databaseUrl: string,
  options: MixedStockOptions,
): Promise<MixedFixtures> {
  const started = performance.now();
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const sessionTokens = await openBenchShop(db, options.customers);
    const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const person = (role: 'admin' | 'staff') =>
      createActiveUser(db, {
        email: `mixed-${role}-${run}@bench.local`,
        password: `bench ${role} ${Math.random().toString(36).slice(2)}`,
        name: `Benchmark ${role}`,
        role,
      });
    const admin = await person('admin');
    const staff = await person('staff');

    // Serialized products need serial numbers to be received and sold; the rest behave the same.
    const rows = await db
      .selectFrom('products')
      .select(['id', 'price_cents'])
      .where('active', '=', 1)
      .where('serialized', '=', 0)
      .orderBy('id', 'desc')
      .limit(options.products)
      .execute();
    if (rows.length < options.products)
      throw new Error(`the catalog has only ${rows.length} active products without serial numbers`);
    for (const [i, row] of rows.entries()) {
      if (i < options.scarce) await setStock(db, row.id, options.scarceUnits);
      else
        await recordStockMovement(
          db,
          { productId: row.id, type: 'receive', quantity: options.plenty, reason: 'benchmark stock' },
          systemActor,
        );
    }
    return {
      sessionTokens,
      products: rows.map((r) => ({ id: r.id, priceCents: Number(r.price_cents) })),
      scarce: options.scarce,
      adminToken: (await startSession(db, admin.id)).token,
      staffId: staff.id,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await close();
  }
}

/** The stock after a run, over every product: what "never oversold" means, checked in the database itself. */
export interface StockCheck {
  products: number;
  /** Stock rows with on hand or reserved below zero, or more reserved than on hand. */
  oversold: number;
  /** Products whose counters differ from the sums of their ledger rows (on hand or reserved). */
  ledgerMismatches: number;
  /** Web orders and counter orders in the database. */
  webOrders: number;
  counterOrders: number;
  /** Units the counters sold beyond the shelf (recorded as shortfalls, as the shop's rules say). */
  shortfallUnits: number;
}

export async function checkStock(databaseUrl: string): Promise<StockCheck> {
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const levels = await db
      .selectFrom('stock_levels')
      .select(['product_id', 'on_hand', 'reserved'])
      .execute();
    const sums = await db
      .selectFrom('stock_movements')
      .select((eb) => [
        'product_id',
        eb.fn.sum<number>('on_hand_delta').as('onHand'),
        eb.fn.sum<number>('reserved_delta').as('reserved'),
      ])
      .groupBy('product_id')
      .execute();
    const ledger = new Map(sums.map((s) => [s.product_id, s]));
    let oversold = 0;
    let ledgerMismatches = 0;
    for (const level of levels) {
      const onHand = Number(level.on_hand);
      const reserved = Number(level.reserved);
      if (onHand < 0 || reserved < 0 || reserved > onHand) oversold++;
      const sum = ledger.get(level.product_id);
      if (Number(sum?.onHand ?? 0) !== onHand || Number(sum?.reserved ?? 0) !== reserved) ledgerMismatches++;
    }
    const orders = await db
      .selectFrom('orders')
      .select((eb) => ['channel', eb.fn.countAll<number>().as('n')])
      .groupBy('channel')
      .execute();
    const count = (channel: string) => Number(orders.find((o) => o.channel === channel)?.n ?? 0);
    const shortfalls = await db
      .selectFrom('stock_shortfalls')
      .select((eb) => eb.fn.sum<number>('quantity').as('units'))
      .executeTakeFirst();
    return {
      products: levels.length,
      oversold,
      ledgerMismatches,
      webOrders: count('web'),
      counterOrders: count('pos'),
      shortfallUnits: Number(shortfalls?.units ?? 0),
    };
  } finally {
    await close();
  }
}
