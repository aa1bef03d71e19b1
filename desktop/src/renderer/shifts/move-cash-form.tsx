import type { Currency } from '@shop/shared';
import { Button, cn, FormAlert, TextField, useMessages } from '@shop/ui';
import { useState } from 'react';
import { messageOf, run } from '../bridge';
import { dollarsToCents } from '../sale/dollars';
import { rielTyped } from '../returns/pick';
import { shiftTexts } from './texts';

/** Cash into or out of the drawer outside a sale (change from the bank, ice for the water), always with a reason. */
export function MoveCashForm({ onMoved }: { onMoved: () => void }) {
  const t = useMessages(shiftTexts);
  const [kind, setKind] = useState<'pay_in' | 'pay_out'>('pay_out');
  const [currency, setCurrency] = useState<Currency>('USD');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const record = async () => {
    const value = currency === 'USD' ? dollarsToCents(amount) : rielTyped(amount);
    if (value === null) return setProblem(t.notAmount);
    try {
      await run('moveCash', { kind, currency, amount: value, reason });
      setAmount('');
      setReason('');
      setProblem(null);
      setDone(true);
      onMoved();
    } catch (failure) {
      setProblem(messageOf(failure));
      setDone(false);
    }
  };

  const toggle = <T extends string>(value: T, chosen: T, set: (v: T) => void, label: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={chosen === value}
      onClick={() => set(value)}
      className={cn(
        'h-11 rounded-lg border px-3 text-sm font-semibold',
        chosen === value ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-line bg-white',
      )}
    >
      {label}
    </button>
  );

  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void record();
      }}
    >
      <h2 className="font-semibold">{t.moveTitle}</h2>
      <div className="grid grid-cols-2 gap-2" role="radiogroup" aria-label={t.moveTitle}>
        {toggle('pay_in', kind, setKind, t.payIn)}
        {toggle('pay_out', kind, setKind, t.payOut)}
      </div>
      <div className="grid grid-cols-2 gap-2" role="radiogroup" aria-label={t.currency}>
        {toggle<Currency>('USD', currency, setCurrency, 'USD $')}
        {toggle<Currency>('KHR', currency, setCurrency, 'KHR ៛')}
      </div>
      <TextField
        label={currency === 'USD' ? t.amountUsd : t.amountKhr}
        inputMode="decimal"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <TextField
        label={t.reason}
        value={reason}
        maxLength={200}
        onChange={(event) => setReason(event.target.value)}
      />
      {problem && <FormAlert>{problem}</FormAlert>}
      {done && !problem && <FormAlert tone="success">{t.moved}</FormAlert>}
      <Button type="submit" variant="secondary" size="lg">
        {t.record}
      </Button>
    </form>
  );
}
