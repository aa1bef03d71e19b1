import { formatKhr, formatShopDateTime, formatUsd } from '@shop/shared';
import { EmptyState, ErrorState, LoadingBlock, useLocale, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import type { Shift } from '../../../core/pos/shifts';
import { run } from '../../bridge';
import { api, isApiError, problemOf } from '../api';
import { reportTexts } from './texts';

/**
 * A staff member's view of the reports: the open shift of this counter, as the server has it, through the one
 * report route staff may use (the server answers 404 for a shift someone else opened).
 */
export function MyShiftScreen() {
  const t = useMessages(reportTexts);
  const { locale } = useLocale();
  const shift = useQuery({
    queryKey: ['reports', 'current-shift'],
    queryFn: () => run<Shift | null>('currentShift'),
  });
  const shiftId = shift.data?.id;
  const report = useQuery({
    queryKey: ['reports', 'my-shift', shiftId],
    queryFn: () => api.getMyShiftReport({ params: { id: shiftId! } }),
    enabled: Boolean(shiftId),
  });

  const cash = (pair: { usdCents: number; khr: number }) =>
    `${formatUsd(pair.usdCents)} · ${formatKhr(pair.khr)}`;
  let body;
  if (shift.isPending || (shiftId && report.isPending)) body = <LoadingBlock label={t.loading} />;
  else if (!shiftId) body = <EmptyState title={t.noShift} />;
  else if (report.isError)
    body = isApiError(report.error, 404) ? (
      <EmptyState title={t.shiftNotSynced} />
    ) : (
      <ErrorState title={t.loadFailed} detail={problemOf(report.error)} />
    );
  else if (report.data) {
    const r = report.data;
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
    body = (
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-card border border-line bg-white p-4">
        {lines.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="text-right tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.myShift}</h1>
      <p className="text-muted">{t.myShiftWhy}</p>
      {body}
    </section>
  );
}
