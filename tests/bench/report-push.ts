import { PUSH_TARGET_SEC, type PushRow } from './bench-push';
import { markdownTable, textTable, type Table } from './table';

/** The push-10k section of the report: a day's queue of counter sales reaching the server. */

const int = (n: number) => (Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));

function table(rows: PushRow[]): Table {
  return {
    headers: [
      'Target',
      'Sales',
      'Batches',
      'Seconds',
      'Sales/s',
      'Server RSS / peak MiB',
      'Web order alone ms',
      'Web order during a 200-sale batch p50 / max ms',
      `Under ${PUSH_TARGET_SEC} s`,
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: rows.map((row) => [
      row.target,
      int(row.sales),
      int(row.batches),
      row.seconds.toFixed(1),
      int(row.sales / row.seconds),
      `${int(row.serverRssMiB)} / ${int(row.serverPeakRssMiB)}`,
      int(row.webOrderIdleMs),
      `${int(row.webOrderDuringBatch.p50Ms)} / ${int(row.webOrderDuringBatch.maxMs)} (batch ${int(row.batchOf200Ms)})`,
      row.seconds < PUSH_TARGET_SEC && row.applied === row.sales ? 'yes' : 'no',
    ]),
  };
}

export function pushText(rows: PushRow[]): string {
  return `\nPush of a counter's queue (two-line cash sales, batches of 200)\n${textTable(table(rows))}`;
}

export function pushMarkdown(rows: PushRow[], nodeEnv: string): string {
  return `## Push of 10,000 queued counter sales

The desktop core (plain Node, its own SQLite) is paired through the real routes and commits 10,000 two-line cash
sales offline through its commands; then \`pushNow()\` sends the outbox with the typed client, \`POST
/api/v1/sync/push\` in batches of 200, until it is empty. The server is the real one (NODE_ENV=${nodeEnv}, demo
catalog), applying each batch in transactions of 50 items, consecutive sales as one run with one insert per table
(docs/decisions/0005-counter-push.md). Every sale must come back \`applied\`. Then a customer's web order of one unit
is timed alone, and one after another while the counter pushes one more batch of 200 sales (each part of the batch
holds the order-number and change-feed counters until it commits). Server RSS is after the push; the peak (VmHWM) includes the server's start.

${markdownTable(table(rows))}
`;
}
