import type { Db } from '../../db/database';

/**
 * The SQL behind a page of the change feed: one query per entity kind in the page, by id (`where id in (…)`), so a
 * page of 1,000 changes costs a handful of queries, never one per change. Each answers the rows as they are now.
 */

/** Products with their stock counters (a product without a stock row has none on hand). */
export function productsByIds(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('products as p')
    .leftJoin('stock_levels as s', 's.product_id', 'p.id')
    .select([
      'p.id',
      'p.sku',
      'p.barcode',
      'p.name',
      'p.category_id',
      'p.brand_id',
      'p.price_cents',
      'p.compare_at_cents',
      'p.serialized',
      'p.warranty_months',
      'p.active',
      'p.images_json',
      's.on_hand',
      's.reserved',
    ])
    .where('p.id', 'in', ids)
    .execute();
}

export function stockByProductIds(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('stock_levels')
    .select(['product_id', 'on_hand', 'reserved'])
    .where('product_id', 'in', ids)
    .execute();
}

export function categoriesByIds(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('categories')
    .select(['id', 'name', 'name_km', 'parent_id'])
    .where('id', 'in', ids)
    .execute();
}

export function brandsByIds(db: Db, ids: readonly string[]) {
  return db.selectFrom('brands').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Accounts as counters see them: customers to sell to, staff to sign in. Never a password hash. */
export function usersByIds(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone', 'role', 'status', 'pin_verifier'])
    .where('id', 'in', ids)
    .execute();
}
