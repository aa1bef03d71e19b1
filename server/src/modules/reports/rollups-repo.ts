import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { SalesRollupTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { shopDayOf } from './shop-days';

/** The SQL of the sales rollups: the stale marks every sale writes, and reading and replacing a day's sums. */

/**
 * The figures every rollup row carries (by day in `sales_rollups`, by month in `sales_rollups_monthly`): its column
 * and the name of its sum in what the readers return.
 */
const figures = [
  ['orders', 'orders'],
  ['units', 'units'],
  ['revenue_cents', 'revenue'],
  ['discount_cents', 'discount'],
  ['refund_cents', 'refund'],
  ['cost_cents', 'cost'],
  ['costed_net_cents', 'costed_net'],
] as const;
const figureColumns = figures.map(([column]) => column);

/** Each figure summed over the rows grouped, named by its column (a month from its days) or by its sum's name. */
function sumsOfFigures<const By extends 'column' | 'name'>(by: By) {
  return figures.map(([column, name]) =>
    sql<number | string>`sum(${sql.ref(column)})`.as(
      (by === 'column' ? column : name) as By extends 'column' ? typeof column : typeof name,
    ),
  );
}

/** A group's sums as numbers (MySQL answers a SUM as a decimal string; nothing summed is null). */
function rollupSum(
  r: { group_key: string; day?: string } & Record<(typeof figures)[number][1], number | string | null>,
) {
  return {
    key: r.group_key,
    day: r.day ?? '',
    orders: Number(r.orders ?? 0),
    units: Number(r.units ?? 0),
    revenue: Number(r.revenue ?? 0),
    discount: Number(r.discount ?? 0),
    refund: Number(r.refund ?? 0),
    cost: Number(r.cost ?? 0),
    costedNet: Number(r.costed_net ?? 0),
  };
}

/**
 * Marks the shop days of `times` (epoch ms) as changed, in the caller's transaction: the next report touching those
 * days sums them again from the orders. Called wherever a sale, a paid order, a cancellation after payment, a
 * return or a refund is written.
 */
export async function markSalesDaysStale(tx: Tx | Db, times: readonly number[]): Promise<void> {
  const days = [...new Set(times.map(shopDayOf))];
  if (days.length === 0) return;
  const now = Date.now();
  await tx
    .insertInto('sales_rollup_stale')
    .values(days.map((day) => ({ id: newId(), day, created_at: now })))
    .execute();
}

export async function staleMarks(db: Db, from: string, to: string) {
  return db
    .selectFrom('sales_rollup_stale')
    .select(['id', 'day'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
}

export async function builtDays(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sales_rollup_days')
    .select('day')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return rows.map((r) => r.day);
}

/** Puts the new sums of `days` in place of the old ones, and clears the marks read before they were summed. */
export async function replaceRollups(
  tx: Tx,
  days: readonly string[],
  dims: readonly string[],
  rows: readonly SalesRollupTable[],
  markIds: readonly string[],
  now: number,
): Promise<void> {
  for (let i = 0; i < days.length; i += 200) {
    const chunk = days.slice(i, i + 200);
    await tx.deleteFrom('sales_rollups').where('dim', 'in', dims).where('day', 'in', chunk).execute();
    await tx.deleteFrom('sales_rollup_days').where('day', 'in', chunk).execute();
    await tx
      .insertInto('sales_rollup_days')
      .values(chunk.map((day) => ({ day, built_at: now })))
      .execute();
  }
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('sales_rollups')
      .values(rows.slice(i, i + 500))
      .execute();
  for (const month of new Set(days.map((d) => d.slice(0, 7)))) await sumMonth(tx, month, dims);
  for (let i = 0; i < markIds.length; i += 500)
    await tx
      .deleteFrom('sales_rollup_stale')
      .where('id', 'in', markIds.slice(i, i + 500))
      .execute();
}

/** A month's rows summed again from its days' rows, after some of its days were. */
async function sumMonth(tx: Tx, month: string, dims: readonly string[]): Promise<void> {
  await tx.deleteFrom('sales_rollups_monthly').where('dim', 'in', dims).where('month', '=', month).execute();
  await tx
    .insertInto('sales_rollups_monthly')
    .columns(['dim', 'month', 'group_key', ...figureColumns])
    .expression((eb) =>
      eb
        .selectFrom('sales_rollups')
        .select(['dim', sql<string>`${month}`.as('month'), 'group_key', ...sumsOfFigures('column')])
        .where('dim', 'in', dims)
        .where('day', '>=', `${month}-01`)
        .where('day', '<=', `${month}-31`)
        .groupBy(['dim', 'group_key']),
    )
    .execute();
}

/** The monthly sums of one grouping over whole months `fromMonth` … `toMonth`, per group. */
export async function sumMonthlyRollups(db: Db, dim: string, fromMonth: string, toMonth: string) {
  const rows = await db
    .selectFrom('sales_rollups_monthly')
    .select(['group_key', ...sumsOfFigures('name')])
    .where('dim', '=', dim)
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .groupBy('group_key')
    .execute();
  return rows.map((r) => rollupSum(r));
}

/** The sums of one grouping over a range of days, per group (and per day for `byDay`). */
export async function sumRollups(db: Db, dim: string, from: string, to: string, byDay: boolean) {
  let query = db
    .selectFrom('sales_rollups')
    .select(['group_key', ...sumsOfFigures('name')])
    .where('dim', '=', dim)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('group_key');
  if (byDay) query = query.select('day').groupBy('day');
  const rows = await query.execute();
  return rows.map((r) => rollupSum(r));
}
export type RollupSum = Awaited<ReturnType<typeof sumRollups>>[number];
