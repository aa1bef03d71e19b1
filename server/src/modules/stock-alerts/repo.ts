import type { Db } from '../../db/database';
import type { StockAlertTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of back-in-stock alerts (service.ts). */
export async function findSellableProduct(db: Db, productId: string) {
  return db
    .selectFrom('products')
    .select(['id', 'slug'])
    .where('id', '=', productId)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export async function insertStockAlert(db: Db, row: StockAlertTable): Promise<void> {
  await db.insertInto('stock_alerts').values(row).execute();
}

/** The alerts still waiting for a product, oldest first, with its name as the catalog says it now. */
export async function waitingAlertsOf(tx: Tx, productId: string, limit: number) {
  return tx
    .selectFrom('stock_alerts as a')
    .innerJoin('products as p', 'p.id', 'a.product_id')
    .select(['a.id', 'a.email', 'a.locale', 'a.product_url', 'p.name'])
    .where('a.product_id', '=', productId)
    .where('a.mailed_at', 'is', null)
    .orderBy('a.created_at')
    .limit(limit)
    .execute();
}

/** Marks an alert mailed; false when another receipt mailed it first. */
export async function markAlertMailed(tx: Tx, id: string, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('stock_alerts')
    .set({ mailed_at: now, open_key: null })
    .where('id', '=', id)
    .where('mailed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
