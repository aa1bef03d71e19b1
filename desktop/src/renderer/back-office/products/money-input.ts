/** Dollars as staff type them ("12", "12.5", "1,299.00") to cents; null when empty, NaN when not a price. */
export function centsOfText(text: string): number | null {
  const plain = text.replace(/[,$\s]/g, '');
  if (plain === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return Number.NaN;
  return Math.round(Number(plain) * 100);
}

/** Cents as the text of a price field ("12.50"); empty for none. */
export function textOfCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '' : (cents / 100).toFixed(2);
}
