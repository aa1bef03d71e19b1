/**
 * A dollar amount typed at the counter ("5", "5.5", "$12.50") as integer cents, read digit by digit so no float ever
 * holds the money; null when it is not an amount (the field then says so and nothing is sent).
 */
export function dollarsToCents(typed: string): number | null {
  const match = /^\$?\s*(\d{1,9})(?:\.(\d{0,2}))?$/.exec(typed.trim().replace(/,/g, ''));
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents as the field shows them for editing: "12.50", "0" for none. */
export function centsToDollars(cents: number): string {
  if (cents === 0) return '0';
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
