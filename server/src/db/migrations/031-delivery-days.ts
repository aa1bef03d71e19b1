import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 15, delivery rates per province: an order keeps the days its delivery was promised in (fewest and most after
 * payment), as its fee is kept, whatever the rates become. Null for pick-up, counter sales and orders placed
 * before. Re-runnable: addColumn skips what exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'orders', 'delivery_days_min', 'integer');
  await addColumn(db, 'orders', 'delivery_days_max', 'integer');
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('delivery_days_max').execute();
  await db.schema.alterTable('orders').dropColumn('delivery_days_min').execute();
}
