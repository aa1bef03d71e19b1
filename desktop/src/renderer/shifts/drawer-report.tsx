import { formatKhr, formatUsd } from '@shop/shared';
import { cn, useMessages } from '@shop/ui';
import type { Cash, DrawerReport } from '../../core/pos/shifts';
import { shiftTexts } from './texts';

/**
 * The drawer in figures, dollars beside riel: the float, cash from sales, refunds, each pay-in and pay-out, what
 * should be there; with a count, what is there and the difference per currency (red when money is missing).
 */
export function DrawerFigures({ report, counted }: { report: DrawerReport; counted?: Cash }) {
  const t = useMessages(shiftTexts);
  const count = counted ?? report.counted;
  const difference = count && {
    usdCents: count.usdCents - report.expectedUsdCents,
    khr: count.khr - report.expectedKhr,
  };
  const row = (label: string, usd: number | null, khr: number | null, strong = false, testId?: string) => (
    <tr className={cn('border-b border-line/60', strong && 'text-lg font-bold')} data-testid={testId}>
      <th scope="row" className="py-1.5 pr-3 text-left font-normal">
        {label}
      </th>
      <td className="py-1.5 text-right tabular-nums">{usd === null ? '' : formatUsd(usd || 0)}</td>
      <td className="py-1.5 pl-3 text-right tabular-nums">{khr === null ? '' : formatKhr(khr || 0)}</td>
    </tr>
  );
  const verdict = (value: number) => (value === 0 ? t.exact : value > 0 ? t.over : t.short);
  return (
    <div className="grid gap-3">
      <p className="flex flex-wrap gap-x-6 text-sm">
        <span>
          {t.sales}: <strong data-testid="report-sales">{report.sales}</strong>
        </span>
        <span>
          {t.takings}: <strong className="tabular-nums">{formatUsd(report.takingsCents)}</strong>
        </span>
        <span>
          {t.returns}: <strong>{report.returns}</strong>
        </span>
      </p>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-muted">
            <th />
            <th className="text-right font-medium">USD</th>
            <th className="text-right font-medium">KHR</th>
          </tr>
        </thead>
        <tbody>
          {row(t.float, report.float.usdCents, report.float.khr)}
          {row(t.cashSales, report.cashSales.usdCents, report.cashSales.khr)}
          {row(t.cashRefunds, -report.cashRefunds.usdCents, -report.cashRefunds.khr)}
          {report.movements.map((m) => {
            const amount = m.kind === 'pay_in' ? m.amount : -m.amount;
            return (
              <tr
                key={`${m.at}-${m.reason}`}
                className="border-b border-line/60"
                data-testid="report-movement"
              >
                <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                  {m.kind === 'pay_in' ? t.payIn : t.payOut}: {m.reason}
                </th>
                <td className="py-1.5 text-right tabular-nums">
                  {m.currency === 'USD' ? formatUsd(amount) : ''}
                </td>
                <td className="py-1.5 pl-3 text-right tabular-nums">
                  {m.currency === 'KHR' ? formatKhr(amount) : ''}
                </td>
              </tr>
            );
          })}
          {row(t.expected, report.expectedUsdCents, report.expectedKhr, true, 'report-expected')}
          {count && row(t.counted, count.usdCents, count.khr, true)}
        </tbody>
      </table>
      {difference && (
        <div className="grid gap-2" data-testid="difference">
          {(
            [
              ['USD', difference.usdCents, formatUsd(Math.abs(difference.usdCents))],
              ['KHR', difference.khr, formatKhr(Math.abs(difference.khr))],
            ] as const
          ).map(([currency, value, text]) => (
            <p
              key={currency}
              data-testid={`difference-${currency}`}
              className={cn(
                'rounded-lg px-3 py-2 text-center text-lg font-bold tabular-nums',
                value === 0
                  ? 'bg-emerald-50 text-emerald-800'
                  : value > 0
                    ? 'bg-amber-50 text-amber-800'
                    : 'bg-red-50 text-red-800',
              )}
            >
              {t.difference} {currency}: {value < 0 ? '−' : value > 0 ? '+' : ''}
              {text} ({verdict(value)})
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
