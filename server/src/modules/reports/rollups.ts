import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import {
  builtDays,
  replaceRollups,
  staleMarks,
  sumMonthlyRollups,
  sumRollups,
  type RollupSum,
} from './rollups-repo';
import { ROLLUP_DIMS, rollupRows, salesFacts, type SalesSource } from './sales-facts';
import { daysBetween, nextDay, shopDayStart } from './shop-days';
import {
  cancellationsAfterPaymentBetween,
  linesOfOrders,
  ordersByIds,
  ordersPaidBetween,
  ordersPaidByProof,
  paidPaymentsOfOrders,
  refundsBetween,
  returnLinesBetween,
  unitsCancelledBeforePayment,
} from './source-repo';

/**
 * Keeps the daily rollups of a range of shop days up to date before a report reads them: days never summed and
 * days marked stale since (markSalesDaysStale, written in the transaction of each sale, payment, cancellation,
 * return and refund) are summed again from the orders, in runs of consecutive days. Marks are cleared only if they
 * were read before the orders were, so a sale committed meanwhile leaves its mark for the next report.
 */
const RUN_DAYS = 31;

export async function refreshRollups(db: Db, from: string, to: string): Promise<void> {
  const [marks, built] = await Promise.all([staleMarks(db, from, to), builtDays(db, from, to)]);
  const isBuilt = new Set(built);
  const stale = new Set(marks.map((m) => m.day));
  const wanted = daysBetween(from, to).filter((day) => !isBuilt.has(day) || stale.has(day));
  for (const run of consecutiveRuns(wanted)) {
    const days = new Set(run);
    const source = await readSource(db, shopDayStart(run[0]!), shopDayStart(nextDay(run.at(-1)!)));
    const rows = rollupRows(source, salesFacts(source), days);
    const markIds = marks.filter((m) => days.has(m.day)).map((m) => m.id);
    await inTransaction(db, (tx) => replaceRollups(tx, run, ROLLUP_DIMS, rows, markIds, Date.now()));
  }
}

function consecutiveRuns(days: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && last.length < RUN_DAYS && nextDay(last.at(-1)!) === day) last.push(day);
    else runs.push([day]);
  }
  return runs;
}

const ID_CHUNK = 500;

async function byChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) out.push(...(await read(ids.slice(i, i + ID_CHUNK))));
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Everything the facts of sales, cancellations, returns and refunds between two instants need. */
async function readSource(db: Db, start: number, end: number): Promise<SalesSource> {
  const [soldOrderIds, cancellations, returns, refunds] = await Promise.all([
    ordersPaidBetween(db, start, end),
    cancellationsAfterPaymentBetween(db, start, end),
    returnLinesBetween(db, start, end),
    refundsBetween(db, start, end),
  ]);
  const ids = [
    ...new Set([
      ...soldOrderIds,
      ...cancellations.map((c) => c.order_id),
      ...returns.map((r) => r.order_id),
      ...refunds.map((r) => r.order_id),
    ]),
  ];
  const [orders, lines, before, payments, proofs] = await Promise.all([
    byChunks(ids, (c) => ordersByIds(db, c)),
    byChunks(ids, (c) => linesOfOrders(db, c)),
    byChunks(ids, (c) => unitsCancelledBeforePayment(db, c)),
    byChunks(ids, (c) => paidPaymentsOfOrders(db, c)),
    byChunks(ids, (c) => ordersPaidByProof(db, c)),
  ]);
  return {
    soldOrderIds,
    cancellations,
    returns,
    refunds,
    orders: new Map(orders.map((o) => [o.id, o])),
    lines: groupBy(lines, (l) => l.order_id),
    cancelledBeforePayment: new Map(before.map((b) => [b.order_item_id, Number(b.units)])),
    payments: groupBy(payments, (p) => p.order_id!),
    paidByProof: new Set(proofs),
  };
}

/**
 * The sums of one grouping (not by day) over a range: whole months from the monthly rows, the days before the first
 * and after the last whole month from the daily rows, added up per group.
 */
export async function sumGrouping(db: Db, dim: string, from: string, to: string): Promise<RollupSum[]> {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastWhole = nextDay(to).endsWith('-01') ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstWhole > lastWhole) return sumRollups(db, dim, from, to, false);
  const parts = await Promise.all([
    sumMonthlyRollups(db, dim, firstWhole, lastWhole),
    from < `${firstWhole}-01` ? sumRollups(db, dim, from, previousDay(`${firstWhole}-01`), false) : [],
    to.slice(0, 7) !== lastWhole ? sumRollups(db, dim, `${to.slice(0, 7)}-01`, to, false) : [],
  ]);
  const byKey = new Map<string, RollupSum>();
  for (const row of parts.flat()) {
    const sum = byKey.get(row.key);
    if (!sum) byKey.set(row.key, { ...row });
    else
      for (const k of ['orders', 'units', 'revenue', 'discount', 'refund', 'cost', 'costedNet'] as const)
        sum[k] += row[k];
  }
  return [...byKey.values()];
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
