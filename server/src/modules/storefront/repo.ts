import type { Db } from '../../db/database';

/** The SQL of the pages search engines read: what the sitemap lists and what a category page's head says. */

export interface SitemapRow {
  slug: string;
  updated_at: number;
}

/** How many products are for sale, and when the newest change to one of them was made (epoch ms, 0 if none). */
export async function activeProductsSummary(db: Db): Promise<{ count: number; newest: number }> {
  const row = await db
    .selectFrom('products')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('updated_at').as('newest')])
    .where('active', '=', 1)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), newest: Number(row?.newest ?? 0) };
}

/** Up to `limit` active products from `offset`, in id order (stable, so the sitemap's files do not overlap). */
export async function activeProductsFrom(db: Db, offset: number, limit: number): Promise<SitemapRow[]> {
  return db
    .selectFrom('products')
    .select(['slug', 'updated_at'])
    .where('active', '=', 1)
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function allCategorySlugs(db: Db): Promise<SitemapRow[]> {
  return db
    .selectFrom('categories')
    .select(['slug', 'updated_at'])
    .orderBy('position')
    .orderBy('slug')
    .execute();
}

export async function findCategoryBySlug(
  db: Db,
  slug: string,
): Promise<{ slug: string; name: string; name_km: string } | undefined> {
  return db
    .selectFrom('categories')
    .select(['slug', 'name', 'name_km'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}
