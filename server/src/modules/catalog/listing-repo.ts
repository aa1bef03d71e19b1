import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ProductListQuery } from '@shop/shared';
import type { Db } from '../../db/database';
import { joinInOrder } from '../../db/dialect';
import type { Filters, GroupStat, SpecCount, Taxonomy } from './facets';
import type { ProductRow } from './present';

/**
 * The SQL of the public product listing (product-search.ts): pages of products under filters, and counts per
 * category and brand or per attribute value for the facets. Plain listings count over covering indexes
 * (migration 007).
 */

export const summaryColumns = sql`p.id, p.slug, p.sku, p.name, p.price_cents, p.compare_at_cents, p.warranty_months,
  p.specs_json, p.images_json, p.low_stock_threshold, p.brand_id, b.slug as brand_slug, b.name as brand_name,
  p.category_id, c.slug as category_slug, c.name as category_name, c.name_km as category_name_km, c.spec_kind,
  s.on_hand, s.reserved`;

export const productJoins = sql`products p
  join brands b on b.id = p.brand_id
  join categories c on c.id = p.category_id
  join stock_levels s on s.product_id = p.id`;

export type ListingSort = Exclude<NonNullable<ProductListQuery['sort']>, 'relevance'>;

/** Every category and brand with what the listing resolves filters and labels facets with. */
export async function findTaxonomy(db: Db): Promise<Taxonomy> {
  const [categories, brands] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'slug', 'name', 'parent_id', 'spec_kind', 'position'])
      .execute(),
    db.selectFrom('brands').select(['id', 'slug', 'name']).execute(),
  ]);
  return {
    categories: categories.map((c) => ({ ...c, position: Number(c.position) })),
    brands,
  };
}

/** The products table's conditions for filters (`s`, the stock row, is joined when `inStock` is set). */
export function whereClause(f: Filters): RawBuilder<SqlBool> {
  const conditions: RawBuilder<unknown>[] = [sql`p.active = 1`];
  if (f.categoryIds) conditions.push(sql`p.category_id in (${sql.join(f.categoryIds)})`);
  if (f.brandIds)
    conditions.push(f.brandIds.length ? sql`p.brand_id in (${sql.join(f.brandIds)})` : sql`1 = 0`);
  if (f.minPrice !== null) conditions.push(sql`p.price_cents >= ${f.minPrice}`);
  if (f.maxPrice !== null) conditions.push(sql`p.price_cents <= ${f.maxPrice}`);
  if (f.inStock) conditions.push(sql`s.on_hand - s.reserved > 0`);
  for (const [key, values] of f.specs) {
    conditions.push(sql`p.id in (select product_id from product_attributes
      where attr_key = ${key} and value in (${sql.join(values)}))`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** One page of the products passing `filters`, in `sort` order. */
export async function listingPageRows(
  db: Db,
  filters: Filters,
  sort: ListingSort,
  offset: number,
  limit: number,
): Promise<ProductRow[]> {
  const result = await sql<ProductRow>`select ${summaryColumns} from ${productJoins}
    where ${whereClause(filters)} order by ${orderBy(sort)} limit ${limit} offset ${offset}`.execute(db);
  return result.rows;
}

function orderBy(sort: ListingSort): RawBuilder<unknown> {
  switch (sort) {
    case 'price_asc':
      return sql`p.price_cents, p.id`;
    case 'price_desc':
      return sql`p.price_cents desc, p.id`;
    case 'newest':
      return sql`p.created_at desc, p.id desc`;
    case 'name':
      return sql`p.name_sort, p.id`;
    // Best sellers first (as last ranked: sync/shelf-version.ts); among products not sold yet, those the shop can
    // sell now.
    case 'popular':
      return sql`s.sold_ranked desc, case when s.on_hand - s.reserved > 0 then 0 else 1 end, p.name_sort, p.id`;
  }
}

/** The summary rows of these products, in no particular order. */
export async function productRowsByIds(db: Db, ids: string[]): Promise<ProductRow[]> {
  const result = await sql<ProductRow>`select ${summaryColumns} from ${productJoins}
    where p.id in (${sql.join(ids)})`.execute(db);
  return result.rows;
}

/**
 * The products passing `filters`, counted per category and brand with their price range and, with `withAvailable`,
 * how many of them have stock.
 */
export async function groupStats(db: Db, filters: Filters, withAvailable: boolean): Promise<GroupStat[]> {
  const where = whereClause(filters);
  const stock = filters.inStock ? sql`join stock_levels s on s.product_id = p.id` : sql``;
  const [all, unavailable] = await Promise.all([
    sql<{
      category_id: string;
      brand_id: string;
      n: number;
      min_price: number | null;
      max_price: number | null;
    }>`select p.category_id, p.brand_id, count(*) as n, min(p.price_cents) as min_price,
        max(p.price_cents) as max_price
      from products p ${stock} where ${where} group by p.category_id, p.brand_id`.execute(db),
    // Counting the products without stock reads far fewer rows than joining every product's stock row: the stock
    // table is scanned (small rows) and only the products without stock are looked up.
    withAvailable && !filters.inStock
      ? sql<{ category_id: string; brand_id: string; n: number }>`select p.category_id, p.brand_id,
          count(*) as n
        from stock_levels s ${joinInOrder(db)} products p on p.id = s.product_id
        where s.on_hand - s.reserved <= 0 and ${where} group by p.category_id, p.brand_id`.execute(db)
      : null,
  ]);
  const missing = new Map(
    (unavailable?.rows ?? []).map((row) => [`${row.category_id}\u0000${row.brand_id}`, Number(row.n)]),
  );
  return all.rows.map((row) => ({
    categoryId: row.category_id,
    brandId: row.brand_id,
    count: Number(row.n),
    minPrice: row.min_price === null ? null : Number(row.min_price),
    maxPrice: row.max_price === null ? null : Number(row.max_price),
    available: Number(row.n) - (missing.get(`${row.category_id}\u0000${row.brand_id}`) ?? 0),
  }));
}

/** The products passing `filters`, counted per value of each attribute key in `keys`. */
export async function specCounts(db: Db, filters: Filters, keys: string[]): Promise<SpecCount[]> {
  const stock = filters.inStock ? sql`join stock_levels s on s.product_id = p.id` : sql``;
  const result = await sql<{ attr_key: string; value: string; n: number }>`select a.attr_key, a.value,
      count(*) as n
    from products p join product_attributes a on a.product_id = p.id and a.attr_key in (${sql.join(keys)})
      ${stock}
    where ${whereClause(filters)} group by a.attr_key, a.value`.execute(db);
  return result.rows.map((row) => ({ key: row.attr_key, value: row.value, count: Number(row.n) }));
}

/** Products sharing one `sold_ranked` value up to which they are ordered in SQL; more are walked by name. */
const FEW_TIED = 1000;

/**
 * The first `limit` active products in the `popular` order (what `listingPageRows` gives with no filters), read
 * from the top of the sold index (migration 035) instead of ordering the whole catalog: the products sold more than
 * the `limit`-th best seller, then those tied with it, in stock first, by name. A tie shared by many products (in
 * a new shop every product has sold 0) is walked along the name index (`+ 0` keeps the sold index out of that
 * plan) and stops at the page's end.
 */
export async function bestSellerRows(db: Db, limit: number): Promise<ProductRow[]> {
  const everything = () => listingPageRows(db, noFilters, 'popular', 0, limit);
  const threshold = await sql<{ sold: number }>`select sold_ranked as sold from stock_levels
    order by sold_ranked desc limit 1 offset ${limit - 1}`.execute(db);
  if (threshold.rows.length === 0) return everything();
  const sold = Number(threshold.rows[0]!.sold);
  // Fewer than `limit` stock rows sold more: their ids from the index, then their rows (a planner left alone may
  // start from the products table and sort all of it).
  const aboveIds = await sql<{ id: string }>`select product_id as id from stock_levels
    where sold_ranked > ${sold}`.execute(db);
  const rows: ProductRow[] = [];
  if (aboveIds.rows.length > 0) {
    const above = await sql<ProductRow>`select ${summaryColumns} from ${productJoins}
      where p.active = 1 and p.id in (${sql.join(aboveIds.rows.map((row) => row.id))})
      order by ${orderBy('popular')}`.execute(db);
    rows.push(...above.rows);
  }
  const tied = await sql<{ n: number }>`select count(*) as n from
    (select 1 as one from stock_levels where sold_ranked = ${sold} limit ${FEW_TIED}) t`.execute(db);
  const few = Number(tied.rows[0]?.n ?? 0) < FEW_TIED;
  for (const inStock of [true, false]) {
    if (rows.length >= limit) break;
    const stock = inStock ? sql`s.on_hand - s.reserved > 0` : sql`s.on_hand - s.reserved <= 0`;
    const soldIs = few ? sql`s.sold_ranked = ${sold}` : sql`s.sold_ranked + 0 = ${sold}`;
    const more = await sql<ProductRow>`select ${summaryColumns} from ${productJoins}
      where p.active = 1 and ${soldIs} and ${stock} order by p.name_sort, p.id limit ${limit - rows.length}`.execute(
      db,
    );
    rows.push(...more.rows);
  }
  // Inactive products among the best sellers left the page short: the plain order answers (a rare, small case).
  return rows.length >= limit ? rows.slice(0, limit) : everything();
}

/** A listing with no filter: the whole active catalog. */
export const noFilters: Filters = {
  categoryIds: null,
  brandIds: null,
  minPrice: null,
  maxPrice: null,
  inStock: false,
  specs: new Map(),
};
