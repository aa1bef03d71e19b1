import type { SelectQueryBuilder, Simplify } from 'kysely';

/** Which page of a list a client asks for: pages count from 1. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface PageOf<Row> {
  rows: Row[];
  /** Rows on every page together. */
  total: number;
}

/**
 * One page of `rows` (already filtered and ordered, to a unique last column so that pages never overlap) and the
 * number of rows `matching` finds, read together. `matching` is the same filter without columns or order: the
 * same base query, or a plainer one on the main table where `rows` joins others only to show them.
 */
export async function pageOf<DB, TB extends keyof DB, Row, CountDB, CountTB extends keyof CountDB, CountO>(
  rows: SelectQueryBuilder<DB, TB, Row>,
  matching: SelectQueryBuilder<CountDB, CountTB, CountO>,
  page: PageRequest,
): Promise<PageOf<Simplify<Row>>> {
  const [found, count] = await Promise.all([
    rows
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    matching
      .select((eb) => eb.fn.countAll().as('n'))
      // Kysely cannot name the column of a selection added to a query of any table; it is `n`, a count.
      .$castTo<{ n: number | string | bigint }>()
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: found, total: Number(count.n) };
}

/** A page as the API answers a list (`{ items, total, page, pageSize }`), each row shown by `present`. */
export function pageAnswer<Row, Item>(
  { rows, total }: PageOf<Row>,
  present: (row: Row) => Item,
  page: PageRequest,
): { items: Item[]; total: number; page: number; pageSize: number } {
  return { items: rows.map(present), total, page: page.page, pageSize: page.pageSize };
}
