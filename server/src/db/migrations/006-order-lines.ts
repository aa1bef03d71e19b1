import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Cancelling single order lines: what the shop owes back on an order, and one row per cancellation (how many
 * units, why, what they were worth, in which state the order was).
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'orders', 'refund_owed_cents', 'integer', (c) => c.notNull().defaultTo(0));

  await createTable(db, 'order_line_cancellations')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('order_item_id', 'varchar(26)', (c) => c.notNull().references('order_items.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'varchar(300)')
    .addColumn('value_cents', 'integer', (c) => c.notNull())
    .addColumn('order_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'order_line_cancellations_order_idx', 'order_line_cancellations', [
    'order_id',
    'created_at',
  ]);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('order_line_cancellations').ifExists().execute();
  await db.schema.alterTable('orders').dropColumn('refund_owed_cents').execute();
}
