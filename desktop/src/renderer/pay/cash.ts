import { KHR_CASH_STEP, usdCentsToKhr, type Currency } from '@shop/shared';
import { dollarsToCents } from '../sale/dollars';

/** The notes a cashier is handed most: one tap each (amounts in minor units: cents, riel). */
export const usdNotes = [1_00, 5_00, 10_00, 20_00, 50_00, 100_00] as const;
export const rielNotes = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000] as const;

/**
 * Cash typed at the counter as minor units of its currency: dollars like "20" or "12.50" as cents, riel as whole
 * riel ("50000", "50,000"). Null when it is not such an amount, so nothing is sent.
 */
export function typedCash(typed: string, currency: Currency): number | null {
  if (currency === 'USD') return dollarsToCents(typed);
  const match = /^(\d{1,12})\s*(?:៛|riel|khr)?$/i.exec(typed.trim().replace(/[,\s](?=\d)/g, ''));
  return match ? Number(match[1]) : null;
}

/** What is due in a currency, as the core asks it: riel rounded to the 100-riel step the drawer can pay. */
export function dueInCurrency(currency: Currency, dueCents: number, rielPerUsd: number): number {
  return currency === 'USD' ? dueCents : usdCentsToKhr(dueCents, rielPerUsd);
}

export interface ChangeDue {
  /** The change in dollars' cents (what a riel overpayment is worth, rounded down to the cent). */
  usdCents: number;
  /** The change in riel the drawer can pay: down to the 100-riel step. */
  khr: number;
  /** Riel left out of `khr` by that rounding (0–99): shown, so the customer sees why. */
  khrRoundedOff: number;
}

/**
 * The change for `tendered` against what is due, in both currencies, by the core's own rule (pos/payments.ts):
 * dollars' change in riel is the riel worth of the overpayment rounded down to 100 riel, riel's change in dollars is
 * rounded down to the cent. Null while the cash does not cover what is due.
 */
export function changeFor(
  tendered: number,
  currency: Currency,
  dueCents: number,
  rielPerUsd: number,
): ChangeDue | null {
  const over = tendered - dueInCurrency(currency, dueCents, rielPerUsd);
  if (over < 0) return null;
  if (currency === 'KHR')
    return { usdCents: Math.floor((over * 100) / rielPerUsd), khr: over, khrRoundedOff: 0 };
  const exactRiel = Math.floor((over * rielPerUsd + 50) / 100);
  const khr = Math.floor(exactRiel / KHR_CASH_STEP) * KHR_CASH_STEP;
  return { usdCents: over, khr, khrRoundedOff: exactRiel - khr };
}
