import type { ReportFigures } from './bench-reports';
import { markdownTable, textTable, type Table } from './table';

/** The reports section: sales report latency per grouping over a year, per database. */

const ms = (n: number) => n.toFixed(1);

function table(figures: ReportFigures): Table {
  return {
    headers: ['Database', 'Grouping', 'p50 ms', 'p99 ms', 'Target', 'Met'],
    align: ['left', 'left', 'right', 'right', 'left', 'left'],
    rows: figures.rows.map((row) => [
      row.target,
      row.grouping,
      ms(row.p50Ms),
      ms(row.p99Ms),
      'p99 < 1000 ms',
      row.p99Ms < 1000 ? 'yes' : 'no',
    ]),
  };
}

function seeds(figures: ReportFigures): Table {
  return {
    headers: ['Database', 'Rows written', 'First report (rollups of 365 days built)'],
    align: ['left', 'right', 'right'],
    rows: figures.seeds.map((s) => [s.target, `${s.seedSec.toFixed(0)} s`, `${s.coldBuildSec.toFixed(1)} s`]),
  };
}

export function reportsText(figures: ReportFigures): string {
  return (
    `\nSales reports over a year of ${figures.lines.toLocaleString('en-US')} order lines\n` +
    `${textTable(seeds(figures))}\n${textTable(table(figures))}`
  );
}

export function reportsMarkdown(figures: ReportFigures): string {
  return `## Sales reports

A year (2025) of a busy shop: ${figures.lines.toLocaleString('en-US')} order lines in about
${Math.round(figures.lines / 2.5).toLocaleString('en-US')} orders, 2,000 products, web and counter, four ways to pay,
1% of lines cancelled after payment, written straight into a migrated database. \`GET /admin/reports/sales\`'s service
is called in-process for the whole year in each grouping (no HTTP: the time is the database's and the summing's).
The first call sums every day from the orders into the daily rollups (docs/reports.md); after that a report reads
the rollups, and "day, last day stale" marks the year's last day changed before each call, as a sale just made
would, so that day is summed again from its orders first.

${markdownTable(seeds(figures))}

${markdownTable(table(figures))}
`;
}
