import type { ProductListQuery } from '@shop/shared';
import type { Db } from '../../db/database';
import { AnswerCache, coalescedReader, VersionedCache, type PreparedAnswer } from '../../http/answer-cache';
import { feedHead } from '../sync/change-log';
import type { CatalogMemo } from './product-search';
import { queryTokens } from './search-index';

/**
 * The public catalog's caches, valid while the change feed's head is unchanged. Every catalog write (products,
 * pictures, categories, brands) and every stock movement (a sale, a reservation, a delivery) bumps the head in its
 * own transaction, in this process or any other on the same database; each request reads the head once (one
 * point select, shared by the requests that arrive while it runs, never older than the request) and is answered
 * from memory when nothing changed since the answer was made.
 *
 * - answers: the serialized JSON of whole answers (with ETag and gzip copy), per route and normalized query;
 * - memo: what answers are made of and does not depend on the page or the sort: the taxonomy, facet counts per
 *   filter set, a search's matches.
 */
export interface CatalogCacheOptions {
  /** Memory for whole answers (default 64 MiB). */
  answerBytes?: number;
  /** Memory for facet counts and search matches (default 64 MiB). */
  memoBytes?: number;
}

export interface CatalogCache {
  answer(key: string, produce: (memo: CatalogMemo) => Promise<unknown>): Promise<PreparedAnswer>;
  readonly answers: AnswerCache;
  readonly memo: VersionedCache<unknown>;
}

const MIB = 1024 * 1024;

export function createCatalogCache(db: Db, options: CatalogCacheOptions = {}): CatalogCache {
  const answers = new AnswerCache({
    maxBytes: options.answerBytes ?? 64 * MIB,
    readVersion: coalescedReader(() => feedHead(db)),
  });
  const memo = new VersionedCache<unknown>({ maxBytes: options.memoBytes ?? 64 * MIB });
  const memoAt = (head: number): CatalogMemo => ({
    get: async <T>(key: string, compute: () => Promise<T>, bytes?: (value: T) => number) =>
      (await memo.get(head, key, compute, (value) => bytes?.(value as T) ?? 1024)).value as T,
  });
  return {
    answers,
    memo,
    answer: (key, produce) => answers.answer(key, (head) => produce(memoAt(head))),
  };
}

/**
 * The cache key of a product listing: what its answer depends on, normalized. The search text counts only by its
 * tokens ("SSD  1TB", "ssd 1tb" and "1TB SSD" are one search), lists are sets, defaults are filled in.
 */
export function listingKey(query: ProductListQuery): string {
  // Every token must match and scores add up, so their order does not matter ("ssd samsung" = "samsung ssd").
  const tokens = query.q ? queryTokens(query.q).sort() : [];
  const set = (values: string[] | undefined) => (values?.length ? [...new Set(values)].sort() : null);
  return JSON.stringify([
    tokens,
    query.category ?? null,
    set(query.brand),
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.inStock ?? false,
    set(query.spec),
    query.sort ?? (tokens.length ? 'relevance' : 'name'),
    query.page,
    query.pageSize,
  ]);
}
