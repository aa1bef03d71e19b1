import { MysqlAdapter, sql, type RawBuilder, type SqlBool } from 'kysely';
import { specAttributes, type ProductList, type ProductListQuery, type ProductSummary } from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import {
  countsAndFacets,
  filtersKey,
  type CountSource,
  type Filters,
  type GroupStat,
  type SpecCount,
  type Taxonomy,
} from './facets';
import { specKindOf, toProductSummary, type ProductRow } from './present';
import { queryTokens } from './search-index';
import { searchPage, searchRows, searchSource } from './search-match';

export { parseSpecValue } from './facets';

/**
 * The public product listing: search, filters, sort, pagination and facet counts.
 *
 * A plain listing counts with SQL over covering indexes (migration 007); a search finds its matches once
 * (search-match.ts) and counts and sorts them in memory. Work that does not depend on the page or the sort (the
 * taxonomy, facet counts, a search's matches) goes through `memo`, which the HTTP layer keys by the change feed's
 * head: it is reused until the next catalog or stock write.
 */

/** Computes a value once per catalog version; the default computes every time. */
export interface CatalogMemo {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export const noMemo: CatalogMemo = { get: (_key, compute) => compute() };

/** A memo for one request only: shares what the request needs twice (the counts behind several facets). */
function requestMemo(): CatalogMemo {
  const values = new Map<string, Promise<unknown>>();
  return {
    get: <T>(key: string, compute: () => Promise<T>) => {
      let value = values.get(key) as Promise<T> | undefined;
      if (!value) {
        value = compute();
        values.set(key, value);
      }
      return value;
    },
  };
}

export const summaryColumns = sql`p.id, p.slug, p.sku, p.name, p.price_cents, p.compare_at_cents, p.warranty_months,
  p.specs_json, p.images_json, p.low_stock_threshold, p.brand_id, b.slug as brand_slug, b.name as brand_name,
  p.category_id, c.slug as category_slug, c.name as category_name, c.name_km as category_name_km, c.spec_kind,
  s.on_hand, s.reserved`;

export const productJoins = sql`products p
  join brands b on b.id = p.brand_id
  join categories c on c.id = p.category_id
  join stock_levels s on s.product_id = p.id`;

export async function listProducts(
  db: Db,
  query: ProductListQuery,
  memo: CatalogMemo = requestMemo(),
): Promise<ProductList> {
  const taxonomy = await loadTaxonomy(db, memo);
  const category = query.category ? taxonomy.categories.find((c) => c.slug === query.category) : undefined;
  if (query.category && !category) throw new NotFound(`There is no category "${query.category}"`);

  const filters: Filters = {
    categoryIds: category ? descendantsOf(category.id, taxonomy.categories) : null,
    brandIds: query.brand?.length ? brandIdsOf(query.brand, taxonomy) : null,
    minPrice: query.minPrice ?? null,
    maxPrice: query.maxPrice ?? null,
    inStock: query.inStock ?? false,
    specs: groupSpecFilters(query.spec ?? []),
  };
  const tokens = query.q ? queryTokens(query.q) : [];
  const sort = query.sort ?? (tokens.length ? 'relevance' : 'name');
  const offset = (query.page - 1) * query.pageSize;
  const facetAttributes = category
    ? specAttributes(specKindOf(category.spec_kind)).filter((a) => a.facet)
    : [];

  let source: CountSource;
  let items: Promise<ProductSummary[]>;
  if (tokens.length) {
    const rows = await searchRows(
      db,
      memo,
      tokens,
      filters,
      facetAttributes.map((a) => a.key),
    );
    source = searchSource(rows);
    items = productsById(db, searchPage(rows, filters, sort, offset, query.pageSize));
  } else {
    source = listingSource(db, memo);
    items = listingPage(db, filters, sort, offset, query.pageSize);
  }
  const facetsKey = `facets:${JSON.stringify(tokens)}:${category?.id ?? ''}:${filtersKey(filters)}`;
  const [page, counted] = await Promise.all([
    items,
    memo.get(facetsKey, () => countsAndFacets(source, filters, taxonomy, facetAttributes)),
  ]);
  return {
    items: page,
    total: counted.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: counted.facets,
  };
}

export function isMysql(db: Db): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}

/** Joins its right side in the order written: SQLite's CROSS JOIN and MySQL's STRAIGHT_JOIN both mean that. */
export function orderedJoin(db: Db): RawBuilder<unknown> {
  return isMysql(db) ? sql`straight_join` : sql`cross join`;
}

function loadTaxonomy(db: Db, memo: CatalogMemo): Promise<Taxonomy> {
  return memo.get('taxonomy', async () => {
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
  });
}

function brandIdsOf(slugs: string[], taxonomy: Taxonomy): string[] {
  const wanted = new Set(slugs);
  return taxonomy.brands.filter((b) => wanted.has(b.slug)).map((b) => b.id);
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

function listingPage(
  db: Db,
  filters: Filters,
  sort: NonNullable<ProductListQuery['sort']>,
  offset: number,
  limit: number,
): Promise<ProductSummary[]> {
  const order = sort === 'relevance' ? 'name' : sort;
  return sql<ProductRow>`select ${summaryColumns} from ${productJoins} where ${whereClause(filters)}
    order by ${orderBy(order)} limit ${limit} offset ${offset}`
    .execute(db)
    .then((result) => result.rows.map(toProductSummary));
}

function orderBy(sort: Exclude<NonNullable<ProductListQuery['sort']>, 'relevance'>): RawBuilder<unknown> {
  switch (sort) {
    case 'price_asc':
      return sql`p.price_cents, p.id`;
    case 'price_desc':
      return sql`p.price_cents desc, p.id`;
    case 'newest':
      return sql`p.created_at desc, p.id desc`;
    case 'name':
      return sql`p.name_sort, p.id`;
  }
}

/** Summaries of products in the order of `ids`. */
async function productsById(db: Db, ids: string[]): Promise<ProductSummary[]> {
  if (ids.length === 0) return [];
  const result = await sql<ProductRow>`select ${summaryColumns} from ${productJoins}
    where p.id in (${sql.join(ids)})`.execute(db);
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toProductSummary(row)] : [];
  });
}

/**
 * Counts of a plain listing, in SQL. Only the products table is read (with the stock row when in-stock matters):
 * brands and categories are labelled from the taxonomy afterwards, and every product has exactly one of each and
 * one stock row (foreign keys; products are only ever inserted with their stock row), so leaving out those joins
 * counts the same products.
 */
function listingSource(db: Db, memo: CatalogMemo): CountSource {
  return {
    groups: (filters, withAvailable) => {
      const onlyTaxonomy =
        filters.minPrice === null &&
        filters.maxPrice === null &&
        !filters.inStock &&
        filters.specs.size === 0;
      if (onlyTaxonomy) return catalogCube(db, memo).then((cube) => cubeSlice(cube, filters));
      return memo.get(`groups:${withAvailable}:${filtersKey(filters)}`, () =>
        groupStats(db, filters, withAvailable),
      );
    },
    specCounts: (filters, keys) =>
      memo.get(`specs:${JSON.stringify(keys)}:${filtersKey(filters)}`, () => specCounts(db, filters, keys)),
  };
}

/** Every active product counted per category and brand, with prices and stock: all a taxonomy filter needs. */
export function catalogCube(db: Db, memo: CatalogMemo): Promise<GroupStat[]> {
  return memo.get('cube', () => groupStats(db, { ...noFilters }, true));
}

const noFilters: Filters = {
  categoryIds: null,
  brandIds: null,
  minPrice: null,
  maxPrice: null,
  inStock: false,
  specs: new Map(),
};

function cubeSlice(cube: GroupStat[], filters: Filters): GroupStat[] {
  const categories = filters.categoryIds && new Set(filters.categoryIds);
  const brands = filters.brandIds && new Set(filters.brandIds);
  return cube.filter(
    (g) => (!categories || categories.has(g.categoryId)) && (!brands || brands.has(g.brandId)),
  );
}

async function groupStats(db: Db, filters: Filters, withAvailable: boolean): Promise<GroupStat[]> {
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
        from stock_levels s ${orderedJoin(db)} products p on p.id = s.product_id
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

async function specCounts(db: Db, filters: Filters, keys: string[]): Promise<SpecCount[]> {
  const stock = filters.inStock ? sql`join stock_levels s on s.product_id = p.id` : sql``;
  const result = await sql<{ attr_key: string; value: string; n: number }>`select a.attr_key, a.value,
      count(*) as n
    from products p join product_attributes a on a.product_id = p.id and a.attr_key in (${sql.join(keys)})
      ${stock}
    where ${whereClause(filters)} group by a.attr_key, a.value`.execute(db);
  return result.rows.map((row) => ({ key: row.attr_key, value: row.value, count: Number(row.n) }));
}

function groupSpecFilters(specs: string[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    const key = spec.slice(0, colon);
    grouped.set(key, [...(grouped.get(key) ?? []), spec.slice(colon + 1)]);
  }
  return grouped;
}

function descendantsOf(rootId: string, categories: { id: string; parent_id: string | null }[]): string[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) {
    for (const c of categories) if (c.parent_id === ids[i]) ids.push(c.id);
  }
  return ids;
}
