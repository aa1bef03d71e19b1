import type { StuffingFigures } from './bench-stuffing';
import type { SlowClientFigures } from './bench-slow-clients';
import type { WebFigures } from './bench-web';
import type { LoadFigures } from './load';
import type { LoadAverageSummary, MachineInfo } from './machine';
import { benchParts, type BenchOptions, type BenchPart } from './options';
import type { OrderLedger } from './orders-database';
import type { OrderLoadFigures, RaceFigures } from './orders-load';
import { carriedPart, wrapPart } from './report-parts';
import { stuffingMarkdown, stuffingText } from './report-stuffing';
import { slowClientsMarkdown, slowClientsText } from './report-slow-clients';
import { firstPullMarkdown, firstPullText } from './report-first-pull';
import { pushMarkdown, pushText } from './report-push';
import type { MixedRow } from './bench-mixed';
import { mixedMarkdown, mixedText } from './report-mixed';
import type { PosFigures } from './bench-pos';
import { posMarkdown, posText } from './report-pos';
import type { ReportFigures } from './bench-reports';
import { reportsMarkdown, reportsText } from './report-reports';
import type { RetentionFigures } from './bench-retention';
import { retentionMarkdown, retentionText } from './report-retention';
import type { BackupFigures } from './bench-backup';
import { backupMarkdown, backupText } from './report-backup';
import type { PushRow } from './bench-push';
import type { FirstPullRow } from './bench-first-pull';
import { webMarkdown, webText } from './report-web';
import type { LatencyFigures, QueryLatency } from './sequential';
import type { StartupRow } from './server-process';
import { markdownTable, textTable, type Table } from './table';

export type Workload = 'bare' | 'listing' | 'search';

export interface LoadRow extends LoadFigures {
  target: string;
  workload: Workload;
  connections: number;
  /** The server still had a backlog of abandoned requests after the case and was restarted before the next. */
  restarted: boolean;
}

export interface LatencyRow {
  target: string;
  products: number;
  perQuery: QueryLatency[];
  all: LatencyFigures;
}

export interface SeedRow {
  target: string;
  products: number;
  preparation: string;
  seconds: number | null;
}

export interface OrderLoadRow extends OrderLoadFigures {
  target: string;
  connections: number;
  restarted: boolean;
  /** MariaDB's row-lock waits during the case per order made, and ms waited per order; null on SQLite. */
  rowLockWaits?: { perOrder: number; msPerOrder: number } | null;
}

export interface RaceRow extends RaceFigures {
  target: string;
  stock: number;
  /** What the database holds for the race's product afterwards. */
  ledger: OrderLedger;
  /** Exactly `stock` orders made, in the answers and in the database (orders, units, payments, stock counters). */
  exact: boolean;
}

export interface OrderSetupRow {
  target: string;
  customers: number;
  products: number;
  stockPerProduct: number;
  /** Time to make customers and sessions and receive the stock. */
  seconds: number;
  warmUpOrders: number;
  /** 201 answers seen by the load generator, warm-up included (answers to abandoned requests are not seen). */
  answered201: number;
  /** The database afterwards, over the products the throughput cases ordered. */
  ledger: OrderLedger;
}

export interface BenchReport {
  startedAt: Date;
  elapsedSec: number;
  loadAverage: LoadAverageSummary;
  options: BenchOptions;
  machine: MachineInfo;
  /** MariaDB version, or why it was not used. */
  mysql: { version: string } | { skipped: string };
  seeds: SeedRow[];
  load: LoadRow[];
  latency: LatencyRow[];
  notes: string[];
  orders: { setup: OrderSetupRow[]; load: OrderLoadRow[]; races: RaceRow[]; notes: string[] };
  /** The web shop in headless Chromium; null when not measured. */
  web: WebFigures | null;
  /** Credential stuffing against sign-in; null when not measured. */
  stuffing: StuffingFigures | null;
  /** Fresh visitors while slow connections are open; null when not measured. */
  slowClients: SlowClientFigures | null;
  /** A new counter's first pull of the whole change feed; null when not measured. */
  firstPull: FirstPullRow[] | null;
  /** The open-loop mixed load (issue 16, item 4); null when not measured. */
  mixed: MixedRow[] | null;
  /** A counter's queue of 10,000 offline sales pushed; null when not measured. */
  pushTenK: PushRow[] | null;
  pos: PosFigures | null;
  reports: ReportFigures | null;
  /** Pruning old mail and audit rows while a writer appends; null when not measured. */
  retention: RetentionFigures | null;
  /** `npm run shop -- backup` and `restore` on a big SQLite shop; null when not measured. */
  backup: BackupFigures | null;
  /** Every shop server the run started: how long it took to answer, and its resident memory. */
  startups: StartupRow[];
}

const workloadNames: Record<Workload, string> = {
  bare: 'bare Express res.json',
  listing: 'catalog listing',
  search: 'search',
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));
const seconds = (n: number) => `${n.toFixed(1)} s`;
const percent = (n: number) => (Number.isNaN(n) ? '-' : `${Math.round(n)}`);
const ratio = (n: number) =>
  !Number.isFinite(n) ? '-' : `${n >= 0.1 ? n.toFixed(2) : n === 0 ? '0' : n.toPrecision(2)}×`;

function bareRate(report: BenchReport, connections: number): number {
  return (
    report.load.find((r) => r.workload === 'bare' && r.connections === connections)?.reqPerSec ?? Number.NaN
  );
}

function loadTable(report: BenchReport): Table {
  return {
    headers: [
      'Server / database',
      'Route',
      'Conns',
      'req/s',
      '× bare',
      'p50 ms',
      'p99 ms',
      '2xx',
      'non-2xx',
      'errors (timeouts)',
      'KB/answer',
    ],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: report.load
      .filter((r) => r.workload !== 'bare' || report.options.connections.includes(r.connections))
      .map((r) => [
        r.target,
        workloadNames[r.workload],
        int(r.connections),
        r.reqPerSec < 10 ? r.reqPerSec.toFixed(1) : int(r.reqPerSec),
        r.workload === 'bare' ? '1.00×' : ratio(r.reqPerSec / bareRate(report, r.connections)),
        r.ok ? int(r.p50Ms) : '-',
        r.ok ? int(r.p99Ms) : '-',
        int(r.ok),
        int(r.non2xx),
        `${int(r.errors)} (${int(r.timeouts)})`,
        (r.bytesPerResponse / 1024).toFixed(1),
      ]),
  };
}

/** One row per query, one column per database: how the cost of a search grows with the catalog. */
function latencyTable(report: BenchReport): Table {
  const cell = (f: LatencyFigures & { hits?: number }) =>
    f.samples === 0
      ? `failed (${f.failures})`
      : `${ms(f.p50Ms)} / ${ms(f.p99Ms)}${f.hits === undefined ? '' : ` (${int(f.hits)})`}` +
        (f.failures ? ` ${f.failures} failed` : '');
  const queries = report.latency[0]?.perQuery.map((q) => q.query) ?? [];
  return {
    headers: ['Query', ...report.latency.map((l) => `${l.target}: p50 / p99 ms (hits)`)],
    align: ['left', ...report.latency.map((): 'right' => 'right')],
    rows: [
      ...queries.map((query, i) => [`"${query}"`, ...report.latency.map((l) => cell(l.perQuery[i]!))]),
      ['all queries', ...report.latency.map((l) => cell(l.all))],
      ['samples per query', ...report.latency.map((l) => int(l.perQuery[0]?.samples ?? 0))],
    ],
  };
}

function seedTable(report: BenchReport): Table {
  return {
    headers: ['Database', 'Products', 'Prepared by', 'Time'],
    align: ['left', 'right', 'left', 'right'],
    rows: report.seeds.map((s) => [
      s.target,
      int(s.products),
      s.preparation,
      s.seconds === null ? '-' : seconds(s.seconds),
    ]),
  };
}

const CACHED_TARGET = {
  listing: 'Cached catalog listing ≥ 1.0× the bare Express route (req/s), p99 ≤ 1.2× its p99',
  search: 'Cached search ≥ 1.0× the bare Express route (req/s), p99 ≤ 1.2× its p99',
};
const SEARCH_TARGET = 'Search p50 < 10 ms on 100,000 products (1 connection, whole query set)';

function bareP99(report: BenchReport, connections: number): number {
  return report.load.find((r) => r.workload === 'bare' && r.connections === connections)?.p99Ms ?? Number.NaN;
}

/**
 * The project's stated targets, checked per database against this run's figures; the fast path's (issue 16) beside
 * the bare Express route measured in the same run.
 */
function targetTable(report: BenchReport): Table {
  const rows: string[][] = [];
  for (const workload of ['listing', 'search'] as const) {
    const databases = [...new Set(report.load.filter((r) => r.workload === workload).map((r) => r.target))];
    for (const target of databases) {
      const cases = report.load
        .filter((r) => r.workload === workload && r.target === target)
        .map((r) => {
          const bare = { rate: bareRate(report, r.connections), p99: bareP99(report, r.connections) };
          return { r, bare, x: r.reqPerSec / bare.rate, p99x: r.p99Ms / bare.p99 };
        });
      rows.push([
        CACHED_TARGET[workload],
        target,
        cases
          .map(
            ({ r, bare, x, p99x }) =>
              `${int(r.connections)} conns: ${int(r.reqPerSec)} req/s = ${ratio(x)} of bare ${int(bare.rate)}; ` +
              `p99 ${int(r.p99Ms)} ms = ${p99x.toFixed(2)}× bare ${int(bare.p99)} ms`,
          )
          .join('; '),
        cases.every(({ x, p99x }) => x >= 1 && p99x <= 1.2) ? 'yes' : 'no',
      ]);
    }
    if (!databases.length) rows.push([CACHED_TARGET[workload], '-', 'not measured', '-']);
  }
  const large = report.latency.filter((l) => l.products >= 100_000);
  for (const l of large)
    rows.push([SEARCH_TARGET, l.target, `p50 ${ms(l.all.p50Ms)} ms`, l.all.p50Ms < 10 ? 'yes' : 'no']);
  if (!large.length)
    rows.push([SEARCH_TARGET, '-', 'not measured (no 100,000-product catalog in this run)', '-']);
  return {
    headers: ['Target', 'Database', 'Measured (baseline from the same run)', 'Met'],
    align: ['left', 'left', 'left', 'left'],
    rows,
  };
}

/** Start-up and memory of the run's shop servers (issue 16, item 7), the built bundle beside the sources under tsx. */
function startupTable(report: BenchReport): Table {
  const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : '–');
  return {
    headers: ['server', 'runs', 'start-up to first answer', 'resident after start', 'resident at stop'],
    align: ['left', 'left', 'right', 'right', 'right'],
    rows: report.startups.map((s) => [
      s.label,
      s.entry === 'built' ? 'server/dist/main.js (node)' : 'server/src/main.ts (tsx)',
      `${Math.round(s.startupMs)} ms`,
      mib(s.rssAfterStartBytes),
      mib(s.rssAtStopBytes),
    ]),
  };
}

function describeRun(report: BenchReport): string[] {
  const { options, machine } = report;
  const { orders } = options;
  const measured = benchParts.filter((part) => options.parts[part]);
  const parts = measured.length === 1 ? `${measured[0]} only (--only ${measured[0]})` : measured.join(', ');
  const raceOn = report.orders.races.map((r) => r.target).join(' and ') || 'not run';
  return [
    `Date: ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (run took ${seconds(report.elapsedSec)})`,
    `Machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.memoryGiB.toFixed(1)} GiB RAM, ${machine.os}`,
    `Node: ${machine.node}`,
    `Load average (1 min) during the run: min ${report.loadAverage.min.toFixed(1)}, mean ` +
      `${report.loadAverage.mean.toFixed(1)}, max ${report.loadAverage.max.toFixed(1)} (the benchmark itself keeps ` +
      'about 2 busy; more means other work competed for the CPUs)',
    `MariaDB: ${'version' in report.mysql ? report.mysql.version : `not used (${report.mysql.skipped})`}`,
    `Mode: ${options.quick ? '--quick' : 'full'}, parts: ${parts}` +
      (options.parts.catalog || options.parts.orders
        ? `; ${options.durationSec} s per load case after ${options.warmupSec} s of sequential warm-up`
        : '') +
      (options.parts.catalog
        ? `; catalog at ${options.connections.map(int).join(' and ')} connections`
        : '') +
      (options.parts.orders
        ? `; orders at ${orders.connections.map(int).join(' and ')} connections, race of ` +
          `${int(orders.race.requests)} orders over ${int(orders.race.connections)} connections (${raceOn})`
        : ''),
  ];
}

function notes(report: BenchReport): string[] {
  const restarted = report.load.filter((r) => r.restarted);
  return [
    ...report.notes,
    ...(restarted.length
      ? [
          'Still busy with requests the load generator had abandoned 5 s after the case, so restarted before the ' +
            `next case: ${restarted.map((r) => `${r.target} ${workloadNames[r.workload]} @${int(r.connections)}`).join(', ')}.`,
        ]
      : []),
  ];
}

const orderRoute = 'POST /orders (1 unit)';

/** Order placement beside the bare route at the same connection counts. */
function orderLoadTable(report: BenchReport): Table {
  const connections = report.options.orders.connections;
  const bare = report.load.filter((r) => r.workload === 'bare' && connections.includes(r.connections));
  const cells = (r: LoadFigures, x: string, extra?: OrderLoadRow) => [
    r.reqPerSec < 10 ? r.reqPerSec.toFixed(1) : int(r.reqPerSec),
    x,
    r.ok ? int(r.p50Ms) : '-',
    r.ok ? int(r.p99Ms) : '-',
    int(r.ok),
    int(r.non2xx),
    `${int(r.errors)} (${int(r.timeouts)})`,
    extra ? `${int(extra.connectionsAnswered)} (${seconds(extra.lastFirstAnswerMs / 1000)})` : '-',
    extra
      ? `${percent(extra.serverCpuPct)} / ${percent(extra.databaseCpuPct)} / ${percent(extra.generatorCpuPct)}`
      : '-',
    extra?.rowLockWaits
      ? `${extra.rowLockWaits.perOrder.toFixed(2)} (${extra.rowLockWaits.msPerOrder.toFixed(1)})`
      : '-',
    (r.bytesPerResponse / 1024).toFixed(1),
  ];
  return {
    headers: [
      'Server / database',
      'Route',
      'Conns',
      'req/s',
      '× bare',
      'p50 ms',
      'p99 ms',
      '2xx',
      'non-2xx',
      'errors (timeouts)',
      'Conns answered (last first answer)',
      'CPU % server / MariaDB / load generator',
      'Row-lock waits / order (ms)',
      'KB/answer',
    ],
    align: [
      'left',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ],
    rows: [
      ...bare.map((r) => [r.target, workloadNames.bare, int(r.connections), ...cells(r, '1.00×')]),
      ...report.orders.load.map((r) => [
        r.target,
        orderRoute,
        int(r.connections),
        ...cells(r, ratio(r.reqPerSec / bareRate(report, r.connections)), r),
      ]),
    ],
  };
}

/** Counts of the statuses other than 201 and 409 (pass them filtered already to list 409 too). */
function statusCells(statuses: Record<string, number>, skip: string[] = ['201', '409']): string {
  const other = Object.entries(statuses).filter(([code]) => !skip.includes(code));
  return other.length
    ? other.map(([code, n]) => `${int(n)} × ${code === '0' ? 'no answer' : code}`).join(', ')
    : '0';
}

function raceTable(report: BenchReport): Table {
  return {
    headers: [
      'Database',
      'Orders sent',
      'Conns',
      'Stock',
      'Made (201)',
      'Refused (409)',
      'Other answers',
      'Wall time',
      'p50 / p99 ms',
      'Database: orders / units / payments',
      'Stock on hand / reserved',
      'Exactly the stock?',
    ],
    align: [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
    ],
    rows: report.orders.races.map((r) => [
      r.target,
      int(r.requests),
      int(r.connections),
      int(r.stock),
      int(r.created),
      int(r.conflicts),
      statusCells(r.statuses),
      `${(r.wallMs / 1000).toFixed(2)} s`,
      `${ms(r.p50Ms)} / ${ms(r.p99Ms)}`,
      `${int(r.ledger.orders)} / ${int(r.ledger.units)} / ${int(r.ledger.payments)}`,
      `${int(r.ledger.onHand)} / ${int(r.ledger.reserved)}`,
      r.exact ? 'yes' : `NO: ${int(r.created)} made for ${int(r.stock)} units`,
    ]),
  };
}

function orderSetupTable(report: BenchReport): Table {
  return {
    headers: [
      'Database',
      'Customers',
      'Products ordered',
      'Stock each',
      'Set up in',
      '201 seen (warm-up)',
      'Orders in the database',
      'Units ordered / reserved',
      'Payments',
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: report.orders.setup.map((s) => [
      s.target,
      int(s.customers),
      int(s.products),
      int(s.stockPerProduct),
      seconds(s.seconds),
      `${int(s.answered201)} (${int(s.warmUpOrders)})`,
      int(s.ledger.orders),
      `${int(s.ledger.units)} / ${int(s.ledger.reserved)}`,
      int(s.ledger.payments),
    ]),
  };
}

/** Issue 16, item 5: order placement on MariaDB. */
const MARIADB_ORDERS_TARGET = 500;

/** The target beside the best MariaDB case and the bare route at its connections, both measured in this run. */
function orderTarget(report: BenchReport): string[] {
  const mariadb = report.orders.load.filter((r) => r.target.startsWith('MariaDB'));
  if (mariadb.length === 0) return [];
  const best = mariadb.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
  const race = report.orders.races.find((r) => r.target === best.target);
  return [
    `Target (issue 16, item 5): ≥ ${int(MARIADB_ORDERS_TARGET)} orders/s on MariaDB with the race exact. Measured: ` +
      `${int(best.reqPerSec)}/s at ${int(best.connections)} connections ` +
      `(${best.reqPerSec >= MARIADB_ORDERS_TARGET ? 'met' : 'not met'}), race ` +
      `${race ? (race.exact ? 'exact' : 'NOT EXACT') : 'not run'}; baseline in this run: the bare route ` +
      `${int(bareRate(report, best.connections))}/s at the same connections (before issue 16: 94–127 orders/s).`,
  ];
}

function orderNotes(report: BenchReport): string[] {
  const restarted = report.orders.load.filter((r) => r.restarted);
  const notAnswered = report.orders.load.filter((r) => r.connectionsAnswered < r.connections);
  return [
    ...orderTarget(report),
    ...report.orders.notes,
    ...report.orders.load
      .filter((r) => r.non2xx > 0)
      .map(
        (r) =>
          `${r.target} @${int(r.connections)}: answers other than 201: ${statusCells(notCreated(r.statuses), [])}.`,
      ),
    ...notAnswered.map(
      (r) =>
        `${r.target} @${int(r.connections)}: ${int(r.connections - r.connectionsAnswered)} of ` +
        `${int(r.connections)} connections never got an answer during the case (not accepted or not read in time).`,
    ),
    ...(restarted.length
      ? [
          'Still busy with orders the load generator had abandoned 5 s after the case, so restarted before the ' +
            `next case: ${restarted.map((r) => `${r.target} @${int(r.connections)}`).join(', ')}.`,
        ]
      : []),
  ];
}

function notCreated(statuses: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(statuses).filter(([code]) => code !== '201'));
}

export function renderText(report: BenchReport): string {
  const list = (lines: string[]) => lines.map((n) => `- ${n}`).join('\n');
  const { parts } = report.options;
  return [
    describeRun(report).join('\n'),
    ...(report.startups.length
      ? [`\nShop servers: start-up and resident memory\n${textTable(startupTable(report))}`]
      : []),
    ...(parts.catalog
      ? [
          `\nDatabases\n${textTable(seedTable(report))}`,
          `\nThroughput (autocannon, closed loop; latency of 2xx answers)\n${textTable(loadTable(report))}`,
          `\nSearch latency vs catalog size (1 connection, sequential)\n${textTable(latencyTable(report))}`,
          `\nTargets\n${textTable(targetTable(report))}`,
          ...(notes(report).length ? [`\nNotes\n${list(notes(report))}`] : []),
        ]
      : []),
    ...(parts.orders
      ? [
          `\nOrders: placement throughput (autocannon, closed loop; latency of 2xx answers)\n${textTable(orderLoadTable(report))}`,
          `\nOrders: the race for the last units (all sent at once)\n${textTable(raceTable(report))}`,
          `\nOrders: setup and ledger afterwards\n${textTable(orderSetupTable(report))}`,
          ...(orderNotes(report).length ? [`\nOrders: notes\n${list(orderNotes(report))}`] : []),
        ]
      : []),
    ...(parts.mixed && report.mixed ? [mixedText(report.mixed)] : []),
    ...(parts.web && report.web ? [webText(report.web)] : []),
    ...(parts.stuffing && report.stuffing ? [stuffingText(report.stuffing)] : []),
    ...(parts['slow-clients'] && report.slowClients ? [slowClientsText(report.slowClients)] : []),
    ...(parts['first-pull'] && report.firstPull ? [firstPullText(report.firstPull)] : []),
    ...(parts['push-10k'] && report.pushTenK ? [pushText(report.pushTenK)] : []),
    ...(parts.pos && report.pos ? [posText(report.pos)] : []),
    ...(parts.reports && report.reports ? [reportsText(report.reports)] : []),
    ...(parts.retention && report.retention ? [retentionText(report.retention)] : []),
    ...(parts.backup && report.backup ? [backupText(report.backup)] : []),
  ].join('\n');
}

/** The catalog's sections of the Markdown report. */
function catalogMarkdown(report: BenchReport): string {
  return `## Targets

${markdownTable(targetTable(report))}

## Throughput

Closed loop: each connection sends its next request when the previous answer arrives (autocannon, 10 s timeout).
Catalog listing rotates over the first pages of the whole catalog and of every category; search rotates over the
query set below (page 1). "× bare" is requests/s relative to the bare Express route at the same number of
connections. Latency percentiles are of 2xx answers only, in whole milliseconds.

${markdownTable(loadTable(report))}

## Search latency vs catalog size

One connection, one request at a time, queries interleaved round by round: the cost of a search itself, without
queueing. Cells are p50 / p99 in milliseconds and, in brackets, the number of matching products.

${markdownTable(latencyTable(report))}

## Databases

${markdownTable(seedTable(report))}
${
  notes(report).length
    ? `\n## Notes\n\n${notes(report)
        .map((n) => `- ${n}`)
        .join('\n')}\n`
    : ''
}`;
}

/** The orders' sections of the Markdown report. */
function ordersMarkdown(report: BenchReport): string {
  const { orders } = report.options;
  return `## Orders: placement throughput

\`POST /api/v1/orders\` with \`{ items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' }\` and a
bearer token, closed loop (autocannon, 10 s timeout), on the 1,000-product catalog. Requests rotate over ${int(orders.customers)}
customers, each with a session made beforehand, and ${int(orders.products)} products that each received ${int(orders.stockPerProduct)}
units, so stock never runs out. Each order reserves its unit (conditional update of the stock counters), writes the
order, its line, event, audit, change-feed and mail-outbox rows, and makes its KHQR and payment row in one transaction. "× bare" compares with the bare Express route (a GET of a fixed 14 KB JSON
page) at the same number of connections in this run. Latency percentiles are of 2xx answers only, in whole
milliseconds. "Conns answered" counts the connections that got at least one answer during the case and, in brackets,
when the last of them got its first: Node accepts one new connection per event-loop turn, so when turns are long,
connections opened at the start of a case can wait seconds before their first request is even read (they then show
as timeouts, and their first answer's wait in p99). "CPU %" is the CPU time the server process (all threads), the
whole MariaDB server (other clients' work included, see the notes; for SQLite: -, it runs inside the server process)
and the benchmark's own process (the load generator) used during the case, in % of one core: the machine has
${int(report.machine.cpuCount)} cores in all.

${markdownTable(orderLoadTable(report))}

## Orders: the race for the last units

One product with exactly ${int(orders.race.stock)} units on hand and none reserved; ${int(orders.race.requests)} orders of 1 unit from
${int(orders.customers)} customers sent at once over ${int(orders.race.connections)} keep-alive connections opened beforehand. "Wall time" runs from the first request sent to the last answer received; p50 / p99 are per
request, all answers. Afterwards the database is read directly: the orders, units and payment rows for that product
and its stock counters must all say ${int(orders.race.stock)}.

${markdownTable(raceTable(report))}

## Orders: setup and ledger

Customers, their sessions, stock receipts and the shop's merchant account are written before the server starts, with
the server's own code (the first customer as the shop makes accounts, the others copies of its row: hashing a
password takes 0.2-0.6 s here). Afterwards, over the products of the throughput cases: every
order must have reserved its unit and made one payment row. "201 seen" counts only answers the load generator
waited for; orders it abandoned at the end of a case may still have been made.

${markdownTable(orderSetupTable(report))}
${
  orderNotes(report).length
    ? `\n## Orders: notes\n\n${orderNotes(report)
        .map((n) => `- ${n}`)
        .join('\n')}\n`
    : ''
}`;
}

function measuredLabel(report: BenchReport): string {
  return (
    `${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
    `${report.options.quick ? '--quick' : 'full'}, load average mean ${report.loadAverage.mean.toFixed(1)}`
  );
}

const partNames: Record<BenchPart, string> = {
  catalog: 'the catalog',
  orders: 'orders',
  mixed: 'the mixed load',
  web: 'the web shop',
  stuffing: 'credential stuffing',
  'slow-clients': 'slow clients',
  'first-pull': "a new counter's first pull",
  'push-10k': "a counter's push of 10,000 sales",
  pos: "the counter's core",
  reports: 'sales reports',
  retention: 'pruning old rows',
  backup: 'backup and restore',
};

function partBody(report: BenchReport, part: BenchPart): string {
  if (part === 'catalog') return catalogMarkdown(report);
  if (part === 'orders') return ordersMarkdown(report);
  if (part === 'mixed') return report.mixed ? mixedMarkdown(report.mixed, report.options.nodeEnv) : '';
  if (part === 'stuffing') return report.stuffing ? stuffingMarkdown(report.stuffing) : '';
  if (part === 'slow-clients')
    return report.slowClients ? slowClientsMarkdown(report.slowClients, report.options.nodeEnv) : '';
  if (part === 'first-pull')
    return report.firstPull ? firstPullMarkdown(report.firstPull, report.options.nodeEnv) : '';
  if (part === 'push-10k')
    return report.pushTenK ? pushMarkdown(report.pushTenK, report.options.nodeEnv) : '';
  if (part === 'pos') return report.pos ? posMarkdown(report.pos) : '';
  if (part === 'reports') return report.reports ? reportsMarkdown(report.reports) : '';
  if (part === 'retention') return report.retention ? retentionMarkdown(report.retention) : '';
  if (part === 'backup') return report.backup ? backupMarkdown(report.backup) : '';
  return report.web ? webMarkdown(report.web, report.options.nodeEnv) : '';
}

/** A part measured in this run, or the same part carried over from the report being replaced. */
function partMarkdown(report: BenchReport, part: BenchPart, previous: string | null): string {
  if (report.options.parts[part]) return wrapPart(part, measuredLabel(report), partBody(report, part));
  const carried = previous === null ? null : carriedPart(previous, part);
  if (!carried) return '';
  const measured = benchParts.filter((p) => report.options.parts[p]).map((p) => partNames[p]);
  return (
    `_The ${part} sections below are carried over from the run of ${carried.measured}: this run measured only ` +
    `${measured.join(' and ')}. The machine and load average above are this run's._\n\n` +
    wrapPart(part, carried.measured, carried.body)
  );
}

/**
 * The report as docs/benchmarks.md. `previous` is the file being replaced: the sections of a part this run did not
 * measure (--only) are carried over from it.
 */
export function renderMarkdown(report: BenchReport, previous: string | null = null): string {
  return `# Benchmarks

Figures measured by \`npm run bench\` (tests/bench/run.ts), which writes this file. The benchmark prints figures and
never asserts them: read them against the machine they come from and the bare Express ceiling measured in the same
run. Rerun it rather than editing by hand.

## Run

${describeRun(report)
  .map((line) => `- ${line}`)
  .join('\n')}
- Shop server: a child process running \`server/dist/main.js\` (what \`npm start\` runs; the sources under tsx when not
  in production) with NODE_ENV=${report.options.nodeEnv}, SEED=none and
  LOG_LEVEL=warn${
    report.options.nodeEnv === 'production'
      ? '.\n  Payment settings are placeholders (BAKONG_API_URL=https://bakong.invalid): catalog routes never call ' +
        'Bakong; for\n  orders the benchmark stores the demo merchant account in the settings so that a KHQR can be ' +
        "made, and the\n  payment job's checks of the unreachable placeholder fail and back off as they would during " +
        'a Bakong outage'
      : ''
  }.
- Load generator: autocannon (the order race: node:http) in the benchmark's own process on the same machine, sharing
  its CPUs with the server.
- Ceiling: a bare Express 5 app (tests/bench/bare-server.ts) answering \`res.json\` of a fixed catalog-sized page (24
  products and facets).
${
  report.startups.length
    ? `\n### Shop servers: start-up and resident memory\n\nFrom spawn to the first answer of /api/v1/health (migrations checked, search index loaded); memory from\n/proc at that moment and just before the server was stopped, after its load.\n\n${markdownTable(startupTable(report))}\n`
    : ''
}
${partMarkdown(report, 'catalog', previous)}

${partMarkdown(report, 'orders', previous)}

${partMarkdown(report, 'mixed', previous)}

${partMarkdown(report, 'web', previous)}

${partMarkdown(report, 'stuffing', previous)}
${partMarkdown(report, 'slow-clients', previous)}
${partMarkdown(report, 'first-pull', previous)}
${partMarkdown(report, 'push-10k', previous)}
${partMarkdown(report, 'pos', previous)}
${partMarkdown(report, 'reports', previous)}
${partMarkdown(report, 'retention', previous)}
${partMarkdown(report, 'backup', previous)}

## How to run

\`\`\`sh
npm run bench                         # full run, about 15-20 minutes on 2 cores
npm run bench -- --quick              # 1,000 products only, short cases, about 3 minutes
npm run bench -- --only orders        # order placement and the race only, about 2 minutes
npm run bench -- --only mixed         # open-loop mixed load, 300/s then 1,000/s for 60 s each, SQLite and MariaDB (about 6 minutes)
npm run bench -- --only mixed --seconds 20 --rate 500  # a shorter, lighter run of it
npm run bench -- --only catalog       # catalog listing and search only
npm run bench -- --only web           # the web shop in headless Chromium only, about 3 minutes
npm run bench -- --only stuffing      # credential stuffing against sign-in only, about 5 minutes
npm run bench -- --only slow-clients  # fresh visitors while 10,000 slow connections are open, about 2 minutes
npm run bench -- --only first-pull    # a new counter pulls 100,000 products (seeding included: about 4 minutes)
npm run bench -- --only push-10k      # a counter pushes 10,000 queued offline sales (queueing them: about 1 minute)
npm run bench -- --only pos           # the counter's core on 100,000 local products, then 200 scans in Chromium (about 2 minutes)
npm run bench -- --only backup       # backup and restore of 100,000 products and 1,000,000 order lines (about 3 minutes)
npm run bench -- --only pos --no-out  # the same, printed only (pos-scan's lines: "[pos] pos-scan")
npm run bench -- --only retention     # pruning 1,000,000 old rows while a writer appends (about 3 minutes)
npm run bench -- --cache              # keep prepared SQLite databases in tests/bench/.cache
MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench -- --mysql-100k
\`\`\`

Options: \`--duration <s>\` per load case (default 10), \`--warmup <s>\`, \`--quick\`, \`--no-mysql\`,
\`--mysql-100k\` (seed MariaDB with 100,000 products even when that is estimated to take over 5 minutes),
\`--only catalog|orders|mixed|web|stuffing|slow-clients|first-pull|push-10k|pos|reports\` (the other parts' sections are carried over from the file being replaced),
\`--cache [dir]\`,
\`--out <file>\` / \`--no-out\`, \`--node-env <env>\` (default production); for the mixed load \`--rate <n>\` (default
1000), \`--baseline-rate <n>\` (default 300) and \`--seconds <s>\` (default 60). Options go after \`--\`, at the root
(\`npm run bench -- --quick\`) as in the workspace (\`npm run bench -w @shop/tests -- --quick\`).

MariaDB is used when reachable at \`MYSQL_URL\` (default \`mysql://root@127.0.0.1:3306/test\`): the benchmark
creates scratch databases \`shop_bench_<random>\` in utf8mb4 (one for the catalog, one for orders) and drops them
at the end. The databases are grown with the server's seed CLI (\`npm run seed -- --products N\`: the 278-product
demo catalog, then variants of it); orders run on a copy of the 1,000-product SQLite catalog and on a MariaDB
database of its own, so they never change the catalog being measured. A run whose order race does not end with
exactly the stock in orders prints it loudly and exits with status 1.

The web shop's part needs Debian's Chromium (\`apt-get install chromium fonts-khmeros\`). Lighthouse is not a
dependency of the project; the part runs it when it is installed (\`npm install --no-save lighthouse@12\`: version 13
needs Node 22.19) or when \`LIGHTHOUSE_CLI\` points to its \`cli/index.js\`, and says why it skipped it otherwise.
`;
}
