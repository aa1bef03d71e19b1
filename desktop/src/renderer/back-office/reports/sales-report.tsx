import {
  formatKhr,
  formatShopDateTime,
  formatUsd,
  salesGroupings,
  type SalesGrouping,
  type SalesReport,
} from '@shop/shared';
import { Button, ErrorState, LoadingBlock, SelectField, TextField, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, problemOf } from '../api';
import { useListAddress } from '../list-address';
import { dollars, downloadCsv, toCsv } from './csv';
import {
  changePercent,
  isDay,
  presetRange,
  previousRange,
  rangePresets,
  shopToday,
  type DayRange,
  type RangePreset,
} from './date-range';
import { ReportTable, type ReportColumn } from './report-table';
import { reportTexts } from './texts';

const addressKeys = ['preset', 'from', 'to', 'groupBy'] as const;
type Row = SalesReport['rows'][number];

/** Only the report prints: the back office's frame and the controls stay off the paper. */
const printStyle = `@media print {
  body * { visibility: hidden; }
  [data-print-area], [data-print-area] * { visibility: visible; }
  [data-print-area] { position: absolute; left: 0; top: 0; width: 100%; }
  [data-print-hidden], .recharts-tooltip-wrapper { display: none !important; }
}`;

/**
 * A group's name in the reader's language where its key is fixed (channels, payment methods, the web shop in the
 * staff grouping); the server's label (English, or a name as entered) otherwise.
 */
function groupLabel(t: (typeof reportTexts)['en'], groupBy: SalesGrouping, row: Row): string {
  const fixed: Partial<Record<SalesGrouping, Record<string, string>>> = {
    channel: { web: t.web, pos: t.pos },
    payment: { khqr: t.khqr, cash_usd: t.cashUsd, cash_khr: t.cashKhr, proof: t.proof },
    staff: { online: t.webNoCashier },
  };
  return fixed[groupBy]?.[row.key] ?? row.label;
}

/** The range the address asks for: a preset (today when nothing is said), or the days of a custom range. */
function rangeOf(filters: Record<(typeof addressKeys)[number], string>): { range: DayRange; preset: string } {
  if (filters.preset === 'custom' && isDay(filters.from) && isDay(filters.to) && filters.from <= filters.to)
    return { range: { from: filters.from, to: filters.to }, preset: 'custom' };
  const preset = (rangePresets as readonly string[]).includes(filters.preset)
    ? (filters.preset as RangePreset)
    : 'today';
  return { range: presetRange(preset), preset };
}

/** The owner's sales report: range and grouping in the address, chart and table, the period before, the rest. */
export function SalesReportScreen() {
  const t = useMessages(reportTexts);
  const { locale } = useLocale();
  const { filters, setFilters } = useListAddress(addressKeys);
  const { range, preset } = rangeOf(filters);
  const groupBy: SalesGrouping = (salesGroupings as readonly string[]).includes(filters.groupBy)
    ? (filters.groupBy as SalesGrouping)
    : 'day';
  const before = previousRange(range);
  const money = formatUsd;

  const sales = useQuery({
    queryKey: ['reports', 'sales', range, groupBy],
    queryFn: () => api.getSalesReport({ query: { ...range, groupBy } }),
    placeholderData: keepPreviousData,
  });
  const previous = useQuery({
    queryKey: ['reports', 'sales', before, 'channel'],
    queryFn: () => api.getSalesReport({ query: { ...before, groupBy: 'channel' } }),
  });
  const top = useQuery({
    queryKey: ['reports', 'top', range],
    queryFn: () => api.getTopProducts({ query: { ...range, limit: 10 } }),
  });
  const margin = useQuery({
    queryKey: ['reports', 'margin', range],
    queryFn: () => api.getMarginReport({ query: range }),
  });
  const takings = useQuery({
    queryKey: ['reports', 'takings', range],
    queryFn: () => api.getTakingsReport({ query: range }),
  });
  const shifts = useQuery({
    queryKey: ['reports', 'shifts', range],
    queryFn: () => api.listShiftSummaries({ query: range }),
  });

  const columns: ReportColumn<Row>[] = [
    { header: t[groupBy], cell: (row) => groupLabel(t, groupBy, row) },
    { header: t.orders, align: 'right', cell: (row) => row.orders },
    { header: t.units, align: 'right', cell: (row) => row.units },
    { header: t.revenue, align: 'right', cell: (row) => money(row.revenueCents) },
    { header: t.discounts, align: 'right', cell: (row) => money(row.discountCents) },
    { header: t.refunds, align: 'right', cell: (row) => money(row.refundCents) },
    { header: t.net, align: 'right', cell: (row) => money(row.netCents) },
  ];

  const exportCsv = () => {
    if (!sales.data) return;
    const { rows, totals } = sales.data;
    const figures = (r: Omit<Row, 'key' | 'label'>) => [
      r.orders,
      r.units,
      dollars(r.revenueCents),
      dollars(r.discountCents),
      dollars(r.refundCents),
      dollars(r.netCents),
    ];
    const csv = toCsv([
      columns.map((column) => column.header),
      ...rows.map((row) => [groupLabel(t, groupBy, row), ...figures(row)]),
      [t.total, ...figures(totals)],
    ]);
    downloadCsv(`sales-${range.from}-${range.to}-${groupBy}.csv`, csv);
  };

  return (
    <section className="space-y-5" data-print-area>
      <style>{printStyle}</style>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-muted">{range.from === range.to ? range.from : `${range.from} – ${range.to}`}</p>
        <div className="ml-auto flex gap-2" data-print-hidden>
          <Button variant="secondary" onClick={exportCsv} disabled={!sales.data}>
            {t.exportCsv}
          </Button>
          <Button variant="secondary" onClick={() => window.print()}>
            {t.print}
          </Button>
        </div>
      </div>

      <div className="flex flex-wrap items-end gap-3" data-print-hidden>
        <div role="group" aria-label={t.range} className="flex flex-wrap gap-1">
          {[...rangePresets, 'custom' as const].map((name) => (
            <Button
              key={name}
              size="sm"
              variant={preset === name ? 'primary' : 'ghost'}
              aria-pressed={preset === name}
              onClick={() =>
                setFilters(
                  name === 'custom'
                    ? { preset: 'custom', from: range.from, to: range.to }
                    : { preset: name, from: '', to: '' },
                )
              }
            >
              {t[name]}
            </Button>
          ))}
        </div>
        {preset === 'custom' && (
          <>
            <TextField
              label={t.from}
              type="date"
              value={range.from}
              max={shopToday()}
              onChange={(event) => setFilters({ preset: 'custom', from: event.target.value, to: range.to })}
            />
            <TextField
              label={t.to}
              type="date"
              value={range.to}
              onChange={(event) => setFilters({ preset: 'custom', from: range.from, to: event.target.value })}
            />
          </>
        )}
        <SelectField
          label={t.groupBy}
          value={groupBy}
          onChange={(event) =>
            setFilters({ groupBy: event.target.value === 'day' ? '' : event.target.value })
          }
        >
          {salesGroupings.map((grouping) => (
            <option key={grouping} value={grouping}>
              {t[grouping]}
            </option>
          ))}
        </SelectField>
      </div>

      {sales.isPending ? (
        <LoadingBlock label={t.loading} />
      ) : sales.isError ? (
        <ErrorState title={t.loadFailed} detail={problemOf(sales.error)} />
      ) : (
        <>
          <Totals report={sales.data} previous={previous.data} before={before} />
          <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] print:grid-cols-1">
            <figure aria-label={t.chart} className="min-w-0 rounded-card border border-line bg-white p-3">
              <ResponsiveContainer width="100%" height={280}>
                <BarChart
                  data={sales.data.rows.map((row) => ({
                    label: groupLabel(t, groupBy, row),
                    net: row.netCents / 100,
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
                  <YAxis tick={{ fontSize: 11 }} />
                  <Tooltip formatter={(value) => `$${Number(value).toFixed(2)}`} />
                  <Bar dataKey="net" name={t.net} fill="#2563eb" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <ReportTable
              caption={t.sales}
              columns={columns}
              rows={sales.data.rows}
              empty={t.noSales}
              total={[
                t.total,
                sales.data.totals.orders,
                sales.data.totals.units,
                money(sales.data.totals.revenueCents),
                money(sales.data.totals.discountCents),
                money(sales.data.totals.refundCents),
                money(sales.data.totals.netCents),
              ]}
            />
          </div>
        </>
      )}

      <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-1">
        {top.data && (
          <ReportTable
            caption={t.topProducts}
            rows={top.data.rows}
            empty={t.noSales}
            columns={[
              { header: t.product, cell: (row) => row.label },
              { header: t.sku, cell: (row) => <span className="font-mono">{row.sku}</span> },
              { header: t.units, align: 'right', cell: (row) => row.units },
              { header: t.net, align: 'right', cell: (row) => money(row.netCents) },
            ]}
          />
        )}
        {margin.data && (
          <div className="space-y-2">
            <ReportTable
              caption={t.margin}
              rows={margin.data.rows}
              empty={t.noSales}
              columns={[
                { header: t.category, cell: (row) => row.label },
                { header: t.costedNet, align: 'right', cell: (row) => money(row.costedNetCents) },
                { header: t.cost, align: 'right', cell: (row) => money(row.costCents) },
                { header: t.marginColumn, align: 'right', cell: (row) => money(row.marginCents) },
                { header: t.uncosted, align: 'right', cell: (row) => money(row.uncostedNetCents) },
              ]}
              total={[
                t.total,
                money(margin.data.totals.costedNetCents),
                money(margin.data.totals.costCents),
                money(margin.data.totals.marginCents),
                money(margin.data.totals.uncostedNetCents),
              ]}
            />
            {margin.data.totals.uncostedNetCents > 0 && (
              <p className="text-sm text-muted">
                {t.uncostedNote(money(margin.data.totals.uncostedNetCents))}
              </p>
            )}
          </div>
        )}
        {takings.data && (
          <ReportTable
            caption={t.takings}
            rows={takings.data.rows}
            empty={t.noSales}
            columns={[
              { header: t.method, cell: (row) => t[row.method] },
              { header: t.currency, cell: (row) => row.currency },
              { header: t.payments, align: 'right', cell: (row) => row.payments },
              { header: t.received, align: 'right', cell: (row) => minor(row.currency, row.receivedMinor) },
              { header: t.refunded, align: 'right', cell: (row) => minor(row.currency, row.refundedMinor) },
              { header: t.net, align: 'right', cell: (row) => minor(row.currency, row.netMinor) },
            ]}
          />
        )}
        {shifts.data && (
          <ReportTable
            caption={t.shifts}
            rows={shifts.data.rows}
            empty={t.noShifts}
            columns={[
              { header: t.counter, cell: (row) => row.deviceName },
              { header: t.openedBy, cell: (row) => row.openedBy.name },
              { header: t.opened, cell: (row) => formatShopDateTime(row.openedAt, locale) },
              { header: t.sales, align: 'right', cell: (row) => money(row.sales.totalCents) },
              { header: t.expected, align: 'right', cell: (row) => pair(row.expected) },
              {
                header: t.counted,
                align: 'right',
                cell: (row) => (row.counted ? pair(row.counted) : t.stillOpen),
              },
              {
                header: t.difference,
                align: 'right',
                cell: (row) =>
                  row.difference ? (
                    <span className={row.difference.usdCents || row.difference.khr ? 'text-red-700' : ''}>
                      {pair(row.difference)}
                    </span>
                  ) : (
                    '–'
                  ),
              },
            ]}
          />
        )}
      </div>
    </section>
  );
}

const minor = (currency: 'USD' | 'KHR', amount: number) =>
  currency === 'USD' ? formatUsd(amount) : formatKhr(amount);
const pair = (cash: { usdCents: number; khr: number }) =>
  `${formatUsd(cash.usdCents)} · ${formatKhr(cash.khr)}`;

/** The range's totals, each with the period of the same length before it and the change in percent. */
function Totals({
  report,
  previous,
  before,
}: {
  report: SalesReport;
  previous: SalesReport | undefined;
  before: DayRange;
}) {
  const t = useMessages(reportTexts);
  const now = report.totals;
  const then = previous?.totals;
  const average = (totals: SalesReport['totals']) =>
    totals.orders ? Math.round(totals.netCents / totals.orders) : 0;
  const figures: { label: string; now: number; then?: number; show: (value: number) => string }[] = [
    { label: t.net, now: now.netCents, then: then?.netCents, show: formatUsd },
    { label: t.revenue, now: now.revenueCents, then: then?.revenueCents, show: formatUsd },
    { label: t.orders, now: now.orders, then: then?.orders, show: String },
    { label: t.units, now: now.units, then: then?.units, show: String },
    { label: t.averageOrder, now: average(now), then: then && average(then), show: formatUsd },
    { label: t.discounts, now: now.discountCents, then: then?.discountCents, show: formatUsd },
    { label: t.refunds, now: now.refundCents, then: then?.refundCents, show: formatUsd },
  ];
  return (
    <div className="space-y-1">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7" aria-label={t.total}>
        {figures.map((figure) => {
          const change = figure.then === undefined ? null : changePercent(figure.now, figure.then);
          return (
            <div
              key={figure.label}
              className="rounded-card border border-line bg-white p-3"
              data-testid="figure"
            >
              <dt className="text-sm text-muted">{figure.label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{figure.show(figure.now)}</dd>
              {figure.then !== undefined && (
                <dd className="text-xs text-muted">
                  {figure.show(figure.then)}
                  {change !== null && (
                    <span className={change >= 0 ? ' text-emerald-700' : ' text-red-700'}>
                      {` ${change >= 0 ? '+' : ''}${change}%`}
                    </span>
                  )}
                </dd>
              )}
            </div>
          );
        })}
      </dl>
      <p className="text-xs text-muted">{t.previous(before.from, before.to)}</p>
    </div>
  );
}
