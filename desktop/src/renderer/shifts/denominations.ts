import { formatKhr, formatUsd, type Currency } from '@shop/shared';

/**
 * The notes a Phnom Penh drawer holds: US dollars (no coins in use) and riel down to the 100-riel note, the smallest
 * in daily use. Values in minor units (USD cents, riel).
 */
export const notes: Record<Currency, number[]> = {
  USD: [100_00, 50_00, 20_00, 10_00, 5_00, 2_00, 1_00],
  KHR: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 100],
};

/** How many of each note, keyed by its value. */
export type NoteCount = Record<number, number>;

export const formatNote = (currency: Currency, value: number) =>
  currency === 'USD' ? formatUsd(value).replace('.00', '') : formatKhr(value);

export function countTotal(count: NoteCount): number {
  return Object.entries(count).reduce((sum, [value, n]) => sum + Number(value) * n, 0);
}
