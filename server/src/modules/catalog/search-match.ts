import type { ProductListQuery } from '@shop/shared';
import type { Db } from '../../db/database';
import { compareText, type CountSource, type Filters, type GroupStat, type SpecCount } from './facets';
import type { CatalogMemo } from './product-search';
import { matchRows, prefixRows, probeScores, rangeScores } from './search-repo';

/**
 * A search's matches, found once per request (and kept per catalog version by the memo): the scores of the
 * matching products, then one row per active match with what filters, facets and sorting need. Counting, sorting
 * and paging then happen in memory, where the SQL listing ran the prefix scans again in each of its statements.
 *
 * Scores are those of docs/decisions/0001-own-search-index.md: per token the best weight among the terms it
 * matches by prefix (doubled for an exact term, a SKU prefix counting as a name word), summed over tokens, and
 * every token must match.
 */

/** A token this short matches by prefix a large part of the index ("s", "7", "i7")… */
const SHORT_TOKEN = 2;
/** …so once other tokens narrowed the candidates to at most this many, it is checked on them only… */
const PROBE_MAX_CANDIDATES = 20_000;
/** …when its prefix holds more index rows than this many per candidate. */
const PROBE_RATIO = 8;

export interface SearchRow {
  id: string;
  score: number;
  categoryId: string;
  brandId: string;
  price: number;
  available: number;
  nameSort: string;
  createdAt: number;
  /** Values of the facet attribute keys (`SearchRows.valueKeys`), null where the product has none. */
  values: (string | null)[];
  /** Whether the product passes each spec filter (`SearchRows.flagKeys`). */
  flags: boolean[];
}

export interface SearchRows {
  rows: SearchRow[];
  valueKeys: string[];
  flagKeys: string[];
}

/** The active products matching every token, with their scores and what the listing needs of them. */
export async function searchRows(
  db: Db,
  memo: CatalogMemo,
  tokens: string[],
  filters: Filters,
  valueKeys: string[],
): Promise<SearchRows> {
  const specs = [...filters.specs].map(([key, values]) => [key, [...new Set(values)].sort()] as const);
  return memo.get(`search:${JSON.stringify([tokens, valueKeys, specs])}`, async () => {
    const scores = await memo.get(`match:${JSON.stringify(tokens)}`, () => matchScores(db, tokens));
    return {
      rows: await matchRows(db, scores, valueKeys, specs),
      valueKeys,
      flagKeys: specs.map(([key]) => key),
    };
  });
}

/**
 * Product id → score of the products matching every token. Tokens of three or more characters are matched first
 * by a range scan of the index each; a short token then, when its prefix is large compared with the candidates
 * left, is looked up on those candidates only (the index by product and term), which caps its work.
 */
export async function matchScores(db: Db, tokens: string[]): Promise<Map<string, number>> {
  const ordered = [...tokens].sort((a, b) => Number(isShort(a)) - Number(isShort(b)));
  let matches: Map<string, number> | null = null;
  for (const token of ordered) {
    let scores: Map<string, number>;
    if (matches && isShort(token) && matches.size <= PROBE_MAX_CANDIDATES) {
      const limit = matches.size * PROBE_RATIO;
      scores =
        (await prefixRows(db, token, limit + 1)) > limit
          ? await probeScores(db, token, [...matches.keys()])
          : await rangeScores(db, token);
    } else {
      scores = await rangeScores(db, token);
    }
    if (matches === null) {
      matches = scores;
    } else {
      const both = new Map<string, number>();
      for (const [id, score] of matches) {
        const more = scores.get(id);
        if (more !== undefined) both.set(id, score + more);
      }
      matches = both;
    }
    if (matches.size === 0) break;
  }
  return matches ?? new Map();
}

function isShort(token: string): boolean {
  return [...token].length <= SHORT_TOKEN;
}

/** A test of rows against filters: `filters` is the request's filters or those with one facet's filter left out. */
function passing(rows: SearchRows, filters: Filters): (row: SearchRow) => boolean {
  const categories = filters.categoryIds && new Set(filters.categoryIds);
  const brands = filters.brandIds && new Set(filters.brandIds);
  const flags = [...filters.specs.keys()].map((key) => rows.flagKeys.indexOf(key));
  return (row) =>
    (!categories || categories.has(row.categoryId)) &&
    (!brands || brands.has(row.brandId)) &&
    (filters.minPrice === null || row.price >= filters.minPrice) &&
    (filters.maxPrice === null || row.price <= filters.maxPrice) &&
    (!filters.inStock || row.available > 0) &&
    flags.every((i) => row.flags[i] === true);
}

/** Counts over a search's rows, for the same facet assembly as the SQL listing. */
export function searchSource(rows: SearchRows): CountSource {
  return {
    groups: async (filters) => {
      const test = passing(rows, filters);
      const groups = new Map<string, GroupStat>();
      for (const row of rows.rows) {
        if (!test(row)) continue;
        const key = `${row.categoryId}\u0000${row.brandId}`;
        let group = groups.get(key);
        if (!group) {
          group = {
            categoryId: row.categoryId,
            brandId: row.brandId,
            count: 0,
            minPrice: null,
            maxPrice: null,
            available: 0,
          };
          groups.set(key, group);
        }
        group.count++;
        if (row.available > 0) group.available++;
        if (group.minPrice === null || row.price < group.minPrice) group.minPrice = row.price;
        if (group.maxPrice === null || row.price > group.maxPrice) group.maxPrice = row.price;
      }
      return [...groups.values()];
    },
    specCounts: async (filters, keys) => {
      const test = passing(rows, filters);
      const counts: SpecCount[] = [];
      for (const key of keys) {
        const k = rows.valueKeys.indexOf(key);
        const byValue = new Map<string, number>();
        for (const row of rows.rows) {
          const value = row.values[k];
          if (value === null || value === undefined || !test(row)) continue;
          byValue.set(value, (byValue.get(value) ?? 0) + 1);
        }
        for (const [value, count] of byValue) counts.push({ key, value, count });
      }
      return counts;
    },
  };
}

/** The ids of one page of a search's matches that pass the filters, in the order the listing's SQL gave. */
export function searchPage(
  rows: SearchRows,
  filters: Filters,
  sort: NonNullable<ProductListQuery['sort']>,
  offset: number,
  limit: number,
): string[] {
  const test = passing(rows, filters);
  const compare = comparator(sort);
  const wanted = offset + limit;
  if (wanted > TOP_MAX) {
    return rows.rows
      .filter(test)
      .sort(compare)
      .slice(offset, wanted)
      .map((row) => row.id);
  }
  // The first pages need only the best `wanted` rows: one pass keeping them in order, where most rows lose their
  // single comparison with the last one kept, instead of sorting every match.
  const top: SearchRow[] = [];
  for (const row of rows.rows) {
    if (!test(row)) continue;
    if (top.length === wanted && compare(row, top[wanted - 1]!) >= 0) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(top[middle]!, row) <= 0) low = middle + 1;
      else high = middle;
    }
    top.splice(low, 0, row);
    if (top.length > wanted) top.pop();
  }
  return top.slice(offset, wanted).map((row) => row.id);
}

/** Up to this many rows (page end), a page is selected in one pass; beyond, by sorting every match. */
const TOP_MAX = 2_000;

// Ids are ULIDs (digits and upper-case letters): the same order in every collation.
const byId = (a: SearchRow, b: SearchRow) => compareText(a.id, b.id);

function comparator(sort: NonNullable<ProductListQuery['sort']>): (a: SearchRow, b: SearchRow) => number {
  switch (sort) {
    case 'relevance':
      return (a, b) => b.score - a.score || compareText(a.nameSort, b.nameSort) || byId(a, b);
    case 'price_asc':
      return (a, b) => a.price - b.price || byId(a, b);
    case 'price_desc':
      return (a, b) => b.price - a.price || byId(a, b);
    case 'newest':
      return (a, b) => b.createdAt - a.createdAt || byId(b, a);
    case 'name':
      return (a, b) => compareText(a.nameSort, b.nameSort) || byId(a, b);
  }
}
