import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { orUpdate } from '../../db/dialect';
import type { BrandTable, CategoryTable, Database, ProductTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { productJoins, summaryColumns } from './listing-repo';
import type { ProductDetailRow } from './present';

/**
 * The SQL of the back-office catalog: products, their pictures and derived rows (attributes, search terms, stock
 * counters), categories and brands. The public listing's is in listing-repo.ts, a search's in search-repo.ts.
 */

// SQLite allows 32,766 bound values per statement, MySQL 65,535: stay well below both.
const MAX_VALUES_PER_INSERT = 6_000;

// Products

export async function findProductDetail(
  db: Db | Tx,
  idOrSlug: string,
  options: { includeInactive: boolean },
): Promise<ProductDetailRow | undefined> {
  const result =
    await sql<ProductDetailRow>`select ${summaryColumns}, p.barcode, p.description, p.description_km,
      p.serialized,
      p.active, p.preorder_allowed, p.preorder_expected_on, p.preorder_deposit_percent, p.created_at, p.updated_at
    from ${productJoins}
    where (p.id = ${idOrSlug} or p.slug = ${idOrSlug}) ${options.includeInactive ? sql`` : sql`and p.active = 1`}`.execute(
      db,
    );
  return result.rows[0];
}

/** Every distinct price of an active product, cheapest first. */
export async function findActivePrices(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('products')
    .select('price_cents')
    .distinct()
    .where('active', '=', 1)
    .orderBy('price_cents')
    .execute();
  return rows.map((row) => Number(row.price_cents));
}

export async function findProductRow(tx: Tx, id: string): Promise<ProductTable | undefined> {
  return tx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateProductRow(tx: Tx, { id, ...changes }: ProductTable): Promise<void> {
  await tx.updateTable('products').set(changes).where('id', '=', id).execute();
}

/** Slugs of products that start with `base` (LIKE: `base` is a slug, with no wildcard in it). */
export async function slugsStartingWith(tx: Tx, base: string): Promise<string[]> {
  const rows = await tx.selectFrom('products').select('slug').where('slug', 'like', `${base}%`).execute();
  return rows.map((r) => r.slug);
}

/** Up to `limit` whole product rows whose brand or category is one of `ids`, from `offset` in id order. */
export async function productRowsOf(
  tx: Tx,
  column: 'brand_id' | 'category_id',
  ids: string[],
  offset: number,
  limit: number,
): Promise<ProductTable[]> {
  return tx
    .selectFrom('products')
    .selectAll()
    .where(column, 'in', ids)
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

const INDEX_VERSION = 'search_index_version';

/** The version of productTerms the search index was written by; undefined before any was recorded. */
export async function findIndexVersion(db: Db | Tx): Promise<number | undefined> {
  const row = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', INDEX_VERSION)
    .executeTakeFirst();
  return row ? Number(row.value) : undefined;
}

/** Records the version of productTerms the whole index is now written by (one row of `counters`). */
export async function saveIndexVersion(tx: Tx, version: number): Promise<void> {
  await orUpdate(tx, tx.insertInto('counters').values({ name: INDEX_VERSION, value: version }), 'name', {
    value: version,
  }).execute();
}

/** Up to `limit` whole product rows after the id `after` (all of them, active or not), in id order. */
export async function productRowsAfter(db: Db | Tx, after: string, limit: number): Promise<ProductTable[]> {
  return db.selectFrom('products').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}

/**
 * Inserts rows of a table a product write derives, in as few statements as the dialects' limits on bound values
 * allow (thousands of products at once from the seeds).
 */
export async function insertInChunks<
  T extends
    | 'products'
    | 'stock_levels'
    | 'stock_movements'
    | 'serial_numbers'
    | 'product_attributes'
    | 'search_terms',
>(tx: Tx, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_VALUES_PER_INSERT / perRow));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot resolve a generic table name's columns; the rows are checked by this function's signature.
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/** Removes the attribute and search rows of these products, before they are written anew. */
export async function deleteIndexRows(tx: Tx, productIds: string[]): Promise<void> {
  await tx.deleteFrom('product_attributes').where('product_id', 'in', productIds).execute();
  await tx.deleteFrom('search_terms').where('product_id', 'in', productIds).execute();
}

// Pictures

/** A product's name and picture list (JSON), outside any transaction. */
export async function findProductPictures(db: Db, productId: string) {
  return db
    .selectFrom('products')
    .select(['name', 'images_json'])
    .where('id', '=', productId)
    .executeTakeFirst();
}

/**
 * Touches a product's `updated_at`, which locks its row until the transaction ends (MySQL); answers whether the
 * product exists.
 */
export async function lockProduct(tx: Tx, productId: string, now: number): Promise<boolean> {
  const locked = await tx
    .updateTable('products')
    .set({ updated_at: now })
    .where('id', '=', productId)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) === 1;
}

export async function findImagesJson(tx: Tx, productId: string): Promise<string> {
  const { images_json } = await tx
    .selectFrom('products')
    .select('images_json')
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
  return images_json;
}

export async function setImagesJson(tx: Tx, productId: string, imagesJson: string): Promise<void> {
  await tx.updateTable('products').set({ images_json: imagesJson }).where('id', '=', productId).execute();
}

// Categories and brands

export async function allCategories(db: Db): Promise<CategoryTable[]> {
  return db.selectFrom('categories').selectAll().orderBy('position').orderBy('slug').execute();
}

/** Every category with what a product's search terms and spec checks need of it. */
export async function categoriesForIndex(tx: Tx) {
  return tx.selectFrom('categories').select(['id', 'name', 'name_km', 'spec_kind', 'parent_id']).execute();
}

/** Every category's parent: the tree, for walking it. */
export async function categoryParents(tx: Tx) {
  return tx.selectFrom('categories').select(['id', 'parent_id']).execute();
}

export async function findCategoryRow(tx: Tx, id: string): Promise<CategoryTable | undefined> {
  return tx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCategoryRow(tx: Tx, row: CategoryTable): Promise<void> {
  await tx.insertInto('categories').values(row).execute();
}

export async function updateCategoryRow(tx: Tx, { id, ...changes }: CategoryTable): Promise<void> {
  await tx.updateTable('categories').set(changes).where('id', '=', id).execute();
}

/** Whether any product, active or not, belongs to the category itself (not counting sub-categories). */
export async function categoryHasProducts(tx: Tx, categoryId: string): Promise<boolean> {
  const used = await tx
    .selectFrom('products')
    .select('id')
    .where('category_id', '=', categoryId)
    .limit(1)
    .executeTakeFirst();
  return used !== undefined;
}

export async function allBrands(db: Db) {
  return db.selectFrom('brands').select(['id', 'slug', 'name']).orderBy('name').orderBy('id').execute();
}

export async function brandNamesOf(tx: Tx, ids: string[]) {
  return tx.selectFrom('brands').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function findBrandRow(tx: Tx, id: string): Promise<BrandTable | undefined> {
  return tx.selectFrom('brands').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBrandRow(tx: Tx, row: BrandTable): Promise<void> {
  await tx.insertInto('brands').values(row).execute();
}

export async function updateBrandRow(tx: Tx, { id, ...changes }: BrandTable): Promise<void> {
  await tx.updateTable('brands').set(changes).where('id', '=', id).execute();
}

/** What only admins see of a product: its cost price and reorder level. */
export function findProductCosts(db: Db, id: string) {
  return db
    .selectFrom('products')
    .select(['cost_cents', 'reorder_level'])
    .where('id', '=', id)
    .executeTakeFirst();
}
