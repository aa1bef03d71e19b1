import { type Currency, formatKhr, formatUsd } from '@shop/shared';
import { cn, useMessages } from '@shop/ui';
import type { Cash } from '../../core/pos/shifts';
import { countTotal, formatNote, notes, type NoteCount } from './denominations';
import { shiftTexts } from './texts';

export interface CashCountValue {
  USD: NoteCount;
  KHR: NoteCount;
}

export const emptyCount = (): CashCountValue => ({ USD: {}, KHR: {} });

export const countedCash = (count: CashCountValue) => ({
  usdCents: countTotal(count.USD),
  khr: countTotal(count.KHR),
});

/**
 * The drawer counted note by note, dollars beside riel, each currency's total worked out as it is typed; at the close,
 * what should be there and the difference under each total, in view while counting.
 */
export function CashCount({
  value,
  onChange,
  expected,
}: {
  value: CashCountValue;
  onChange: (value: CashCountValue) => void;
  expected?: Cash;
}) {
  const t = useMessages(shiftTexts);
  const format = (currency: Currency, amount: number) =>
    currency === 'USD' ? formatUsd(amount) : formatKhr(amount);
  const against = (currency: Currency) => {
    if (!expected) return null;
    const should = currency === 'USD' ? expected.usdCents : expected.khr;
    const off = countTotal(value[currency]) - should;
    return (
      <p
        className={cn(
          'flex justify-between text-sm font-semibold tabular-nums',
          off === 0 ? 'text-emerald-800' : off > 0 ? 'text-amber-800' : 'text-red-800',
        )}
      >
        <span>
          {t.expected} {format(currency, should)}
        </span>
        <span>
          {off < 0 ? '−' : off > 0 ? '+' : ''}
          {format(currency, Math.abs(off))}
        </span>
      </p>
    );
  };
  const column = (currency: Currency) => (
    <fieldset className="grid content-start gap-1">
      <legend className="mb-1 font-semibold">{currency === 'USD' ? t.usdNotes : t.khrNotes}</legend>
      {notes[currency].map((note) => (
        <label key={note} className="grid grid-cols-[1fr_4rem] items-center gap-2">
          <span className="text-right whitespace-nowrap tabular-nums">{formatNote(currency, note)} ×</span>
          <input
            type="number"
            min={0}
            max={100_000}
            inputMode="numeric"
            aria-label={t.notes(formatNote(currency, note))}
            value={value[currency][note] ?? ''}
            placeholder="0"
            onFocus={(event) => event.target.select()}
            onChange={(event) => {
              const n = Math.max(0, Math.min(100_000, Math.floor(Number(event.target.value) || 0)));
              onChange({ ...value, [currency]: { ...value[currency], [note]: n } });
            }}
            className="h-9 rounded-lg border border-line px-2 text-right tabular-nums focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
          />
        </label>
      ))}
      <p className="mt-1 flex justify-between border-t border-line pt-2 text-lg font-bold">
        <span>{t.total}</span>
        <span data-testid={`count-total-${currency}`} className="tabular-nums">
          {format(currency, countTotal(value[currency]))}
        </span>
      </p>
      {against(currency)}
    </fieldset>
  );
  return (
    <div className="grid grid-cols-2 gap-4 max-[1100px]:gap-3">
      {column('USD')}
      {column('KHR')}
    </div>
  );
}
