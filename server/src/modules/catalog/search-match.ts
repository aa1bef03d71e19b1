import type { ProductListQuery } from '@shop/shared';
import type { Db } from '../../db/database';
import { compareText, type CountSource, type Filters, type GroupStat, type SpecCount } from './facets';
import type { CatalogMemo } from './product-search';
import { oneEditAway, slotsKey, splitReadings, type QuerySlot } from './query-normaliser';
import {
  cappedRangeScores,
  existingTerms,
  matchRows,
  prefixRows,
  probeScores,
  rangeScores,
} from './search-repo';

/**
 * A search's matches, found once per request (and kept per catalog version by the memo): the scores of the
 * matching products, then one row per active match with what filters, facets and sorting need. Counting, sorting
 * and paging then happen in memory, where the SQL listing ran the prefix scans again in each of its statements.
 *
 * Scores are those of docs/decisions/0001-own-search-index.md: per token the best weight among the terms it
 * matches by prefix (doubled for an exact term, a SKU prefix counting as a name word); per slot of the query the
 * best of its readings (query-normaliser.ts); summed over slots, and every slot must match.
 */

/**
 * A token whose prefix holds more index rows than this is broad ("a", "s", "7", and with 100,000 products even
 * "ssd"): reading every row and every matching product costs seconds, so only this many of its rows are read
 * (the exact term first, then the longer terms in order), and the answer says its matches are a part
 * (docs/decisions/0001-own-search-index.md, amendment of issue 16).
 */
const BROAD_ROWS = 500;
/** Once other tokens narrowed the candidates to at most this many, a token is checked on them only… */
const PROBE_MAX_CANDIDATES = 20_000;
/** …when its prefix holds more index rows than this many per candidate (or is broad). */
const PROBE_RATIO = 8;

export interface SearchRow {
  id: string;
  score: number;
  categoryId: string;
  brandId: string;
  price: number;
  available: number;
  /** Units sold as last ranked: popularity (stock_levels.sold_ranked, sync/shelf-version.ts). */
  sold: number;
  nameSort: string;
  createdAt: number;
  /** Values of the facet attribute keys (`SearchRows.valueKeys`), null where the product has none. */
  values: (string | null)[];
  /** Whether the product passes each spec filter (`SearchRows.flagKeys`). */
  flags: boolean[];
}

export interface SearchRows {
  rows: SearchRow[];
  /** Whether a broad token was read in part only: `rows` are then a bounded part of all the matches. */
  partial: boolean;
  valueKeys: string[];
  flagKeys: string[];
}

/** The active products matching every slot, with their scores and what the listing needs of them. */
export async function searchRows(
  db: Db,
  memo: CatalogMemo,
  slots: QuerySlot[],
  filters: Filters,
  valueKeys: string[],
): Promise<SearchRows> {
  const specs = [...filters.specs].map(([key, values]) => [key, [...new Set(values)].sort()] as const);
  const key = slotsKey(slots);
  return memo.get(`search:${JSON.stringify([key, valueKeys, specs])}`, async () => {
    const { scores, partial } = await memo.get(`match:${key}`, () => matchSlots(db, slots));
    return {
      rows: await matchRows(db, scores, valueKeys, specs),
      partial,
      valueKeys,
      flagKeys: specs.map(([key]) => key),
    };
  });
}

/** Fewer matches than this and the search is widened (splits, typos: query-normaliser.ts). */
const LITTLE = 3;

/**
 * Product id → score of the products matching every slot: the exact readings first; when they find little, again
 * with the second pass's readings (a glued word split, a typo corrected), which only ever add matches.
 */
export async function matchSlots(
  db: Db,
  slots: QuerySlot[],
): Promise<{ scores: Map<string, number>; partial: boolean }> {
  const tokens = tokenScores(db);
  const exact = await matchAll(tokens, slots);
  if (exact.size >= LITTLE) return { scores: exact, partial: tokens.partial() };
  const wider = await widenSlots(db, slots);
  return { scores: wider ? await matchAll(tokens, wider) : exact, partial: tokens.partial() };
}

/** The slots with the second pass's readings, or null when there are none to add. */
async function widenSlots(db: Db, slots: QuerySlot[]): Promise<QuerySlot[] | null> {
  const typed = slots.map((slot) => slot.readings[0]!.tokens);
  const words = [...new Set(typed.flat())];
  const known = await existingTerms(db, [...new Set(words.flatMap(oneEditAway))]);
  let added = false;
  const wider = slots.map((slot, i) => {
    const more = typed[i]!.length === 1 ? splitReadings(typed[i]![0]!) : [];
    for (const word of typed[i]!.length === 1 ? typed[i]! : []) {
      for (const term of oneEditAway(word).filter((edit) => known.has(edit)))
        more.push({ tokens: [term], factor: TYPO_FACTOR });
    }
    added ||= more.length > 0;
    return { readings: [...slot.readings, ...more] };
  });
  return added ? wider : null;
}

/** A corrected typo scores half of what the word typed right would: "samsnug" never outranks "samsung". */
const TYPO_FACTOR = 0.5;

async function matchAll(tokens: TokenScores, slots: QuerySlot[]): Promise<Map<string, number>> {
  // The slots holding the fewest index rows first: they narrow the candidates the others are checked on, so a
  // broad slot is read in part only when no other slot narrows it.
  const required = slots.filter((slot) => !slot.optional);
  const sizes = await Promise.all(required.map((slot) => slotSize(tokens, slot)));
  const ordered = required
    .map((slot, i) => ({ slot, size: sizes[i]! }))
    .sort((a, b) => a.size - b.size)
    .map(({ slot }) => slot);
  let matches: Map<string, number> | null = null;
  for (const slot of ordered) {
    const scores = await slotScores(tokens, slot, matches);
    matches = matches === null ? scores : both(matches, scores, (a, b) => a + b);
    if (matches.size === 0) break;
  }
  if (!matches || matches.size === 0) return new Map();
  for (const slot of slots.filter((slot) => slot.optional)) {
    const scores = await slotScores(tokens, slot, matches);
    for (const [id, score] of scores) matches.set(id, matches.get(id)! + score);
  }
  return matches;
}

/**
 * Product id → the slot's score: the best of its readings, a reading scoring the mean of its tokens' scores (a
 * synonym of two words weighs as much as the one word typed) times its factor.
 */
async function slotScores(
  tokens: TokenScores,
  slot: QuerySlot,
  candidates: Map<string, number> | null,
): Promise<Map<string, number>> {
  const best = new Map<string, number>();
  for (const reading of slot.readings) {
    let matches: Map<string, number> | null = null;
    // Its narrowest token first: the others are then looked up on what that one matched.
    const counts = await Promise.all(reading.tokens.map((token) => tokens.rows(token)));
    const narrowestFirst = reading.tokens
      .map((token, i) => ({ token, count: counts[i]! }))
      .sort((a, b) => a.count - b.count)
      .map(({ token }) => token);
    for (const token of narrowestFirst) {
      const scores = await tokens.of(token, matches ?? candidates);
      matches = matches === null ? scores : both(matches, scores, (a, b) => a + b);
      if (matches.size === 0) break;
    }
    for (const [id, sum] of matches ?? []) {
      if (candidates && !candidates.has(id)) continue;
      const score = (sum / reading.tokens.length) * reading.factor;
      if (score > (best.get(id) ?? 0)) best.set(id, score);
    }
  }
  return best;
}

function both(
  a: Map<string, number>,
  b: Map<string, number>,
  add: (x: number, y: number) => number,
): Map<string, number> {
  const result = new Map<string, number>();
  for (const [id, score] of a) {
    const more = b.get(id);
    if (more !== undefined) result.set(id, add(score, more));
  }
  return result;
}

/** Index rows under a slot's readings, each reading counted by its narrowest token (up to `BROAD_ROWS + 1`). */
async function slotSize(tokens: TokenScores, slot: QuerySlot): Promise<number> {
  let size = 0;
  for (const reading of slot.readings)
    size += Math.min(...(await Promise.all(reading.tokens.map((token) => tokens.rows(token)))));
  return size;
}

interface TokenScores {
  /** Product id → the token's score, for every product (or, when it pays, the candidates only). */
  of(token: string, candidates: Map<string, number> | null): Promise<Map<string, number>>;
  /** Index rows under the token's prefix, counted up to `BROAD_ROWS + 1`. */
  rows(token: string): Promise<number>;
  /** Whether a broad token was read in part. */
  partial(): boolean;
}

/**
 * A token's scores, read once per search however many readings hold it: by a range scan of the index, the first
 * `BROAD_ROWS` rows only of a broad token; or, when its prefix is large compared with the candidates other tokens
 * left, looked up on those candidates only (the index by product and term). Either way its work is bounded.
 */
function tokenScores(db: Db): TokenScores {
  const ranges = new Map<string, Promise<Map<string, number>>>();
  const counted = new Map<string, Promise<number>>();
  let partial = false;
  const rows = (token: string) => {
    let count = counted.get(token);
    if (!count) counted.set(token, (count = prefixRows(db, token, BROAD_ROWS + 1)));
    return count;
  };
  const range = (token: string) => {
    let scores = ranges.get(token);
    if (!scores) {
      scores = rows(token).then((count) => {
        if (count <= BROAD_ROWS) return rangeScores(db, token);
        partial = true;
        return cappedRangeScores(db, token, BROAD_ROWS);
      });
      ranges.set(token, scores);
    }
    return scores;
  };
  return {
    rows,
    partial: () => partial,
    of: async (token, candidates) => {
      if (ranges.has(token) || !candidates || candidates.size > PROBE_MAX_CANDIDATES) return range(token);
      const count = await rows(token);
      return count > Math.min(BROAD_ROWS, candidates.size * PROBE_RATIO)
        ? probeScores(db, token, [...candidates.keys()])
        : range(token);
    },
  };
}

/**
 * When nothing matches: each slot on its own, the products matching the most slots (best scores first), or none
 * when no slot matches anything.
 */
export async function nearestMatches(db: Db, slots: QuerySlot[]): Promise<Map<string, number>> {
  const tokens = tokenScores(db);
  const wider = (await widenSlots(db, slots)) ?? slots;
  const hits = new Map<string, { slots: number; score: number }>();
  for (const slot of wider.filter((slot) => !slot.optional)) {
    for (const [id, score] of await slotScores(tokens, slot, null)) {
      const hit = hits.get(id) ?? { slots: 0, score: 0 };
      hits.set(id, { slots: hit.slots + 1, score: hit.score + score });
    }
  }
  const most = Math.max(0, ...[...hits.values()].map((hit) => hit.slots));
  return new Map([...hits].filter(([, hit]) => hit.slots === most).map(([id, hit]) => [id, hit.score]));
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

/**
 * How well a row matches, for ordering: its score, three quarters of it when out of stock. So a product in stock
 * comes before an equal or slightly better match the shop cannot sell now ("i7" lists the laptops in stock first),
 * while an exact SKU or a far better match still leads. Equal ranks go to the best seller, then to the dearer
 * product (the line's main products before its accessories: "asus rog" opens with laptops and cards, not a
 * router), then by name.
 */
function rank(row: SearchRow): number {
  return row.available > 0 ? row.score : row.score * OUT_OF_STOCK;
}

const OUT_OF_STOCK = 0.75;

// Ids are ULIDs (digits and upper-case letters): the same order in every collation.
const byId = (a: SearchRow, b: SearchRow) => compareText(a.id, b.id);

function comparator(sort: NonNullable<ProductListQuery['sort']>): (a: SearchRow, b: SearchRow) => number {
  switch (sort) {
    case 'relevance':
      return (a, b) =>
        rank(b) - rank(a) ||
        b.sold - a.sold ||
        b.price - a.price ||
        compareText(a.nameSort, b.nameSort) ||
        byId(a, b);
    case 'popular':
      return (a, b) =>
        b.sold - a.sold ||
        Number(b.available > 0) - Number(a.available > 0) ||
        rank(b) - rank(a) ||
        compareText(a.nameSort, b.nameSort) ||
        byId(a, b);
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
