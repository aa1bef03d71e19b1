import { sql } from 'kysely';
import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 15, ranking that follows intent: units sold per product, kept beside its stock counters and moved in the
 * transaction of every sale the stock ledger records (a web order paid, a counter sale), so "Popular" and the tie-break of equally
 * relevant products read one column instead of summing order lines per request. Filled from the ledger's sales
 * so far. Re-runnable: addColumn skips what exists and the fill recomputes the same sums.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'stock_levels', 'units_sold', 'integer', (c) => c.notNull().defaultTo(0));
  await sql`update stock_levels set units_sold = coalesce((select sum(-m.on_hand_delta) from stock_movements m
    where m.product_id = stock_levels.product_id and m.type = 'sale'), 0)`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('stock_levels').dropColumn('units_sold').execute();
}
