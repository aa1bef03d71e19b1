import { type MigrationDb, createTable } from '../ddl';

/**
 * Issue 16, order placement on MariaDB: order numbers come from an AUTO_INCREMENT key (one row per number taken)
 * instead of the `order_number` row of `counters`, whose row lock every placing transaction held until it committed,
 * so orders were placed one at a time (docs/decisions/0012-order-numbers.md). The sequence starts where the counter
 * stood: the row of the last number given (SQLite's AUTOINCREMENT and InnoDB both continue after the largest key).
 * Re-runnable: the counter row is read only while it exists, and removed afterwards so nothing takes from it again.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'order_numbers')
    .addColumn('number', 'integer', (c) => c.primaryKey().autoIncrement())
    .execute();
  const counter = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'order_number')
    .executeTakeFirst();
  if (counter) {
    const last = Number(counter.value);
    const taken = await db
      .selectFrom('order_numbers')
      .select('number')
      .where('number', '>=', last)
      .executeTakeFirst();
    if (!taken) await db.insertInto('order_numbers').values({ number: last }).execute();
    await db.deleteFrom('counters').where('name', '=', 'order_number').execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  const last = await db
    .selectFrom('order_numbers')
    .select((eb) => eb.fn.max('number').as('last'))
    .executeTakeFirst();
  const value = Number(last?.last ?? 1000);
  const counter = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', 'order_number')
    .executeTakeFirst();
  if (counter) await db.updateTable('counters').set({ value }).where('name', '=', 'order_number').execute();
  else await db.insertInto('counters').values({ name: 'order_number', value }).execute();
  await db.schema.dropTable('order_numbers').ifExists().execute();
}
