import { sql } from 'kysely';
import type { Tx } from '../../db/transaction';

/** The SQL of the shelf version (shelf-version.ts): what customers were last shown, and the best-seller ranks. */

/** Availability as customers see it (catalog/present.ts availabilityOf): 0 out of stock, 1 low, 2 in stock. */
const shownState = sql<number>`case when on_hand - reserved <= 0 then 0
  when on_hand - reserved <= (select p.low_stock_threshold from products p where p.id = stock_levels.product_id)
  then 1 else 2 end`;

/**
 * Sets these products' shown availability to what their counters give now, and answers how many changed. The
 * rows are locked by the caller's stock movement already; on MySQL the product rows read for the threshold are
 * read as committed now (a locking read inside an UPDATE), so an edit of the threshold is never missed.
 */
export async function syncShelfStates(tx: Tx, productIds: readonly string[]): Promise<number> {
  if (productIds.length === 0) return 0;
  const result = await tx
    .updateTable('stock_levels')
    .set({ shelf_state: shownState })
    .where('product_id', 'in', [...productIds].sort())
    .where(sql<boolean>`shelf_state <> ${shownState}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks a product's shown availability unknown (its threshold is changing): its next movement moves the version. */
export async function forgetShelfState(tx: Tx, productId: string): Promise<void> {
  await tx.updateTable('stock_levels').set({ shelf_state: -1 }).where('product_id', '=', productId).execute();
}

/** Copies units sold into the rank "Popular" sorts by; answers how many products moved. */
export async function rankBestSellers(tx: Tx): Promise<number> {
  const result = await tx
    .updateTable('stock_levels')
    .set({ sold_ranked: sql`units_sold` })
    .where(sql<boolean>`sold_ranked <> units_sold`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
