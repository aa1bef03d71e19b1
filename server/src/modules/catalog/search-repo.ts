import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { prefixRange, weights } from './search-index';
import type { SearchRow } from './search-match';

/**
 * The SQL of a search (search-match.ts): prefix scans of the term index (`search_terms`, by term; and by product
 * and term for a probe), then what the listing needs of the matching products.
 */

/** Ids per statement: below SQLite's and MySQL's limits on bound values, and fast on both. */
const IDS_PER_STATEMENT = 2000;
/**
 * Ids per look-up of a short token: MariaDB turns an IN list of 1,000 values or more into a join with a table of
 * them (in_predicate_conversion_threshold) and then reads the term index far less well than by ranges.
 */
const IDS_PER_PROBE = 900;

function termRange(token: string): RawBuilder<unknown> {
  const { from, to } = prefixRange(token);
  return to === null ? sql`term >= ${from}` : sql`term >= ${from} and term < ${to}`;
}

/** A token's score on a product: the best of the terms it matched, an exact term doubled, a SKU prefix as a name. */
function tokenScore(token: string): RawBuilder<number> {
  return sql<number>`max(case when term = ${token} then weight * 2
    when weight > ${weights.name} then ${weights.name} else weight end)`;
}

/** Index rows under a prefix, counted up to `limit`. */
export async function prefixRows(db: Db, token: string, limit: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from
    (select 1 as one from search_terms where ${termRange(token)} limit ${limit}) t`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Product id → the token's score, for every product with a term under the token's prefix: one range scan. */
export async function rangeScores(db: Db, token: string): Promise<Map<string, number>> {
  const result = await sql<{ product_id: string; score: number }>`select product_id,
      ${tokenScore(token)} as score
    from search_terms where ${termRange(token)} group by product_id`.execute(db);
  return new Map(result.rows.map((row) => [row.product_id, Number(row.score)]));
}

/**
 * The same for the first `rows` index rows under the prefix only, in index order (the exact term first, then the
 * longer terms in order; within a term, by product id): the bounded candidates of a broad token.
 */
export async function cappedRangeScores(db: Db, token: string, rows: number): Promise<Map<string, number>> {
  const result = await sql<{ product_id: string; score: number }>`select product_id,
      ${tokenScore(token)} as score
    from (select term, product_id, weight from search_terms where ${termRange(token)}
      order by term, product_id limit ${rows}) t
    group by product_id`.execute(db);
  return new Map(result.rows.map((row) => [row.product_id, Number(row.score)]));
}

/** The same for the products of `ids` only, looked up by product and term: for a prefix holding many rows. */
export async function probeScores(db: Db, token: string, ids: string[]): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  for (let i = 0; i < ids.length; i += IDS_PER_PROBE) {
    const result = await sql<{ product_id: string; score: number }>`select product_id,
        ${tokenScore(token)} as score
      from search_terms
      where product_id in (${sql.join(ids.slice(i, i + IDS_PER_PROBE))}) and ${termRange(token)}
      group by product_id`.execute(db);
    for (const row of result.rows) scores.set(row.product_id, Number(row.score));
  }
  return scores;
}

/** Which of `terms` the index holds (for typo correction: the one-edit neighbours of a word), looked up exactly. */
export async function existingTerms(db: Db, terms: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < terms.length; i += IDS_PER_STATEMENT) {
    const result = await sql<{ term: string }>`select distinct term from search_terms
      where term in (${sql.join(terms.slice(i, i + IDS_PER_STATEMENT))})`.execute(db);
    for (const row of result.rows) found.add(String(row.term));
  }
  return found;
}

/** The active products of `scores`, with their scores and what filters, facets and sorting need of them. */
export async function matchRows(
  db: Db,
  scores: Map<string, number>,
  valueKeys: string[],
  specs: (readonly [string, string[]])[],
): Promise<SearchRow[]> {
  const ids = [...scores.keys()];
  const extra = [
    ...valueKeys.map(
      (key, i) => sql`, (select a.value from product_attributes a
        where a.product_id = p.id and a.attr_key = ${key}) as ${sql.raw(`v${i}`)}`,
    ),
    // Spec filters are decided by SQL, as the listing's own filter is: the same comparison rules on each dialect.
    ...specs.map(
      ([key, values], i) => sql`, case when exists (select 1 from product_attributes a
        where a.product_id = p.id and a.attr_key = ${key} and a.value in (${sql.join(values)}))
        then 1 else 0 end as ${sql.raw(`f${i}`)}`,
    ),
  ];
  const rows: SearchRow[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const result = await sql<Record<string, string | number | null>>`select p.id, p.category_id, p.brand_id,
        p.price_cents, p.name_sort, p.created_at, s.on_hand - s.reserved as available, s.sold_ranked ${sql.join(extra, sql``)}
      from products p join stock_levels s on s.product_id = p.id
      where p.active = 1 and p.id in (${sql.join(ids.slice(i, i + IDS_PER_STATEMENT))})`.execute(db);
    for (const row of result.rows) {
      const id = String(row.id);
      rows.push({
        id,
        score: scores.get(id)!,
        categoryId: String(row.category_id),
        brandId: String(row.brand_id),
        price: Number(row.price_cents),
        available: Number(row.available),
        sold: Number(row.sold_ranked),
        nameSort: String(row.name_sort),
        createdAt: Number(row.created_at),
        values: valueKeys.map((_key, k) => {
          const value = row[`v${k}`];
          return value === null || value === undefined ? null : String(value);
        }),
        flags: specs.map((_spec, k) => Number(row[`f${k}`]) === 1),
      });
    }
  }
  return rows;
}
