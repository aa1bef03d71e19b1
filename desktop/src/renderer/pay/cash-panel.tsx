import type { Currency } from '@shop/shared';
import { Button, cn, TextField, useMessages } from '@shop/ui';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { SaleView } from '../../core/commands';
import { centsToDollars } from '../sale/dollars';
import { changeFor, dueInCurrency, rielNotes, typedCash, usdNotes } from './cash';
import { formatMoney } from './money';
import { payTexts } from './texts';

/** A two-way choice as big toggle buttons (currency, the change's currency). */
function Toggle<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-2">
      <span className="w-32 text-sm text-muted">{label}</span>
      {options.map((option) => (
        <Button
          key={option.value}
          variant={option.value === value ? 'primary' : 'secondary'}
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
          className="h-11 min-w-24"
        >
          {option.label}
        </Button>
      ))}
    </div>
  );
}

/**
 * Cash in dollars or riel: notes add up with one tap each, Enter with nothing typed takes exactly what is left, the
 * change is shown in both currencies before it is taken and given in the currency the cashier picks.
 */
export function CashPanel({
  sale,
  pay,
}: {
  sale: SaleView;
  pay: (input: { tendered: number; currency: Currency; changeCurrency: Currency }) => Promise<boolean>;
}) {
  const t = useMessages(payTexts);
  const [currency, setCurrency] = useState<Currency>('USD');
  const [typed, setTyped] = useState('');
  const [changeCurrency, setChangeCurrency] = useState<Currency | null>(null);
  const [invalid, setInvalid] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const due = dueInCurrency(currency, sale.totals.dueCents, sale.rielPerUsd);
  const tendered = typed.trim() === '' ? null : typedCash(typed, currency);
  const change =
    tendered === null ? null : changeFor(tendered, currency, sale.totals.dueCents, sale.rielPerUsd);
  const giveIn = changeCurrency ?? currency;

  const chooseCurrency = (next: Currency) => {
    setCurrency(next);
    setTyped('');
    setInvalid(false);
    field.current?.focus();
  };
  const addNote = (noteCurrency: Currency, note: number) => {
    // A note of the other currency starts a new count: a customer hands over one currency at a time.
    const base = noteCurrency === currency ? (typedCash(typed, currency) ?? 0) : 0;
    setCurrency(noteCurrency);
    setTyped(noteCurrency === 'USD' ? centsToDollars(base + note) : String(base + note));
    setInvalid(false);
    field.current?.focus();
  };
  const take = async () => {
    const amount = typed.trim() === '' ? due : typedCash(typed, currency);
    if (amount === null || amount <= 0) return setInvalid(true);
    if (await pay({ tendered: amount, currency, changeCurrency: giveIn })) {
      setTyped('');
      setChangeCurrency(null);
    }
    field.current?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void take();
  };

  return (
    <div className="grid gap-4">
      <Toggle
        label={t.currency}
        value={currency}
        options={[
          { value: 'USD', label: `$ ${t.dollars}` },
          { value: 'KHR', label: `៛ ${t.riel}` },
        ]}
        onChange={chooseCurrency}
      />
      <TextField
        ref={field}
        label={t.cashReceived(currency === 'USD' ? '$' : '៛')}
        value={typed}
        inputMode="decimal"
        autoComplete="off"
        autoFocus
        className="text-2xl"
        onChange={(event) => {
          setTyped(event.target.value);
          setInvalid(false);
        }}
        onKeyDown={onKey}
        hint={t.exactHint(formatMoney(currency, due))}
        {...(invalid && { error: t.notAmount })}
      />
      <div className="grid gap-2" role="group" aria-label={t.notes}>
        <div className="grid grid-cols-6 gap-2">
          {usdNotes.map((note) => (
            <NoteButton key={note} onPress={() => addNote('USD', note)} active={currency === 'USD'}>
              {formatMoney('USD', note).replace('.00', '')}
            </NoteButton>
          ))}
        </div>
        <div className="grid grid-cols-7 gap-2">
          {rielNotes.map((note) => (
            <NoteButton key={note} onPress={() => addNote('KHR', note)} active={currency === 'KHR'}>
              {formatMoney('KHR', note)}
            </NoteButton>
          ))}
        </div>
      </div>
      <Toggle
        label={t.changeIn}
        value={giveIn}
        options={[
          { value: 'USD', label: '$' },
          { value: 'KHR', label: '៛' },
        ]}
        onChange={setChangeCurrency}
      />
      <div className="min-h-20 rounded-card border border-line bg-slate-50 p-3" aria-live="polite">
        {change ? (
          <>
            <p className="text-sm text-muted">{t.change}</p>
            <p className="flex flex-wrap items-baseline gap-x-6 text-2xl font-bold tabular-nums">
              <span data-testid="change-usd" className={cn(giveIn !== 'USD' && 'text-muted')}>
                {formatMoney('USD', change.usdCents)}
              </span>
              <span data-testid="change-khr" className={cn(giveIn !== 'KHR' && 'text-muted')}>
                {formatMoney('KHR', change.khr)}
              </span>
            </p>
            {change.khrRoundedOff > 0 && giveIn === 'KHR' && (
              <p className="text-sm text-muted" data-testid="change-rounding">
                {t.roundedOff(formatMoney('KHR', change.khrRoundedOff))}
              </p>
            )}
          </>
        ) : (
          tendered !== null && tendered > 0 && <p className="text-sm text-muted">{t.notEnough}</p>
        )}
      </div>
      <Button size="lg" className="h-14 text-lg" onClick={() => void take()}>
        {t.take} · {tendered === null ? formatMoney(currency, due) : formatMoney(currency, tendered)}
        <kbd className="ml-2 rounded border border-current/30 px-1 font-mono text-xs">Enter</kbd>
      </Button>
    </div>
  );
}

function NoteButton({
  onPress,
  active,
  children,
}: {
  onPress: () => void;
  active: boolean;
  children: string;
}) {
  return (
    <Button
      variant="secondary"
      onClick={onPress}
      className={cn('h-12 px-1 text-sm tabular-nums', active && 'border-brand-300')}
    >
      {children}
    </Button>
  );
}
