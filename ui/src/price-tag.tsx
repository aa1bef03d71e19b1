import { formatKhr, formatUsd } from '@shop/shared';
import { cn } from './cn';

interface PriceTagProps {
  cents: number;
  /** The price before a discount, shown struck through. */
  wasCents?: number | null;
  /** The same amount in riel (null while the shop's rate is not known: then only dollars are shown). */
  khr: number | null;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  className?: string;
}

const sizes = { sm: 'text-base', md: 'text-lg', lg: 'text-3xl', xl: 'text-5xl' };
const rielSizes = { sm: 'text-sm', md: 'text-sm', lg: 'text-lg', xl: 'text-2xl' };

/** An amount in US dollars with riel beside it: how prices are read in Cambodia, on the web and at the counter. */
export function PriceTag({ cents, wasCents, khr, size = 'md', className }: PriceTagProps) {
  const discounted = wasCents != null && wasCents > cents;
  return (
    <span className={cn('inline-flex flex-wrap items-baseline gap-x-2', className)}>
      <span className={cn('font-bold text-ink tabular-nums', sizes[size])}>{formatUsd(cents)}</span>
      {discounted && (
        <s className="text-sm text-muted tabular-nums">
          <span className="sr-only">was </span>
          {formatUsd(wasCents)}
        </s>
      )}
      {khr !== null && (
        <span className={cn('text-muted tabular-nums', rielSizes[size])}>≈ {formatKhr(khr)}</span>
      )}
    </span>
  );
}
