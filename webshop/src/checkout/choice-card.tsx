import { cn } from '@shop/ui';
import type { InputHTMLAttributes, ReactNode } from 'react';

/** A radio button as a large card (pickup or delivery, USD or KHR, which address): easy to hit with a thumb. */
export function ChoiceCard({
  title,
  hint,
  aside,
  className,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'title'> & {
  title: ReactNode;
  hint?: ReactNode;
  aside?: ReactNode;
  ref?: React.Ref<HTMLInputElement>;
}) {
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-3 rounded-card border border-line bg-white p-4 transition-colors hover:border-brand-500',
        'has-checked:border-brand-600 has-checked:bg-brand-50/60 has-checked:ring-1 has-checked:ring-brand-600',
        'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-500',
        'has-disabled:cursor-not-allowed',
        className,
      )}
    >
      <input type="radio" className="mt-1 size-4 shrink-0 accent-brand-600 focus:outline-none" {...input} />
      <span className="min-w-0 flex-1">
        <span className="block font-semibold text-ink">{title}</span>
        {hint && <span className="mt-0.5 block text-sm text-muted">{hint}</span>}
      </span>
      {aside && <span className="shrink-0 text-right text-sm font-semibold">{aside}</span>}
    </label>
  );
}

/** The choices of one question (pickup or delivery, the currency), side by side from tablets up. */
export function ChoiceGroup({
  legend,
  legendClassName,
  children,
}: {
  legend: string;
  /** How the question shows; `sr-only` where the step's heading already asks it. */
  legendClassName: string;
  children: ReactNode;
}) {
  return (
    <fieldset>
      <legend className={legendClassName}>{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
