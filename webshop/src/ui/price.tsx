import { formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import { useShopInfo } from '../api/shop';
import { cn } from './cn';

interface PriceProps {
  cents: number;
  /** The price before a discount, shown struck through. */
  wasCents?: number | null;
  /** A known riel amount (an order's, at its own rate); otherwise converted at the shop's current rate. */
  khr?: number;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const sizes = { sm: 'text-base', md: 'text-lg', lg: 'text-3xl' };

/** A price in US dollars with riel beside it: how prices are read in Cambodia. */
export function Price({ cents, wasCents, khr, size = 'md', className }: PriceProps) {
  const riel = useRiel(cents, khr);
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
      {riel !== null && <span className="text-sm text-muted tabular-nums">≈ {formatKhr(riel)}</span>}
    </span>
  );
}

/** Riel for a dollar amount at the shop's rate (null until the rate is known). */
export function useRiel(cents: number, khr?: number): number | null {
  const shop = useShopInfo();
  if (khr !== undefined) return khr;
  return shop.data ? usdCentsToKhr(cents, shop.data.rielPerUsd) : null;
}
