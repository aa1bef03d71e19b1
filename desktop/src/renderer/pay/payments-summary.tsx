import { formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import { Badge, Button, useMessages } from '@shop/ui';
import type { SaleView } from '../../core/commands';
import { formatMoney } from './money';
import { payTexts } from './texts';

/** What the sale comes to, what each payment took and what is left, in dollars and riel; the last can be taken off. */
export function PaymentsSummary({ sale, onRemoveLast }: { sale: SaleView; onRemoveLast: () => void }) {
  const t = useMessages(payTexts);
  const { totals, cart } = sale;
  const last = cart.payments.at(-1);
  return (
    <section className="grid gap-3 rounded-card border border-line bg-white p-4 shadow-sm">
      <div>
        <p className="text-sm font-semibold text-muted">{t.total}</p>
        <p className="flex flex-wrap items-baseline justify-between gap-x-4">
          <span className="text-4xl font-bold tabular-nums" data-testid="pay-total-usd">
            {formatUsd(totals.totalCents)}
          </span>
          <span className="text-xl font-semibold text-muted tabular-nums">
            {formatKhr(usdCentsToKhr(Math.max(totals.totalCents, 0), sale.rielPerUsd))}
          </span>
        </p>
      </div>
      <h3 className="text-sm font-semibold text-muted">{t.payments}</h3>
      {cart.payments.length === 0 ? (
        <p className="text-sm text-muted">{t.noPayments}</p>
      ) : (
        <ol className="grid gap-1 text-sm">
          {cart.payments.map((payment, i) => (
            <li
              key={i}
              className="flex flex-wrap items-baseline justify-between gap-x-3"
              data-testid="payment"
            >
              <span className="font-semibold">
                {payment.method === 'cash'
                  ? t.cashPayment(payment.currency)
                  : t.khqrPayment(payment.currency)}
                {payment.online?.status === 'pending' && (
                  <Badge tone="warning" className="ml-2">
                    {t.pending}
                  </Badge>
                )}
              </span>
              <span className="tabular-nums">
                {formatMoney(payment.currency, payment.amount)}
                {payment.tendered !== undefined && payment.tendered !== payment.amount && (
                  <span className="text-muted">
                    {' '}
                    · {t.tendered(formatMoney(payment.currency, payment.tendered))}
                  </span>
                )}
                {payment.change > 0 && (
                  <span className="text-muted">
                    {' '}
                    · {t.changeGiven(formatMoney(payment.changeCurrency, payment.change))}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {totals.roundingRiel !== 0 && (
        <p className="flex justify-between text-sm text-muted" data-testid="rounding">
          <span>{t.rounding}</span>
          <span className="tabular-nums">
            {totals.roundingRiel > 0 ? '+' : '−'}
            {formatKhr(Math.abs(totals.roundingRiel))}
          </span>
        </p>
      )}
      <div className="border-t border-line pt-3">
        <p className="text-sm font-semibold text-muted">{t.left}</p>
        <p className="flex flex-wrap items-baseline justify-between gap-x-4">
          <span className="text-4xl font-bold text-brand-700 tabular-nums" data-testid="left-usd">
            {formatUsd(Math.max(totals.dueCents, 0))}
          </span>
          <span className="text-2xl font-semibold text-muted tabular-nums" data-testid="left-khr">
            {formatKhr(sale.dueKhr)}
          </span>
        </p>
      </div>
      {last && last.online?.status !== 'paid' && (
        <Button variant="secondary" onClick={onRemoveLast} aria-keyshortcuts="F7">
          {t.removeLast} <kbd className="font-mono text-xs opacity-70">F7</kbd>
        </Button>
      )}
    </section>
  );
}
