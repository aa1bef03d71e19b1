import { cn } from '@shop/ui';
import { formatKhr, formatUsd } from '@shop/shared';
import type { ReactNode } from 'react';

/** A list of money rows (subtotal, delivery, total): dollars first, riel under them, as prices are read here. */
export function Totals({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cn('space-y-2 text-sm', className)}>{children}</dl>;
}

export function TotalRow({
  label,
  cents,
  khr,
  text,
  strong = false,
}: {
  label: ReactNode;
  cents?: number;
  khr?: number | null;
  /** Shown instead of an amount ("Free", "Chosen at checkout"). */
  text?: ReactNode;
  strong?: boolean;
}) {
  return (
    <div
      className={cn(
        'flex items-start justify-between gap-4',
        strong && 'border-t border-line pt-3 text-base font-bold',
      )}
    >
      <dt className={cn(!strong && 'text-muted')}>{label}</dt>
      <dd className="text-right tabular-nums">
        {text ?? (
          <>
            <span className={cn('block', strong ? 'text-xl text-ink' : 'font-semibold text-ink')}>
              {formatUsd(cents ?? 0)}
            </span>
            {khr != null && (
              <span className={cn('block text-muted', strong ? 'text-sm font-semibold' : 'text-xs')}>
                {formatKhr(khr)}
              </span>
            )}
          </>
        )}
      </dd>
    </div>
  );
}
