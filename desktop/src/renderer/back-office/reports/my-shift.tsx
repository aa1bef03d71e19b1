import { formatKhr, formatShopDateTime, formatUsd, type ShiftReport } from '@shop/shared';
import { Button, EmptyState, ErrorState, LoadingBlock, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Shift } from '../../../core/pos/shifts';
import { run } from '../../bridge';
import { api, isApiError, problemOf } from '../api';
import { useListAddress } from '../list-address';
import { Pager } from '../payments/pager';
import { ReportTable } from './report-table';
import { reportTexts } from './texts';

const addressKeys = [] as const;
const PAGE_SIZE = 10;

const cash = (pair: { usdCents: number; khr: number }) =>
  `${formatUsd(pair.usdCents)} · ${formatKhr(pair.khr)}`;

/**
 * A staff member's view of the reports: their own shifts as the server has them, newest first, and one of them
 * opened (at first the shift open at this counter). The server lists only the shifts the caller opened and answers
 * 404 for anyone else's.
 */
export function MyShiftScreen() {
  const t = useMessages(reportTexts);
  const { locale } = useLocale();
  const { page, setPage } = useListAddress(addressKeys);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['reports', 'current-shift'],
    queryFn: () => run<Shift | null>('currentShift'),
  });
  const mine = useQuery({
    queryKey: ['reports', 'my-shifts', page],
    queryFn: () => api.listMyShifts({ query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const shiftId = chosen ?? current.data?.id;
  const report = useQuery({
    queryKey: ['reports', 'my-shift', shiftId],
    queryFn: () => api.getMyShiftReport({ params: { id: shiftId! } }),
    enabled: Boolean(shiftId),
  });

  let detail;
  if (current.isPending || (shiftId && report.isPending)) detail = <LoadingBlock label={t.loading} />;
  else if (!shiftId) detail = <EmptyState title={t.noShift} />;
  else if (report.isError)
    detail = isApiError(report.error, 404) ? (
      <EmptyState title={t.shiftNotSynced} />
    ) : (
      <ErrorState title={t.loadFailed} detail={problemOf(report.error)} />
    );
  else if (report.data) detail = <ShiftFigures report={report.data} />;

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.myShift}</h1>
      <p className="text-muted">{t.myShiftWhy}</p>
      {detail}
      {mine.isError && <ErrorState title={t.loadFailed} detail={problemOf(mine.error)} />}
      {mine.data && (
        <div className="max-w-4xl space-y-2">
          <ReportTable
            caption={t.myShifts}
            rows={mine.data.items}
            empty={t.noShiftsYet}
            columns={[
              { header: t.counter, cell: (row) => row.deviceName },
              { header: t.opened, cell: (row) => formatShopDateTime(row.openedAt, locale) },
              {
                header: t.closed,
                cell: (row) =>
                  row.closedAt === null ? t.stillOpen : formatShopDateTime(row.closedAt, locale),
              },
              { header: t.sales, align: 'right', cell: (row) => formatUsd(row.sales.totalCents) },
              {
                header: t.difference,
                align: 'right',
                cell: (row) => (row.difference ? cash(row.difference) : '–'),
              },
              {
                header: t.shiftShown,
                cell: (row) => (
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-pressed={row.id === shiftId}
                    onClick={() => setChosen(row.id)}
                  >
                    {t.show}
                  </Button>
                ),
              },
            ]}
          />
          <Pager {...mine.data} onPage={setPage} />
        </div>
      )}
    </section>
  );
}

/** One shift's X or Z report: float, cash in and out, what the drawer should hold, what was counted. */
function ShiftFigures({ report: r }: { report: ShiftReport }) {
  const t = useMessages(reportTexts);
  const { locale } = useLocale();
  const lines: [string, string][] = [
    [t.counter, r.deviceName],
    [t.opened, formatShopDateTime(r.openedAt, locale)],
    [t.sales, t.salesCount(r.sales.count, formatUsd(r.sales.totalCents))],
    [t.float, cash(r.float)],
    [t.cashSales, cash(r.cashSales)],
    [t.payIns, cash(r.payIns)],
    [t.payOuts, cash(r.payOuts)],
    [t.cashRefunds, cash(r.cashRefunds)],
    [t.expected, cash(r.expected)],
    [t.counted, r.counted ? cash(r.counted) : t.stillOpen],
    [t.difference, r.difference ? cash(r.difference) : '–'],
  ];
  return (
    <dl
      aria-label={t.shiftFigures}
      className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-card border border-line bg-white p-4"
    >
      {lines.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className="text-right tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
