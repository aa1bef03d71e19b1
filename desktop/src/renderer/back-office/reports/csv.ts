import { saveFile } from '@shop/ui';
/** One cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A table as CSV text: UTF-8 with a byte-order mark first, since Excel reads a CSV without one in the computer's
 * old code page and Khmer names come out garbled; CRLF line ends, as spreadsheets expect.
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Hands the text to the browser as a downloaded file. */
export function downloadCsv(fileName: string, csv: string): void {
  saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** Cents as a plain decimal for a spreadsheet (no currency sign, so it can be summed). */
export const dollars = (cents: number) => (cents / 100).toFixed(2);
