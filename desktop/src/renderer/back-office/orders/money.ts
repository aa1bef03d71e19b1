import { formatKhr, formatUsd } from '@shop/shared';

/** An amount in minor units of its currency (USD cents or whole riel), as a person reads it. */
export function formatMoney(amount: number, currency: 'USD' | 'KHR' | string | null): string {
  return currency === 'KHR' ? formatKhr(amount) : formatUsd(amount);
}
