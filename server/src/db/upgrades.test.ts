import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/support';
import { fixtureWriters } from '../../test/schema-fixtures';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { applyMovement } from '../modules/inventory/ledger';
import { numberOrder } from '../modules/orders/placement';
import { startServer } from '../server';
import { openDatabase, type Db, type ShopDatabase } from './database';
import { migrateToLatest, migrateUpTo, migrationNames, NewerDatabase } from './migrate';
import { inTransaction } from './transaction';

/**
 * Upgrades never strand a shop (issue 19): every migration is a released schema version, and a database made at
 * each version, holding the data that version wrote (test/schema-fixtures.ts), upgrades to the current schema with
 * every row kept, the stock ledger consistent, the money the same, and the shop able to go on (a new order number,
 * a new stock movement).
 *
 * SQLite upgrades from every version directly. MariaDB's DDL is slow (a whole migration from empty is about 7 s
 * here, and Kysely reads the whole schema several times per step), so there every version is covered by one run
 * that migrates one version at a time, each step checked against the rows before it, plus direct jumps from two
 * versions chosen before the migrations that rewrite data: 009 (010 adds holds, 014 and 018 rebuild payments on
 * SQLite, 017 backfills the feed) and 028 (029 sums the ledger, 032 fills the shelf state, 033 rebuilds payment
 * proofs on SQLite, 034 moves order numbers).
 */
const writers = new Map(fixtureWriters.map((writer) => [writer.version, writer]));
const mysqlSample = ['009-sign-in-hardening', '028-stock-alerts'];
const directFrom =
  testDialect === 'sqlite' ? migrationNames : mysqlSample.filter((v) => migrationNames.includes(v));
// A whole migration's DDL on MariaDB: about 20 s on a machine shared with other test runs (load average 13).
const slow = { timeout: 300_000 };

let opened: { database: ShopDatabase; target: TestDatabase }[] = [];
afterEach(async () => {
  for (const { database } of opened) await database.close().catch(() => undefined);
  for (const { target } of opened) await target.drop();
  opened = [];
});

async function freshDatabase(): Promise<{ db: Db; target: TestDatabase; database: ShopDatabase }> {
  const target = await createTestDatabase();
  const database = await openDatabase(target.url);
  opened.push({ database, target });
  return { db: database.db, target, database };
}

/** A shop that ran every version up to `version`: migrated one version at a time, each writing its data. */
async function shopAt(db: Db, version: string): Promise<void> {
  for (const name of migrationNames.slice(0, migrationNames.indexOf(version) + 1)) {
    await migrateUpTo(db, name);
    await writers.get(name)?.write(db);
  }
}

// --- what must survive an upgrade ------------------------------------------------------------------------------------

/** Every table's columns and rows (each row as JSON of its values in column order). */
type Snapshot = Map<string, { columns: string[]; rows: Record<string, unknown>[] }>;

// Kysely's own bookkeeping, and the counters' row values that migrations move on purpose (checked in shopIsIntact).
const notCompared = new Set(['schema_migrations', 'schema_migrations_lock', 'counters']);
/** Tables that migrations add rows to: their old rows must stay, new ones may come. */
const migrationsAddRows: Record<string, string> = {
  change_log: '017 records accounts and settings for counters',
  order_holds: '010 holds the stock of orders already waiting for payment',
  order_numbers: '034 starts the sequence where the counter stood',
};

async function snapshot(db: Db): Promise<Snapshot> {
  const tables = await db.introspection.getTables();
  const shot: Snapshot = new Map();
  for (const table of tables) {
    if (notCompared.has(table.name)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(table.name)}`.execute(db);
    shot.set(table.name, { columns: table.columns.map((c) => c.name), rows });
  }
  return shot;
}

/** What changed between two snapshots that an upgrade must never change: rows lost, or values altered. */
function damage(before: Snapshot, after: Snapshot): string[] {
  const problems: string[] = [];
  for (const [table, { columns, rows }] of before) {
    const now = after.get(table);
    if (!now) {
      problems.push(`${table}: the table is gone`);
      continue;
    }
    const key = (row: Record<string, unknown>) => JSON.stringify(columns.map((c) => row[c] ?? null));
    const left = new Map<string, number>();
    for (const row of now.rows) left.set(key(row), (left.get(key(row)) ?? 0) + 1);
    for (const row of rows) {
      const n = left.get(key(row)) ?? 0;
      if (n === 0) problems.push(`${table}: row lost or changed: ${key(row)}`);
      else left.set(key(row), n - 1);
    }
    if (!(table in migrationsAddRows) && now.rows.length !== rows.length)
      problems.push(`${table}: ${rows.length} rows before, ${now.rows.length} after`);
  }
  return problems;
}

/** The money the shop holds records of: order totals and payments per currency. */
async function money(db: Db) {
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  if (!tables.includes('orders')) return null;
  const orders = await sql<{ cents: number | string; riel: number | string }>`
    select coalesce(sum(total_cents), 0) as cents, coalesce(sum(total_khr), 0) as riel from orders`.execute(
    db,
  );
  const payments = await sql<{ currency: string; amount: number | string }>`
    select currency, sum(amount_minor) as amount from payments group by currency order by currency`.execute(
    db,
  );
  return {
    orderCents: Number(orders.rows[0]!.cents),
    orderRiel: Number(orders.rows[0]!.riel),
    payments: payments.rows.map((r) => [r.currency, Number(r.amount)]),
  };
}

/**
 * The rules the upgraded shop relies on: its ledger adds up to its counters, units sold follow the sales, the
 * change feed's counter is its last number, every order waiting for money holds its stock, and counters can pull
 * every account and setting.
 */
async function shopIsIntact(db: Db): Promise<void> {
  const ledger = await sql<{
    product_id: string;
    on_hand: number;
    reserved: number;
    units_sold: number;
    moved_on_hand: number | null;
    moved_reserved: number | null;
    sold: number | null;
  }>`select l.product_id, l.on_hand, l.reserved, l.units_sold,
      (select sum(m.on_hand_delta) from stock_movements m where m.product_id = l.product_id) as moved_on_hand,
      (select sum(m.reserved_delta) from stock_movements m where m.product_id = l.product_id) as moved_reserved,
      (select sum(-m.on_hand_delta) from stock_movements m where m.product_id = l.product_id and m.type = 'sale') as sold
    from stock_levels l order by l.product_id`.execute(db);
  for (const row of ledger.rows) {
    expect(Number(row.on_hand), `${row.product_id} on hand`).toBe(Number(row.moved_on_hand ?? 0));
    expect(Number(row.reserved), `${row.product_id} reserved`).toBe(Number(row.moved_reserved ?? 0));
    expect(Number(row.units_sold), `${row.product_id} units sold`).toBe(Number(row.sold ?? 0));
    expect(Number(row.reserved)).toBeLessThanOrEqual(Number(row.on_hand));
  }
  const feed = await sql<{ head: number; last: number | null; n: number }>`
    select (select value from counters where name = 'change_log') as head,
      (select max(seq) from change_log) as last, (select count(*) from change_log) as n`.execute(db);
  const { head, last, n } = feed.rows[0]!;
  expect(Number(head)).toBe(Number(last ?? 0));
  expect(Number(n)).toBe(Number(head));
  const unfed = await sql<{ id: string }>`select u.id from users u
    where (u.role <> 'customer' or u.status = 'active')
      and not exists (select 1 from change_log c where c.entity_id = u.id)`.execute(db);
  expect(unfed.rows).toEqual([]);
  const unheld = await sql<{ id: string }>`select o.id from orders o
    where o.status in ('pending_payment', 'payment_review')
      and not exists (select 1 from order_holds h where h.order_id = o.id)`.execute(db);
  expect(unheld.rows).toEqual([]);
}

/** The upgraded shop goes on: a new order number follows every old one, a new stock receipt lands in the ledger. */
async function shopGoesOn(db: Db): Promise<void> {
  const numbers = await sql<{ number: string }>`select number from orders`.execute(db);
  const next = await inTransaction(db, (tx) => numberOrder(tx, 'web'));
  const taken = numbers.rows.map((r) => Number(r.number.split('-')[1]));
  expect(Number(next.split('-')[1])).toBeGreaterThan(Math.max(1000, ...taken));
  const product = await sql<{
    product_id: string;
  }>`select product_id from stock_levels order by product_id`.execute(db);
  if (product.rows[0]) {
    await inTransaction(db, (tx) =>
      applyMovement(tx, {
        productId: product.rows[0]!.product_id,
        type: 'receive',
        onHandDelta: 2,
        reservedDelta: 0,
      }),
    );
  }
  await shopIsIntact(db);
}

// --- the runs --------------------------------------------------------------------------------------------------------

describe(`upgrades on ${testDialect}`, () => {
  it('every fixture writer belongs to a migration this server has', () => {
    for (const writer of fixtureWriters) expect(migrationNames).toContain(writer.version);
  });

  it(
    'migrating one version at a time keeps every row at every step, and the shop intact at the end',
    slow,
    async () => {
      const { db } = await freshDatabase();
      for (const name of migrationNames) {
        const before = await snapshot(db);
        await migrateUpTo(db, name);
        expect(damage(before, await snapshot(db)), `migration ${name}`).toEqual([]);
        await writers.get(name)?.write(db);
      }
      expect(await migrateToLatest(db)).toEqual([]);
      await shopIsIntact(db);
      await shopGoesOn(db);
    },
  );

  it.each(directFrom)(
    'a shop at %s upgrades to the current schema with its data intact',
    slow,
    async (version) => {
      const { db } = await freshDatabase();
      await shopAt(db, version);
      const before = await snapshot(db);
      const moneyBefore = await money(db);
      const applied = await migrateToLatest(db);
      expect(applied).toEqual(migrationNames.slice(migrationNames.indexOf(version) + 1));
      expect(damage(before, await snapshot(db))).toEqual([]);
      if (moneyBefore) expect(await money(db)).toEqual(moneyBefore);
      await shopIsIntact(db);
      await shopGoesOn(db);
    },
  );
});

describe(`a database newer than the server on ${testDialect}`, () => {
  it('is refused at start with what to do, and nothing in it is changed', slow, async () => {
    const { db, target, database } = await freshDatabase();
    await shopAt(db, '002-audit-log');
    await sql`insert into schema_migrations (name, timestamp) values ('999-from-a-newer-shop', '2030-01-01T00:00:00.000Z')`.execute(
      db,
    );
    const before = await snapshot(db);
    const applied = await sql`select name, timestamp from schema_migrations order by name`.execute(db);
    await database.close();

    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: target.dataDir,
      DATABASE_URL: target.url,
      SEED: 'demo',
      LOG_LEVEL: 'silent',
    });
    const starting = startServer(config, { logger: createLogger('silent') });
    await expect(starting).rejects.toBeInstanceOf(NewerDatabase);
    await expect(starting).rejects.toThrow(
      /made by a newer version of the shop: it has migration 999-from-a-newer-shop, which this version does not know\. Nothing was changed/,
    );

    const again = await openDatabase(target.url);
    opened.push({ database: again, target: { ...target, drop: async () => undefined } });
    // No later migration ran (003 would add this column), no row moved, and the demo catalog was not seeded.
    const columns = (await again.db.introspection.getTables()).find((t) => t.name === 'users')!.columns;
    expect(columns.map((c) => c.name)).not.toContain('phone');
    expect(await snapshot(again.db)).toEqual(before);
    expect(
      (await sql`select name, timestamp from schema_migrations order by name`.execute(again.db)).rows,
    ).toEqual(applied.rows);
    await expect(migrateToLatest(again.db)).rejects.toBeInstanceOf(NewerDatabase);
  });
});
