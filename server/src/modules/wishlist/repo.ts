import type { Db } from '../../db/database';
import type { WishlistItemTable } from '../../db/schema';

/** The SQL of wishlists (service.ts): always one account's rows, by its id. */

/** The account's products with the catalog's price and stock now, newest first. */
export async function wishlistOf(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('wishlist_items as w')
    .innerJoin('products as p', 'p.id', 'w.product_id')
    .innerJoin('stock_levels as s', 's.product_id', 'p.id')
    .select([
      'w.product_id',
      'w.added_at',
      'p.slug',
      'p.name',
      'p.images_json',
      'p.price_cents',
      'p.compare_at_cents',
      'p.active',
      'p.low_stock_threshold',
      's.on_hand',
      's.reserved',
    ])
    .where('w.user_id', '=', userId)
    .orderBy('w.added_at', 'desc')
    .orderBy('w.product_id', 'desc')
    .limit(limit)
    .execute();
}

/** Which of these products the account keeps already. */
export async function listedProductIds(db: Db, userId: string, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  const rows = await db
    .selectFrom('wishlist_items')
    .select('product_id')
    .where('user_id', '=', userId)
    .where('product_id', 'in', productIds)
    .execute();
  return rows.map((row) => row.product_id);
}

export async function countWishlist(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('wishlist_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Of these products, the ones on sale now (ids only). */
export async function productsOnSale(db: Db, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('id', 'in', productIds)
    .where('active', '=', 1)
    .execute();
  return rows.map((row) => row.id);
}

export async function insertWishlistItems(db: Db, rows: readonly WishlistItemTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('wishlist_items')
    .values([...rows])
    .execute();
}

/** False when the product was not on the account's list. */
export async function deleteWishlistItem(db: Db, userId: string, productId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('wishlist_items')
    .where('user_id', '=', userId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
