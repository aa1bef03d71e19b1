import { formatKhr, formatUsd } from '@shop/shared';
import { cn, TextField, useMessages } from '@shop/ui';
import { centsToDollars, dollarsToCents } from '../sale/dollars';
import { refundWays, rielTyped, type RefundWay } from './pick';
import { returnTexts } from './texts';

/** How the money goes back: the way (cash in dollars or riel, KHQR), the amount (proposed, may be changed), why. */
export function RefundForm({
  way,
  onWay,
  proposed,
  amountText,
  onAmountText,
  reason,
  onReason,
}: {
  way: RefundWay;
  onWay: (way: RefundWay) => void;
  /** In the way's currency: USD cents or riel. */
  proposed: number;
  /** null: the proposal stands. */
  amountText: string | null;
  onAmountText: (text: string | null) => void;
  reason: string;
  onReason: (reason: string) => void;
}) {
  const t = useMessages(returnTexts);
  const khr = way === 'cash-KHR';
  const shown = amountText ?? (khr ? String(proposed) : centsToDollars(proposed));
  const wrong = amountText !== null && refundAmount(way, amountText) === null;
  const label = { 'cash-USD': t.cashUsd, 'cash-KHR': t.cashKhr, 'khqr-USD': t.khqr };
  return (
    <section className="grid gap-3 rounded-card border border-line bg-white p-4 shadow-sm">
      <h2 className="font-semibold">{t.refund}</h2>
      <div role="radiogroup" aria-label={t.method} className="grid grid-cols-3 gap-2">
        {refundWays.map(({ way: each }) => (
          <button
            key={each}
            type="button"
            role="radio"
            aria-checked={way === each}
            onClick={() => {
              onWay(each);
              onAmountText(null);
            }}
            className={cn(
              'h-12 rounded-lg border px-2 text-sm font-semibold',
              way === each ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-line bg-white',
            )}
          >
            {label[each]}
          </button>
        ))}
      </div>
      <TextField
        label={khr ? t.amountKhr : t.amountUsd}
        inputMode="decimal"
        value={shown}
        error={wrong ? t.notAmount : undefined}
        hint={t.proposed(khr ? formatKhr(proposed) : formatUsd(proposed))}
        onFocus={(event) => event.target.select()}
        onChange={(event) => onAmountText(event.target.value)}
      />
      <TextField
        label={t.reason}
        value={reason}
        maxLength={200}
        onChange={(event) => onReason(event.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        {[t.reasonFaulty, t.reasonWrong, t.reasonMind].map((quick) => (
          <button
            key={quick}
            type="button"
            onClick={() => onReason(quick)}
            className="h-10 rounded-full border border-line px-4 text-sm hover:bg-slate-50"
          >
            {quick}
          </button>
        ))}
      </div>
    </section>
  );
}

/** The amount typed in the way's currency (USD cents or riel); null when it is not an amount. */
export function refundAmount(way: RefundWay, text: string): number | null {
  return way === 'cash-KHR' ? rielTyped(text) : dollarsToCents(text);
}
