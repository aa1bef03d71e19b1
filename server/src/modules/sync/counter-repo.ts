import type { Db } from '../../db/database';
import type { StockShortfallTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of what a pushed item names (staff, customers, products) and of the shortfalls a counter sale leaves. */

/** A user by id with their role and status: a counter item is done by active staff or admins only. */
export async function findUserForCounter(tx: Tx, id: string) {
  return (await findUsersForCounter(tx, [id]))[0];
}

/** Users by id (a pushed batch's staff and customers at once). */
export async function findUsersForCounter(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone', 'locale', 'role', 'status'])
    .where('id', 'in', ids)
    .execute();
}

/** What a sale line copies of its product, known or inactive alike: the counter sold it either way. */
export async function findProductsForSale(tx: Tx, productIds: string[]) {
  if (productIds.length === 0) return [];
  return tx
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'warranty_months', 'serialized', 'price_cents', 'category_id', 'brand_id'])
    .where('id', 'in', productIds)
    .execute();
}

export async function insertShortfalls(tx: Tx, rows: StockShortfallTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('stock_shortfalls').values(rows).execute();
}

/** Shortfalls (or one), oldest first, with their product, order, counter and whoever resolved them. */
export async function listShortfallRows(db: Db | Tx, filter: { id?: string; open?: boolean }) {
  return db
    .selectFrom('stock_shortfalls as f')
    .innerJoin('products as p', 'p.id', 'f.product_id')
    .innerJoin('orders as o', 'o.id', 'f.order_id')
    .leftJoin('devices as d', 'd.id', 'f.device_id')
    .leftJoin('users as u', 'u.id', 'f.resolved_by')
    .selectAll('f')
    .select(['p.name as product_name', 'p.sku', 'o.number as order_number', 'd.name as device_name'])
    .select('u.name as resolver_name')
    .$if(filter.id !== undefined, (q) => q.where('f.id', '=', filter.id!))
    .$if(filter.open === true, (q) => q.where('f.resolved_at', 'is', null))
    .orderBy('f.created_at')
    .orderBy('f.id')
    .limit(500)
    .execute();
}

/** Resolves a shortfall still open: false when it was resolved already (or is unknown). */
export async function resolveShortfallRow(
  tx: Tx,
  id: string,
  by: string,
  resolution: string,
  now: number,
): Promise<boolean> {
  const resolved = await tx
    .updateTable('stock_shortfalls')
    .set({ resolved_at: now, resolved_by: by, resolution })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(resolved.numUpdatedRows) === 1;
}
