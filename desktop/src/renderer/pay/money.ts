import { formatKhr, formatUsd, type Currency } from '@shop/shared';

/** An amount in its currency's minor units as the counter shows it: "$12.34" or "50,600 ៛". */
export const formatMoney = (currency: Currency, amount: number): string =>
  currency === 'USD' ? formatUsd(amount) : formatKhr(amount);
