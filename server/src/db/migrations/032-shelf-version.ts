import { sql } from 'kysely';
import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 16, cached answers that survive sales (docs/decisions/0010-answers-that-survive-sales.md):
 * - `stock_levels.shelf_state`: the availability a customer was last shown for the product (0 out of stock, 1 low,
 *   2 in stock; -1 unknown), so a stock movement can tell, in its own transaction, whether it changed what the
 *   public catalog shows;
 * - `stock_levels.sold_ranked`: units sold as "Popular" ranks them, copied from `units_sold` by the best-sellers job,
 *   so a sale does not reorder every cached listing;
 * - the `catalog_answers` counter: the version public catalog answers are cached under, moved by catalog edits,
 *   by shown availability changing and by the best-sellers job.
 * Re-runnable: addColumn skips what exists, the fills recompute the same values, the counter is added once.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'stock_levels', 'shelf_state', 'integer', (c) => c.notNull().defaultTo(-1));
  await addColumn(db, 'stock_levels', 'sold_ranked', 'integer', (c) => c.notNull().defaultTo(0));
  await sql`update stock_levels set sold_ranked = units_sold,
    shelf_state = case when on_hand - reserved <= 0 then 0
      when on_hand - reserved <= (select p.low_stock_threshold from products p where p.id = stock_levels.product_id)
      then 1 else 2 end`.execute(db);
  const counter = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', 'catalog_answers')
    .executeTakeFirst();
  if (!counter) await db.insertInto('counters').values({ name: 'catalog_answers', value: 1 }).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('counters').where('name', '=', 'catalog_answers').execute();
  await db.schema.alterTable('stock_levels').dropColumn('sold_ranked').execute();
  await db.schema.alterTable('stock_levels').dropColumn('shelf_state').execute();
}
