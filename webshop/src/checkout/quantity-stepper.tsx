import { cn } from '@shop/ui';
import { Minus, Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';

/** The most units of one product a cart line or order line may hold (the shared schema's limit). */
export const MAX_LINE_QUANTITY = 99;

interface QuantityStepperProps {
  value: number;
  /** The most that can be ordered now (stock), never above 99. */
  max: number;
  label: string;
  decreaseLabel: string;
  increaseLabel: string;
  disabled?: boolean;
  onChange: (quantity: number) => void;
}

/** Waits this long after the last press before sending: five quick presses are one request on a slow phone. */
const SETTLE_MS = 450;

/**
 * − [n] + for a cart line. Presses show at once and are sent when they pause; a typed number is sent on Enter or
 * when the field is left. Whatever the server answers replaces what is shown.
 */
export function QuantityStepper({
  value,
  max,
  label,
  decreaseLabel,
  increaseLabel,
  disabled = false,
  onChange,
}: QuantityStepperProps) {
  const upper = Math.max(1, Math.min(max, MAX_LINE_QUANTITY));
  const [draft, setDraft] = useState(String(value));
  const [shownValue, setShownValue] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The server's answer wins: a new value from it replaces the draft.
  if (value !== shownValue) {
    setShownValue(value);
    setDraft(String(value));
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (quantity: number) => {
    clearTimeout(timer.current);
    const next = Math.min(Math.max(1, Number.isFinite(quantity) ? Math.round(quantity) : value), upper);
    setDraft(String(next));
    if (next !== value) onChange(next);
  };

  const step = (delta: number) => {
    const current = Number.parseInt(draft, 10) || value;
    // Over the stock (it sold meanwhile), the first press down goes straight to what is left.
    const next = Math.min(Math.max(1, current + delta), upper);
    setDraft(String(next));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(next), SETTLE_MS);
  };

  const current = Number.parseInt(draft, 10) || value;
  const button =
    'grid size-10 place-items-center text-ink hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent';

  return (
    <div
      className={cn(
        'inline-flex h-10 items-stretch overflow-hidden rounded-lg border border-line bg-white',
        disabled && 'opacity-60',
      )}
    >
      <button
        type="button"
        className={button}
        aria-label={decreaseLabel}
        disabled={disabled || current <= 1}
        onClick={() => step(-1)}
      >
        <Minus className="size-4" aria-hidden="true" />
      </button>
      <input
        type="number"
        inputMode="numeric"
        min={1}
        max={upper}
        aria-label={label}
        value={draft}
        disabled={disabled}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => commit(Number.parseInt(draft, 10))}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(Number.parseInt(draft, 10));
        }}
        className="w-12 [appearance:textfield] border-x border-line text-center text-base font-semibold tabular-nums focus:outline-none focus-visible:bg-brand-50 [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
      />
      <button
        type="button"
        className={button}
        aria-label={increaseLabel}
        disabled={disabled || current >= upper}
        onClick={() => step(1)}
      >
        <Plus className="size-4" aria-hidden="true" />
      </button>
    </div>
  );
}
