import {
  formatShopDate,
  type MarginReport,
  type MyShiftList,
  type ReportRange,
  type SalesReport,
  type SalesReportQuery,
  type SalesReportRow,
  type ShiftReport,
  type ShiftSummaries,
  type ShiftSummary,
  type TakingsReport,
  type TopProducts,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { shiftReport } from '../sync/shift-report';
import {
  brandNames,
  categoryNames,
  counterRefundsBetween,
  owedRefundsSentBetween,
  productNames,
  receivedBetween,
  shiftOpener,
  shiftsOpenedBetween,
  shiftsOpenedBy,
  userNames,
} from './repo';
import { refreshRollups, sumGrouping } from './rollups';
import { sumRollups, type RollupSum } from './rollups-repo';
import { ONLINE_STAFF, type RollupDim } from './sales-facts';
import { isoWeekOf, nextDay, shopDayStart } from './shop-days';

/** The sales reports: the rollups brought up to date, summed per group, named for people to read. */

const TIME_GROUPINGS = {
  day: (d: string) => d,
  week: isoWeekOf,
  month: (d: string) => d.slice(0, 7),
} as const;

const CHANNEL_LABELS: Record<string, string> = { web: 'Web shop', pos: 'Counter' };
const PAYMENT_LABELS: Record<string, string> = {
  khqr: 'KHQR',
  cash_usd: 'Cash (USD)',
  cash_khr: 'Cash (riel)',
  proof: 'Payment screenshot',
};

type Figures = Omit<SalesReportRow, 'key' | 'label'>;

function figures(sums: readonly RollupSum[]): Figures {
  const f = { orders: 0, units: 0, revenueCents: 0, discountCents: 0, refundCents: 0, netCents: 0 };
  for (const s of sums) {
    f.orders += s.orders;
    f.units += s.units;
    f.revenueCents += s.revenue;
    f.discountCents += s.discount;
    f.refundCents += s.refund;
  }
  f.netCents = f.revenueCents - f.discountCents - f.refundCents;
  return f;
}

function groupSums<K>(sums: readonly RollupSum[], keyOf: (s: RollupSum) => K): Map<K, RollupSum[]> {
  const map = new Map<K, RollupSum[]>();
  for (const s of sums) {
    const k = keyOf(s);
    map.set(k, [...(map.get(k) ?? []), s]);
  }
  return map;
}

export async function salesReport(db: Db, query: SalesReportQuery): Promise<SalesReport> {
  await refreshRollups(db, query.from, query.to);
  const totals = figures(await sumRollups(db, 'total', query.from, query.to, false));
  const grouping = query.groupBy;
  if (grouping === 'day' || grouping === 'week' || grouping === 'month') {
    const days = await sumRollups(db, 'total', query.from, query.to, true);
    const groups = groupSums(days, (s) => TIME_GROUPINGS[grouping](s.day));
    const rows = [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, sums]) => ({ key, label: timeLabel(grouping, key), ...figures(sums) }));
    return { rows, totals };
  }
  const sums = await sumGrouping(db, grouping as RollupDim, query.from, query.to);
  const labels = await labelsOf(
    db,
    grouping,
    sums.map((s) => s.key),
  );
  const rows = sums
    .map((s) => ({ key: s.key, label: labels.get(s.key) ?? s.key, ...figures([s]) }))
    .sort((a, b) => b.netCents - a.netCents || a.key.localeCompare(b.key));
  return { rows, totals };
}

function timeLabel(grouping: 'day' | 'week' | 'month', key: string): string {
  if (grouping === 'day') return formatShopDate(shopDayStart(key), 'en');
  if (grouping === 'week') return `Week ${Number(key.slice(6))}, ${key.slice(0, 4)}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.parse(`${key}-01T00:00:00Z`),
  );
}

async function labelsOf(db: Db, grouping: string, keys: string[]): Promise<Map<string, string>> {
  const named = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  switch (grouping) {
    case 'product':
      return named(await productNames(db, keys));
    case 'category':
      return named(await categoryNames(db, keys));
    case 'brand':
      return named(await brandNames(db, keys));
    case 'staff': {
      const names = named(
        await userNames(
          db,
          keys.filter((k) => k !== ONLINE_STAFF),
        ),
      );
      names.set(ONLINE_STAFF, 'Web shop (no cashier)');
      return names;
    }
    case 'channel':
      return new Map(Object.entries(CHANNEL_LABELS));
    default:
      return new Map(Object.entries(PAYMENT_LABELS));
  }
}

export async function topProducts(db: Db, query: ReportRange & { limit: number }): Promise<TopProducts> {
  await refreshRollups(db, query.from, query.to);
  const sums = await sumGrouping(db, 'product', query.from, query.to);
  const top = sums
    .map((s) => ({ key: s.key, ...figures([s]) }))
    .sort((a, b) => b.netCents - a.netCents || b.units - a.units || a.key.localeCompare(b.key))
    .slice(0, query.limit);
  const names = new Map(
    (
      await productNames(
        db,
        top.map((t) => t.key),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    rows: top.map((t) => ({
      ...t,
      label: names.get(t.key)?.name ?? t.key,
      sku: names.get(t.key)?.sku ?? '',
    })),
  };
}

/** Gross margin per category: net sales of products with a cost price less what their units cost. */
export async function marginReport(db: Db, range: ReportRange): Promise<MarginReport> {
  await refreshRollups(db, range.from, range.to);
  const sums = await sumGrouping(db, 'category', range.from, range.to);
  const labels = await labelsOf(
    db,
    'category',
    sums.map((s) => s.key),
  );
  const rowOf = (s: { net: number; costedNet: number; cost: number }) => ({
    netCents: s.net,
    costedNetCents: s.costedNet,
    costCents: s.cost,
    marginCents: s.costedNet - s.cost,
    uncostedNetCents: s.net - s.costedNet,
  });
  const rows = sums
    .map((s) => ({
      key: s.key,
      label: labels.get(s.key) ?? s.key,
      ...rowOf({ net: s.revenue - s.discount - s.refund, costedNet: s.costedNet, cost: s.cost }),
    }))
    .sort((a, b) => b.marginCents - a.marginCents || a.key.localeCompare(b.key));
  const sum = (k: 'netCents' | 'costedNetCents' | 'costCents') => rows.reduce((n, r) => n + r[k], 0);
  return {
    rows,
    totals: rowOf({ net: sum('netCents'), costedNet: sum('costedNetCents'), cost: sum('costCents') }),
  };
}

/** Money in and out per method and currency, as it moved: read from the payments and refunds themselves. */
export async function takingsReport(db: Db, range: ReportRange): Promise<TakingsReport> {
  const start = shopDayStart(range.from);
  const end = shopDayStart(nextDay(range.to));
  const [received, counterRefunds, owedSent] = await Promise.all([
    receivedBetween(db, start, end),
    counterRefundsBetween(db, start, end),
    owedRefundsSentBetween(db, start, end),
  ]);
  const rows = new Map<string, TakingsReport['rows'][number]>();
  const row = (method: string, currency: string) => {
    const key = `${method}:${currency}`;
    let found = rows.get(key);
    if (!found) {
      found = {
        method: method as 'khqr' | 'cash' | 'proof',
        currency: currency as 'USD' | 'KHR',
        payments: 0,
        receivedMinor: 0,
        refundedMinor: 0,
        netMinor: 0,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const r of received) {
    const found = row(r.method, r.currency);
    found.payments += Number(r.n);
    found.receivedMinor += Number(r.total ?? 0);
  }
  for (const r of counterRefunds) row(r.method, r.currency).refundedMinor += Number(r.total ?? 0);
  for (const r of owedSent) row('khqr', r.currency).refundedMinor += Number(r.total ?? 0);
  for (const r of rows.values()) r.netMinor = r.receivedMinor - r.refundedMinor;
  return {
    rows: [...rows.values()].sort((a, b) =>
      `${a.method}${a.currency}`.localeCompare(`${b.method}${b.currency}`),
    ),
  };
}

export async function shiftSummaries(db: Db, range: ReportRange): Promise<ShiftSummaries> {
  const ids = await shiftsOpenedBetween(db, shopDayStart(range.from), shopDayStart(nextDay(range.to)));
  return { rows: await summariesOf(db, ids) };
}

/** The shifts the signed-in staff member opened, newest first: never anyone else's, admins' included. */
export async function myShifts(
  db: Db,
  user: SignedInUser,
  page: { page: number; pageSize: number },
): Promise<MyShiftList> {
  const { rows, total } = await shiftsOpenedBy(db, user.id, page);
  const items = await summariesOf(
    db,
    rows.map((r) => r.id),
  );
  return { items, total, page: page.page, pageSize: page.pageSize };
}

async function summariesOf(db: Db, ids: readonly string[]): Promise<ShiftSummary[]> {
  const summaries: ShiftSummary[] = [];
  for (const id of ids) {
    const r = await shiftReport(db, id);
    summaries.push({
      id: r.id,
      deviceName: r.deviceName,
      openedBy: r.openedBy,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      sales: r.sales,
      expected: r.expected,
      counted: r.counted,
      difference: r.difference,
    });
  }
  return summaries;
}

/** A cashier reads the shifts they opened; another's shift is answered as unknown, not as forbidden. */
export async function myShiftReport(db: Db, shiftId: string, user: SignedInUser): Promise<ShiftReport> {
  const opener = await shiftOpener(db, shiftId);
  if (opener === undefined || (opener !== user.id && user.role !== 'admin'))
    throw new NotFound('There is no shift of yours with this id');
  return shiftReport(db, shiftId);
}
