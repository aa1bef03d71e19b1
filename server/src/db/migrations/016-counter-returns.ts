import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Issue 11, returns at the counter: goods brought back against an earlier counter sale, line by line, and the money
 * given back. Kept apart from web line cancellations: a return happens after the goods were handed over, and each
 * refund belongs to the shift whose drawer paid it out (the Z report counts cash refunds per currency).
 */
export async function up(db: MigrationDb): Promise<void> {
  // Units of a line brought back: taken with a conditional update (quantity - cancelled - returned >= n), so two
  // returns against one sale cannot both take back its last unit.
  await addColumn(db, 'order_items', 'returned_quantity', 'integer', (c) => c.notNull().defaultTo(0));
  await createTable(db, 'counter_returns')
    // The pushed item's ULID: one return per item, whatever the retries.
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('device_id', 'varchar(26)', (c) => c.notNull().references('devices.id'))
    .addColumn('staff_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('shift_id', 'varchar(26)', (c) => c.references('pos_shifts.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'counter_returns_order_idx', 'counter_returns', ['order_id']);
  await createIndex(db, 'counter_returns_shift_idx', 'counter_returns', ['shift_id']);

  await createTable(db, 'counter_return_lines')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('return_id', 'varchar(26)', (c) => c.notNull().references('counter_returns.id'))
    .addColumn('order_item_id', 'varchar(26)', (c) => c.notNull().references('order_items.id'))
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // What the units were sold for (USD cents, after the line's discount): what the return is worth.
    .addColumn('value_cents', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'counter_return_lines_item_idx', 'counter_return_lines', ['order_item_id']);

  await createTable(db, 'counter_refunds')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('return_id', 'varchar(26)', (c) => c.notNull().references('counter_returns.id'))
    // cash | khqr
    .addColumn('method', 'varchar(10)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'counter_refunds_return_idx', 'counter_refunds', ['return_id']);
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['counter_refunds', 'counter_return_lines', 'counter_returns'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('order_items').dropColumn('returned_quantity').execute();
}
