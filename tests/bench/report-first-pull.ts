import { FIRST_PULL_TARGET_SEC, type FirstPullRow } from './bench-first-pull';
import { markdownTable, textTable, type Table } from './table';

/** The first-pull section of the report: how long a new counter takes to hold the whole shop. */

const int = (n: number) => (Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));

function table(rows: FirstPullRow[]): Table {
  return {
    headers: [
      'Target',
      'Products',
      'Changes',
      'Pages',
      'Seconds',
      'Pages/s',
      'Slowest page ms',
      'Server RSS / peak MiB',
      `Under ${FIRST_PULL_TARGET_SEC} s`,
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: rows.map((row) => [
      row.target,
      int(row.productsPulled),
      int(row.changes),
      int(row.pages),
      row.seconds.toFixed(1),
      (row.pages / row.seconds).toFixed(1),
      int(row.slowestPageMs),
      `${int(row.serverRssMiB)} / ${int(row.serverPeakRssMiB)}`,
      row.seconds < FIRST_PULL_TARGET_SEC && row.productsPulled === row.products ? 'yes' : 'no',
    ]),
  };
}

export function firstPullText(rows: FirstPullRow[]): string {
  return `\nFirst pull of a new counter (pages of 1,000 with data)\n${textTable(table(rows))}`;
}

export function firstPullMarkdown(rows: FirstPullRow[], nodeEnv: string): string {
  return `## First pull of a new counter

A counter paired through the real routes (\`POST /admin/devices\`, \`POST /devices/pair\`) pulls the whole change
feed with the typed client, \`GET /api/v1/sync/changes?after=<cursor>&limit=1000\` until \`hasMore\` is false, each
change carrying its entity as it is now (products with stock and thumbnail, categories, brands, staff, settings). The
server is the real one (NODE_ENV=${nodeEnv}) on the prepared catalog; "Products" counts the distinct products the
counter holds at the end. Server RSS is at the end of the pull; the peak (VmHWM) includes the server's start.

${markdownTable(table(rows))}
`;
}
