import { formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import { useMessages } from '@shop/ui';
import type { SaleView } from '../../core/commands';
import { DollarsInput } from './dollars-input';
import { saleTexts } from './texts';

/** The sum of the sale: the total big in dollars with riel beside it (at the shop's rate, to 100 riel). */
export function TotalsPanel({
  sale,
  change,
}: {
  sale: SaleView;
  change: (command: string, input: unknown) => Promise<boolean>;
}) {
  const t = useMessages(saleTexts);
  const { totals, cart } = sale;
  const units = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <section className="rounded-card border border-line bg-white p-4 shadow-sm">
      <dl className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">{t.items(units)}</dt>
        <dd />
        <dt className="text-muted">{t.subtotal}</dt>
        <dd className="text-right tabular-nums">{formatUsd(totals.grossCents)}</dd>
        {totals.grossCents !== totals.subtotalCents && (
          <>
            <dt className="text-muted">{t.lineDiscounts}</dt>
            <dd className="text-right tabular-nums">
              −{formatUsd(totals.grossCents - totals.subtotalCents)}
            </dd>
          </>
        )}
        <dt className="text-muted">{t.orderDiscount}</dt>
        <dd className="text-right">
          <DollarsInput
            label={t.orderDiscount}
            cents={cart.discountCents}
            onCommit={(discountCents) => change('setSaleDiscount', { discountCents })}
          />
        </dd>
      </dl>
      <div className="mt-3 border-t border-line pt-3">
        <p className="text-sm font-semibold text-muted">{t.total}</p>
        <p className="flex flex-wrap items-baseline justify-between gap-x-4">
          <span data-testid="total-usd" className="text-5xl font-bold tabular-nums">
            {formatUsd(totals.totalCents)}
          </span>
          <span data-testid="total-khr" className="text-2xl font-semibold text-muted tabular-nums">
            {formatKhr(usdCentsToKhr(Math.max(totals.totalCents, 0), sale.rielPerUsd))}
          </span>
        </p>
      </div>
    </section>
  );
}
