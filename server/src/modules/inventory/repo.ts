import type { Db } from '../../db/database';
import type { SerialNumberTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of stock as the back office sees it: products' counters, recent movements and serial numbers. */

/** Whether a product exists and is tracked by serial number. */
export async function findStockedProduct(tx: Tx, productId: string) {
  return tx
    .selectFrom('products')
    .select(['id', 'serialized'])
    .where('id', '=', productId)
    .executeTakeFirst();
}

/** A product's counters with its low-stock threshold; undefined when there is no such product. */
export async function findStockLevel(db: Db, productId: string) {
  return db
    .selectFrom('stock_levels as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select(['s.on_hand', 's.reserved', 'p.low_stock_threshold'])
    .where('s.product_id', '=', productId)
    .executeTakeFirst();
}

/** A product's latest movements, newest first (ids are ULIDs: in order of creation). */
export async function recentMovements(db: Db, productId: string, limit: number) {
  return db
    .selectFrom('stock_movements')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A product's serial numbers by status, then serial. */
export async function serialsOf(db: Db, productId: string, limit: number) {
  return db
    .selectFrom('serial_numbers')
    .select(['serial', 'status'])
    .where('product_id', '=', productId)
    .orderBy('status')
    .orderBy('serial')
    .limit(limit)
    .execute();
}

export async function insertSerials(tx: Tx, rows: SerialNumberTable[]): Promise<void> {
  await tx.insertInto('serial_numbers').values(rows).execute();
}

/**
 * Moves those of `serials` that are in stock to `status`, in one statement; answers how many moved (the caller
 * compares with how many it named).
 */
export async function moveSerialsInStock(
  tx: Tx,
  productId: string,
  serials: string[],
  change: { status: string; reference: string; updatedAt: number },
): Promise<number> {
  const updated = await tx
    .updateTable('serial_numbers')
    .set({ status: change.status, reference: change.reference, updated_at: change.updatedAt })
    .where('product_id', '=', productId)
    .where('serial', 'in', serials)
    .where('status', '=', 'in_stock')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
