import { usdCentsToKhr } from '@shop/shared';
import { PriceTag } from '@shop/ui';
import { useShopInfo } from '../api/shop';

interface PriceProps {
  cents: number;
  /** The price before a discount, shown struck through. */
  wasCents?: number | null;
  /** A known riel amount (an order's, at its own rate); otherwise converted at the shop's current rate. */
  khr?: number;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

/** A price in US dollars with riel beside it, at the shop's current rate (the design system's PriceTag). */
export function Price({ khr, ...rest }: PriceProps) {
  return <PriceTag khr={useRiel(rest.cents, khr)} {...rest} />;
}

/** Riel for a dollar amount at the shop's rate (null until the rate is known). */
export function useRiel(cents: number, khr?: number): number | null {
  const shop = useShopInfo();
  if (khr !== undefined) return khr;
  return shop.data ? usdCentsToKhr(cents, shop.data.rielPerUsd) : null;
}
