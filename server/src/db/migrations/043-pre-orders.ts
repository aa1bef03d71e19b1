import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Issue 17 part 2, pre-orders (docs/decisions/0019-pre-orders.md):
 * - `products.preorder_*`: whether the shop takes pre-orders of a product while it is out of stock, the day it
 *   expects it (`YYYY-MM-DD`, null: unknown) and the deposit percent (0, 25, 50 or 100);
 * - `pre_orders`: what an order that is a pre-order adds to it: its product and units, its deposit (due and paid, in
 *   minor units of the order's currency), when stock served it and until when its units wait for the rest, and what
 *   the shop's rule did with a deposit of a cancelled or lapsed one. `pre_orders_line_idx` is the line a receipt
 *   serves, first made first.
 * Re-runnable: createTable, createIndex and addColumn skip what exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'products', 'preorder_allowed', 'integer', (c) => c.notNull().defaultTo(0));
  await addColumn(db, 'products', 'preorder_expected_on', 'varchar(10)');
  await addColumn(db, 'products', 'preorder_deposit_percent', 'integer', (c) => c.notNull().defaultTo(0));
  await createTable(db, 'pre_orders')
    .addColumn('order_id', 'varchar(26)', (c) => c.primaryKey().references('orders.id'))
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('deposit_percent', 'integer', (c) => c.notNull())
    .addColumn('deposit_minor', 'bigint', (c) => c.notNull())
    .addColumn('deposit_paid_minor', 'bigint', (c) => c.notNull())
    .addColumn('expected_on', 'varchar(10)')
    .addColumn('served_at', 'bigint')
    .addColumn('reserve_until', 'bigint')
    .addColumn('deposit_outcome', 'varchar(12)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'pre_orders_line_idx', 'pre_orders', ['product_id', 'created_at', 'order_id']);
  await createIndex(db, 'pre_orders_due_idx', 'pre_orders', ['reserve_until']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('pre_orders').ifExists().execute();
  for (const column of ['preorder_allowed', 'preorder_expected_on', 'preorder_deposit_percent'])
    await db.schema.alterTable('products').dropColumn(column).execute();
}
