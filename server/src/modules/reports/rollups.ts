import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { builtDays, replaceRollups, staleMarks } from './rollups-repo';
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
