import type { ProductListQuery } from '@shop/shared';
import type { Db } from '../../db/database';
import {
  AnswerCache,
  coalescedReader,
  VersionedCache,
  type PreparedAnswer,
  type SerializedJson,
} from '../../http/answer-cache';
import { heapBytes, stringBytes } from '../../http/heap-size';
import { catalogAnswersVersionReader } from '../sync/shelf-version';
import { defaultSort, type CatalogMemo } from './product-search';
import { findActivePrices } from './repo';
import { noSynonyms, querySlots, slotsKey, type SynonymIndex } from './query-normaliser';
import { loadSynonymIndex } from './search-synonyms';

/**
 * The public catalog's caches, valid while the catalog answers version (sync/shelf-version.ts) is unchanged. Every
 * catalog write (products, pictures, categories, brands, settings) moves it in its own transaction, in this process
 * or any other on the same database, and so does a stock movement that changes what customers are shown (a product
 * selling out, turning low or coming back) and the best-sellers job; a sale that leaves a product as it was shown
 * does not, so answers survive a day of sales. Each request reads the version once (one point select, shared by
 * the requests that arrive while it runs, never older than the request) and is answered from memory when nothing
 * changed since the answer was made.
 *
 * - answers: the serialized JSON of whole answers (with ETag and gzip copy), per route and normalized query;
 * - memo: what answers are made of and does not depend on the page or the sort: the taxonomy, facet counts per
 *   filter set, a search's matches.
 *
 * Both are bounded by what their entries really hold (buffers with their backing stores, objects measured by
 * http/heap-size.ts, keys, bookkeeping), and listing keys are normalized so that junk variants of a query (a price
 * bound moved by one cent between two products' prices) share the entry of the query they are equal to.
 */
export interface CatalogCacheOptions {
  /** Memory for whole answers (default 64 MiB). */
  answerBytes?: number;
  /** Memory for facet counts and search matches (default 64 MiB). */
  memoBytes?: number;
  /** Memory for the listing keys of raw query strings (default 4 MiB). */
  keyBytes?: number;
}

export interface CatalogCache {
  answer(key: string, produce: (memo: CatalogMemo) => Promise<unknown>): Promise<PreparedAnswer>;
  /** A product listing, produced for the query in its normal form (same answer, one cache entry). */
  listing(
    query: ProductListQuery,
    produce: (query: ProductListQuery, memo: CatalogMemo) => Promise<unknown>,
  ): Promise<PreparedAnswer>;
  /**
   * The serialized answer kept for a listing (`query` as its route parsed it) or for another key, at the current
   * version, without making one: what the fast path sends (fast-lookup.ts); undefined when nothing is kept.
   */
  keptListing(query: ProductListQuery): Promise<SerializedJson | undefined>;
  /**
   * keptListing for a request's raw query string, remembering which key it comes to at this version, so a
   * repeated request skips parsing and normalizing (`parse`: the route's query schema; undefined if refused).
   */
  keptListingOf(
    rawQuery: string,
    parse: () => ProductListQuery | undefined,
  ): Promise<SerializedJson | undefined>;
  kept(key: string): Promise<SerializedJson | undefined>;
  readonly answers: AnswerCache;
  readonly memo: VersionedCache<unknown>;
}

const MIB = 1024 * 1024;

export function createCatalogCache(db: Db, options: CatalogCacheOptions = {}): CatalogCache {
  const answers = new AnswerCache({
    maxBytes: options.answerBytes ?? 64 * MIB,
    readVersion: coalescedReader(catalogAnswersVersionReader(db)),
  });
  const memo = new VersionedCache<unknown>({ maxBytes: options.memoBytes ?? 64 * MIB });
  // Raw query strings → listing keys: bounded by what they hold, as the other caches.
  const listingKeys = new VersionedCache<string>({ maxBytes: options.keyBytes ?? 4 * MIB });
  const memoAt = (head: number): CatalogMemo => ({
    get: async <T>(key: string, compute: () => Promise<T>) =>
      (await memo.get(head, key, compute, heapBytes)).value as T,
  });
  /** The listing in its normal form and its cache key, at version `head`. */
  const listingAt = async (head: number, query: ProductListQuery) => {
    const memoNow = memoAt(head);
    const [prices, synonyms] = await Promise.all([
      memoNow.get('prices', () => findActivePrices(db)),
      loadSynonymIndex(db, memoNow),
    ]);
    const normal = withPriceBoundsOf(query, prices);
    return { normal, memo: memoNow, key: `products:${listingKey(normal, synonyms)}` };
  };
  return {
    answers,
    memo,
    answer: (key, produce) => answers.answer(key, (head) => produce(memoAt(head))),
    listing: async (query, produce) => {
      const head = await answers.version();
      const { normal, memo: memoNow, key } = await listingAt(head, query);
      return answers.answerAt(head, key, () => produce(normal, memoNow));
    },
    keptListing: async (query) => {
      const head = await answers.version();
      return answers.peek(head, (await listingAt(head, query)).key);
    },
    keptListingOf: async (rawQuery, parse) => {
      const head = await answers.version();
      let key = listingKeys.peek(head, rawQuery);
      if (key === undefined) {
        const query = parse();
        if (!query) return undefined;
        key = (await listingAt(head, query)).key;
        const known = key;
        await listingKeys.get(head, rawQuery, async () => known, stringBytes);
      }
      return answers.peek(head, key);
    },
    kept: async (key) => answers.peek(await answers.version(), key),
  };
}

/**
 * The query with its price bounds moved onto prices active products have (`prices`: distinct, ascending), which
 * selects the same products: at least 1,001 cents is at least the cheapest price from 1,001 cents up; a bound
 * every product passes is no bound; a bound no product passes becomes one just past the catalog. Answers do not
 * echo the bounds (the price facet is counted without them), so the answer is the same, and the thousands of
 * bounds between two real prices are one cache entry.
 */
export function withPriceBoundsOf(query: ProductListQuery, prices: number[]): ProductListQuery {
  const { minPrice, maxPrice, ...rest } = query;
  const normal: ProductListQuery = { ...rest };
  if (prices.length === 0) return normal;
  const cheapest = prices[0]!;
  const dearest = prices.at(-1)!;
  if (minPrice !== undefined && minPrice > cheapest)
    normal.minPrice = minPrice > dearest ? dearest + 1 : prices[firstAtLeast(prices, minPrice)]!;
  if (maxPrice !== undefined && maxPrice < dearest)
    normal.maxPrice = maxPrice < cheapest ? cheapest - 1 : prices[firstAtLeast(prices, maxPrice + 1) - 1]!;
  return normal;
}

/** The index of the first of `sorted` that is at least `value` (sorted.length when none is). */
function firstAtLeast(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The cache key of a product listing: what its answer depends on, normalized. The search text counts only by how
 * it is read ("SSD  1TB", "ssd 1tb", "1TB SSD" and "ssd 1 tb" are one search), lists are sets, defaults are filled
 * in. The synonyms are those of the cache's version: the list is read by the version, and a change moves it.
 */
export function listingKey(query: ProductListQuery, synonyms: SynonymIndex = noSynonyms): string {
  // Every slot must match and scores add up, so their order does not matter ("ssd samsung" = "samsung ssd").
  const slots = query.q ? querySlots(query.q, synonyms) : [];
  const set = (values: string[] | undefined) => (values?.length ? [...new Set(values)].sort() : null);
  return JSON.stringify([
    slots.length ? slotsKey(slots) : [],
    query.category ?? null,
    set(query.brand),
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.inStock ?? false,
    set(query.spec),
    query.sort ?? defaultSort(slots.length > 0),
    query.page,
    query.pageSize,
  ]);
}
