import { sql } from 'kysely';
import type { Brand, Category } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { specKindOf, type ProductDetailRow } from './present';
import { catalogCube, noMemo, productJoins, summaryColumns, type CatalogMemo } from './product-search';

/** Active products per category or brand, from the counts the listing keeps per catalog version. */
async function activeCounts(
  db: Db,
  memo: CatalogMemo,
  keyOf: (group: { categoryId: string; brandId: string }) => string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const group of await catalogCube(db, memo)) {
    counts.set(keyOf(group), (counts.get(keyOf(group)) ?? 0) + group.count);
  }
  return counts;
}

export async function findCategories(db: Db, memo: CatalogMemo = noMemo): Promise<Category[]> {
  const [categories, direct] = await Promise.all([
    db.selectFrom('categories').selectAll().orderBy('position').orderBy('slug').execute(),
    activeCounts(db, memo, (group) => group.categoryId),
  ]);
  // A parent's count includes its sub-categories, as its listing does.
  const total = (id: string): number =>
    (direct.get(id) ?? 0) + categories.filter((c) => c.parent_id === id).reduce((n, c) => n + total(c.id), 0);
  return categories.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    nameKm: c.name_km,
    parentId: c.parent_id,
    specKind: specKindOf(c.spec_kind),
    position: Number(c.position),
    productCount: total(c.id),
  }));
}

export async function findBrands(db: Db, memo: CatalogMemo = noMemo): Promise<Brand[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('brands').select(['id', 'slug', 'name']).orderBy('name').orderBy('id').execute(),
    activeCounts(db, memo, (group) => group.brandId),
  ]);
  return rows.map((b) => ({ id: b.id, slug: b.slug, name: b.name, productCount: counts.get(b.id) ?? 0 }));
}

export async function findProductDetail(
  db: Db | Tx,
  idOrSlug: string,
  options: { includeInactive: boolean },
): Promise<ProductDetailRow | undefined> {
  const result = await sql<ProductDetailRow>`select ${summaryColumns}, p.barcode, p.description, p.serialized,
      p.active, p.created_at, p.updated_at
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
