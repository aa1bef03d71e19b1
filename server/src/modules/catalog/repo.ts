import { sql } from 'kysely';
import type { Brand, Category } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { specKindOf, type ProductDetailRow } from './present';
import { productJoins, summaryColumns } from './product-search';

export async function findCategories(db: Db): Promise<Category[]> {
  const [categories, counts] = await Promise.all([
    db.selectFrom('categories').selectAll().orderBy('position').orderBy('slug').execute(),
    db
      .selectFrom('products')
      .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('active', '=', 1)
      .groupBy('category_id')
      .execute(),
  ]);
  const direct = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
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

export async function findBrands(db: Db): Promise<Brand[]> {
  const rows = await db
    .selectFrom('brands as b')
    .leftJoin('products as p', (join) => join.onRef('p.brand_id', '=', 'b.id').on('p.active', '=', 1))
    .select(['b.id', 'b.slug', 'b.name', (eb) => eb.fn.count<number>('p.id').as('n')])
    .groupBy(['b.id', 'b.slug', 'b.name'])
    .orderBy('b.name')
    .execute();
  return rows.map((b) => ({ id: b.id, slug: b.slug, name: b.name, productCount: Number(b.n) }));
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
