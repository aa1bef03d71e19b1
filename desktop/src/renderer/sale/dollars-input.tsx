import { cn, useMessages } from '@shop/ui';
import { useState } from 'react';
import { centsToDollars, dollarsToCents } from './dollars';
import { saleTexts } from './texts';

/**
 * An amount in dollars, sent when the cashier presses Enter or leaves the field; what is not an amount is said so
 * and nothing is sent. Shows the core's figure again when the core refused the new one.
 */
export function DollarsInput({
  cents,
  label,
  onCommit,
  className,
}: {
  cents: number;
  label: string;
  onCommit: (cents: number) => Promise<boolean>;
  className?: string;
}) {
  const t = useMessages(saleTexts);
  const [text, setText] = useState<string | null>(null);
  const [wrong, setWrong] = useState(false);
  const shown = text ?? centsToDollars(cents);

  const commit = async () => {
    if (text === null) return;
    const value = dollarsToCents(text);
    if (value === null) return setWrong(true);
    setWrong(false);
    if (value !== cents) await onCommit(value);
    setText(null);
  };

  return (
    <input
      aria-label={label}
      title={wrong ? t.notAmount : label}
      aria-invalid={wrong || undefined}
      inputMode="decimal"
      value={shown}
      onFocus={(event) => event.target.select()}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          void commit();
        }
      }}
      className={cn(
        'h-11 w-20 rounded-lg border px-2 text-right tabular-nums',
        wrong ? 'border-red-500' : 'border-line',
        className,
      )}
    />
  );
}
