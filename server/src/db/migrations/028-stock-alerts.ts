import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 15, back-in-stock alerts: an address asks to be told when an out-of-stock product is received again, and is
 * mailed once. `open_key` (product and address) is set while the alert waits and null once mailed: unique, so one
 * waiting alert per address and product however often it is asked for (both dialects allow many NULLs in a unique
 * index). Re-runnable.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'stock_alerts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('open_key', 'varchar(300)', (c) => c.unique())
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    .addColumn('product_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('mailed_at', 'bigint')
    .execute();
  await createIndex(db, 'stock_alerts_product_idx', 'stock_alerts', ['product_id', 'mailed_at']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('stock_alerts').ifExists().execute();
}
