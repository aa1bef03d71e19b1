import { specAttributes, type ProductList, type ProductListQuery, type ProductSummary } from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import {
  countsAndFacets,
  filtersKey,
  type CountSource,
  type Filters,
  type GroupStat,
  type Taxonomy,
} from './facets';
import {
  bestSellerRows,
  findTaxonomy,
  groupStats,
  listingPageRows,
  noFilters,
  productRowsByIds,
  specCounts,
} from './listing-repo';
import { specKindOf, toProductSummary } from './present';
import { querySlots } from './query-normaliser';
import { searchPage, searchRows, searchSource } from './search-match';
import { searchSuggestions } from './search-suggestions';
import { loadSynonymIndex } from './search-synonyms';

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
  const slots = query.q ? querySlots(query.q, await loadSynonymIndex(db, memo)) : [];
  const sort = query.sort ?? defaultSort(slots.length > 0);
  const offset = (query.page - 1) * query.pageSize;
  const facetAttributes = category
    ? specAttributes(specKindOf(category.spec_kind)).filter((a) => a.facet)
    : [];

  let source: CountSource;
  let items: Promise<ProductSummary[]>;
  let suggestions: Promise<ProductList['suggestions']> = Promise.resolve(undefined);
  let partial = false;
  if (slots.length) {
    const rows = await searchRows(
      db,
      memo,
      slots,
      filters,
      facetAttributes.map((a) => a.key),
    );
    source = searchSource(rows);
    partial = rows.partial;
    items = productsById(db, searchPage(rows, filters, sort, offset, query.pageSize));
    // Nothing matches the words at all (not merely under these filters): say what comes nearest.
    if (rows.rows.length === 0)
      suggestions = memo.get(`suggest:${JSON.stringify(slots)}`, () =>
        searchSuggestions(db, slots, {
          byIds: (ids) => productsById(db, ids),
          popular: (limit) => bestSellerRows(db, limit).then((rows) => rows.map(toProductSummary)),
        }),
      );
  } else {
    source = listingSource(db, memo);
    items = listingPage(db, filters, sort, offset, query.pageSize);
  }
  const facetsKey = `facets:${JSON.stringify(slots)}:${category?.id ?? ''}:${filtersKey(filters)}`;
  const [page, counted, suggested] = await Promise.all([
    items,
    memo.get(facetsKey, () => countsAndFacets(source, filters, taxonomy, facetAttributes)),
    suggestions,
  ]);
  return {
    items: page,
    total: counted.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: counted.facets,
    ...(suggested && { suggestions: suggested }),
    ...(partial && { partial: true as const }),
  };
}

/** A search lists the best match first; a category or the whole catalog, what sells most. */
export function defaultSort(searching: boolean): NonNullable<ProductListQuery['sort']> {
  return searching ? 'relevance' : 'popular';
}

function loadTaxonomy(db: Db, memo: CatalogMemo): Promise<Taxonomy> {
  return memo.get('taxonomy', () => findTaxonomy(db));
}

function brandIdsOf(slugs: string[], taxonomy: Taxonomy): string[] {
  const wanted = new Set(slugs);
  return taxonomy.brands.filter((b) => wanted.has(b.slug)).map((b) => b.id);
}

function listingPage(
  db: Db,
  filters: Filters,
  sort: NonNullable<ProductListQuery['sort']>,
  offset: number,
  limit: number,
): Promise<ProductSummary[]> {
  const order = sort === 'relevance' ? 'name' : sort;
  // The whole catalog's first pages by popularity (its default listing, and what "!!!" lists) from the top of the
  // sold index, not by ordering every product.
  const rows =
    order === 'popular' &&
    filtersKey(filters) === filtersKey(noFilters) &&
    offset + limit <= BEST_SELLERS_READ
      ? bestSellerRows(db, offset + limit).then((best) => best.slice(offset))
      : listingPageRows(db, filters, order, offset, limit);
  return rows.then((page) => page.map(toProductSummary));
}

/** Up to this many best sellers (a page's end) are read from the sold index. */
const BEST_SELLERS_READ = 1_000;

/** Summaries of products in the order of `ids`. */
async function productsById(db: Db, ids: string[]): Promise<ProductSummary[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await productRowsByIds(db, ids)).map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toProductSummary(row)] : [];
  });
}

/**
 * Counts of a plain listing, in SQL (listing-repo.ts). Only the products table is read (with the stock row when
 * in-stock matters): brands and categories are labelled from the taxonomy afterwards, and every product has
 * exactly one of each and one stock row (foreign keys; products are only ever inserted with their stock row), so
 * leaving out those joins counts the same products.
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

function cubeSlice(cube: GroupStat[], filters: Filters): GroupStat[] {
  const categories = filters.categoryIds && new Set(filters.categoryIds);
  const brands = filters.brandIds && new Set(filters.brandIds);
  return cube.filter(
    (g) => (!categories || categories.has(g.categoryId)) && (!brands || brands.has(g.brandId)),
  );
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
