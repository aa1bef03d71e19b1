import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { SalesRollupTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { shopDayOf } from './shop-days';

/** The SQL of the sales rollups: the stale marks every sale writes, and reading and replacing a day's sums. */

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
  for (let i = 0; i < markIds.length; i += 500)
    await tx
      .deleteFrom('sales_rollup_stale')
      .where('id', 'in', markIds.slice(i, i + 500))
      .execute();
}

/** The sums of one grouping over a range of days, per group (and per day for `byDay`). */
export async function sumRollups(db: Db, dim: string, from: string, to: string, byDay: boolean) {
  let query = db
    .selectFrom('sales_rollups')
    .select([
      'group_key',
      (eb) => eb.fn.sum<number | string>('orders').as('orders'),
      (eb) => eb.fn.sum<number | string>('units').as('units'),
      (eb) => eb.fn.sum<number | string>('revenue_cents').as('revenue'),
      (eb) => eb.fn.sum<number | string>('discount_cents').as('discount'),
      (eb) => eb.fn.sum<number | string>('refund_cents').as('refund'),
      (eb) => eb.fn.sum<number | string>('cost_cents').as('cost'),
      (eb) => eb.fn.sum<number | string>('costed_net_cents').as('costed_net'),
    ])
    .where('dim', '=', dim)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('group_key');
  if (byDay) query = query.select('day').groupBy('day');
  const rows = await query.execute();
  return rows.map((r) => ({
    key: r.group_key,
    day: (r as { day?: string }).day ?? '',
    orders: Number(r.orders ?? 0),
    units: Number(r.units ?? 0),
    revenue: Number(r.revenue ?? 0),
    discount: Number(r.discount ?? 0),
    refund: Number(r.refund ?? 0),
    cost: Number(r.cost ?? 0),
    costedNet: Number(r.costed_net ?? 0),
  }));
}
export type RollupSum = Awaited<ReturnType<typeof sumRollups>>[number];
