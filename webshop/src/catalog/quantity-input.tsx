import { useMessages } from '@shop/ui';
import { Minus, Plus } from 'lucide-react';
import { useState } from 'react';
import { catalogText } from './messages';

/** How many to add: − and + around a number field a customer can also type into. */
export function QuantityInput({
  id,
  value,
  max,
  onChange,
  disabled = false,
}: {
  id: string;
  value: number;
  max: number;
  onChange: (value: number) => void;
  disabled?: boolean;
}) {
  const t = useMessages(catalogText);
  // What is being typed (it may be empty for a moment); the quantity itself is always a valid number.
  const [draft, setDraft] = useState<string | null>(null);
  const clamp = (n: number) => Math.min(max, Math.max(1, Math.floor(n) || 1));
  const step =
    'grid size-11 place-items-center text-ink hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent';
  return (
    <div className="inline-flex h-11 items-center overflow-hidden rounded-lg border border-line bg-white shadow-sm focus-within:ring-2 focus-within:ring-brand-200">
      <button
        type="button"
        className={step}
        onClick={() => onChange(clamp(value - 1))}
        disabled={disabled || value <= 1}
        aria-label={t.decrease}
        aria-controls={id}
      >
        <Minus className="size-4" aria-hidden="true" />
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        value={draft ?? value}
        disabled={disabled}
        onChange={(event) => {
          setDraft(event.target.value);
          if (event.target.value.trim() !== '') onChange(clamp(Number(event.target.value)));
        }}
        onBlur={() => setDraft(null)}
        className="h-full w-12 border-x border-line text-center text-base font-semibold tabular-nums [appearance:textfield] focus:outline-none [&::-webkit-inner-spin-button]:appearance-none"
      />
      <button
        type="button"
        className={step}
        onClick={() => onChange(clamp(value + 1))}
        disabled={disabled || value >= max}
        aria-label={t.increase}
        aria-controls={id}
      >
        <Plus className="size-4" aria-hidden="true" />
      </button>
    </div>
  );
}
