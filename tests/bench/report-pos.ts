import type { PosFigures } from './bench-pos';
import { markdownTable, textTable, type Table } from './table';

/** The pos section of the report: the counter's core alone, on its own SQLite with a big catalog. */

const ms = (n: number) => n.toFixed(2);

function table(figures: PosFigures): Table {
  return {
    headers: ['Operation', 'p50 ms', 'p99 ms', 'max ms', 'Target', 'Met'],
    align: ['left', 'right', 'right', 'right', 'left', 'left'],
    rows: figures.rows.map((row) => [
      row.operation,
      ms(row.p50Ms),
      ms(row.p99Ms),
      ms(row.maxMs),
      row.targetMs === null ? '-' : `p99 < ${row.targetMs} ms`,
      row.targetMs === null ? '-' : row.p99Ms < row.targetMs ? 'yes' : 'no',
    ]),
  };
}

export function posText(figures: PosFigures): string {
  return (
    `\nThe counter's core on ${figures.products.toLocaleString('en-US')} local products ` +
    `(first pull applied in ${figures.firstPullApplySec.toFixed(1)} s)\n${textTable(table(figures))}`
  );
}

export function posMarkdown(figures: PosFigures): string {
  return `## The counter's core on its own

The desktop core (plain Node, its own SQLite file, WAL, synchronous=FULL) after applying a first pull of
${figures.products.toLocaleString('en-US')} products in pages of 1,000 (${figures.firstPullApplySec.toFixed(1)} s): 1,000
lookups each by exact barcode, exact SKU and what a cashier types of a name (one to three words cut to 2–5 letters),
then 1,000 offline sales of two lines paid cash, each committed with its lines, payments, shelf count and outbox item
in one transaction. No server: this is what a cashier waits for while the shop's internet is down.

${markdownTable(table(figures))}
`;
}
