import type { StockShortfallTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of what a pushed item names (staff, customers, products) and of the shortfalls a counter sale leaves. */

/** A user by id with their role and status: a counter item is done by active staff or admins only. */
export async function findUserForCounter(tx: Tx, id: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone', 'locale', 'role', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What a sale line copies of its product, known or inactive alike: the counter sold it either way. */
export async function findProductsForSale(tx: Tx, productIds: string[]) {
  if (productIds.length === 0) return [];
  return tx
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'warranty_months', 'serialized'])
    .where('id', 'in', productIds)
    .execute();
}

export async function insertShortfalls(tx: Tx, rows: StockShortfallTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('stock_shortfalls').values(rows).execute();
}
