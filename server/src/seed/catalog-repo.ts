import type { Db } from '../db/database';
import type { BrandTable, CategoryTable } from '../db/schema';
import type { Tx } from '../db/transaction';

/** The SQL of the seeds: whether a catalog exists yet, and categories and brands written and read back by slug. */

export async function hasAnyCategory(db: Db): Promise<boolean> {
  const row = await db.selectFrom('categories').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function insertCategory(tx: Tx, row: CategoryTable): Promise<void> {
  await tx.insertInto('categories').values(row).execute();
}

export async function insertBrand(tx: Tx, row: BrandTable): Promise<void> {
  await tx.insertInto('brands').values(row).execute();
}

export async function countProducts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCategories(db: Db) {
  return db
    .selectFrom('categories')
    .select(['id', 'slug', 'name', 'name_km', 'parent_id', 'spec_kind'])
    .execute();
}

export async function listBrands(db: Db) {
  return db.selectFrom('brands').select(['id', 'slug', 'name']).execute();
}
