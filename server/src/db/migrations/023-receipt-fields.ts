import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 13, receiving goods: a receipt names its supplier and what one unit cost (admins only). The supplier's
 * invoice or delivery note number goes in the movement's existing `reference`, where an order's number goes for
 * other movements. Numbered 023 because the reports branch holds 022. Re-runnable: addColumn skips what exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'stock_movements', 'supplier', 'varchar(120)');
  await addColumn(db, 'stock_movements', 'unit_cost_cents', 'bigint');
}

export async function down(db: MigrationDb): Promise<void> {
  for (const column of ['unit_cost_cents', 'supplier'])
    await db.schema.alterTable('stock_movements').dropColumn(column).execute();
}
