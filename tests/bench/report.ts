import type { LoadFigures } from './load';
import type { LoadAverageSummary, MachineInfo } from './machine';
import type { BenchOptions } from './options';
import type { LatencyFigures, QueryLatency } from './sequential';
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
}

const workloadNames: Record<Workload, string> = {
  bare: 'bare Express res.json',
  listing: 'catalog listing',
  search: 'search',
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));
const seconds = (n: number) => `${n.toFixed(1)} s`;
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
    rows: report.load.map((r) => [
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

const LISTING_TARGET = 'Catalog listing ≥ 1.0× the bare Express route (req/s)';
const SEARCH_TARGET = 'Search p50 < 10 ms on 100,000 products (1 connection, whole query set)';

/** The project's stated targets, checked per database against this run's figures. */
function targetTable(report: BenchReport): Table {
  const rows: string[][] = [];
  const databases = [...new Set(report.load.filter((r) => r.workload === 'listing').map((r) => r.target))];
  for (const target of databases) {
    const ratios = report.load
      .filter((r) => r.workload === 'listing' && r.target === target)
      .map((r) => ({ connections: r.connections, x: r.reqPerSec / bareRate(report, r.connections) }));
    rows.push([
      LISTING_TARGET,
      target,
      ratios.map(({ connections, x }) => `${ratio(x)} at ${int(connections)} connections`).join(', '),
      ratios.every(({ x }) => x >= 1) ? 'yes' : 'no',
    ]);
  }
  if (!databases.length) rows.push([LISTING_TARGET, '-', 'not measured', '-']);
  const large = report.latency.filter((l) => l.products >= 100_000);
  for (const l of large)
    rows.push([SEARCH_TARGET, l.target, `p50 ${ms(l.all.p50Ms)} ms`, l.all.p50Ms < 10 ? 'yes' : 'no']);
  if (!large.length)
    rows.push([SEARCH_TARGET, '-', 'not measured (no 100,000-product catalog in this run)', '-']);
  return {
    headers: ['Target (for later)', 'Database', 'Measured', 'Met'],
    align: ['left', 'left', 'left', 'left'],
    rows,
  };
}

function describeRun(report: BenchReport): string[] {
  const { options, machine } = report;
  return [
    `Date: ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (run took ${seconds(report.elapsedSec)})`,
    `Machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.memoryGiB.toFixed(1)} GiB RAM, ${machine.os}`,
    `Node: ${machine.node}`,
    `Load average (1 min) during the run: min ${report.loadAverage.min.toFixed(1)}, mean ` +
      `${report.loadAverage.mean.toFixed(1)}, max ${report.loadAverage.max.toFixed(1)} (the benchmark itself keeps ` +
      'about 2 busy; more means other work competed for the CPUs)',
    `MariaDB: ${'version' in report.mysql ? report.mysql.version : `not used (${report.mysql.skipped})`}`,
    `Mode: ${options.quick ? '--quick' : 'full'}; ${options.durationSec} s per load case after ${options.warmupSec} s of ` +
      `sequential warm-up; connections ${options.connections.map(int).join(' and ')}`,
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

export function renderText(report: BenchReport): string {
  return [
    describeRun(report).join('\n'),
    `\nDatabases\n${textTable(seedTable(report))}`,
    `\nThroughput (autocannon, closed loop; latency of 2xx answers)\n${textTable(loadTable(report))}`,
    `\nSearch latency vs catalog size (1 connection, sequential)\n${textTable(latencyTable(report))}`,
    `\nTargets\n${textTable(targetTable(report))}`,
    ...(notes(report).length
      ? [
          `\nNotes\n${notes(report)
            .map((n) => `- ${n}`)
            .join('\n')}`,
        ]
      : []),
  ].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  return `# Benchmarks

Figures measured by \`npm run bench\` (tests/bench/run.ts), which writes this file. The benchmark prints figures and
never asserts them: read them against the machine they come from and the bare Express ceiling measured in the same
run. Rerun it rather than editing by hand.

## Run

${describeRun(report)
  .map((line) => `- ${line}`)
  .join('\n')}
- Shop server: a child process running \`server/src/main.ts\` with NODE_ENV=${report.options.nodeEnv}, SEED=none and
  LOG_LEVEL=warn${report.options.nodeEnv === 'production' ? ' (payment settings are placeholders: catalog routes never call them)' : ''}.
- Load generator: autocannon in the benchmark's own process on the same machine, sharing its CPUs with the server.
- Ceiling: a bare Express 5 app (tests/bench/bare-server.ts) answering \`res.json\` of a fixed catalog-sized page (24
  products and facets).

## Targets

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
}
## How to run

\`\`\`sh
npm run bench -w @shop/tests                      # full run, about 10-15 minutes on 2 cores
npm run bench -w @shop/tests -- --quick           # 1,000 products only, short cases, about 2 minutes
npm run bench -w @shop/tests -- --cache           # keep prepared SQLite databases in tests/bench/.cache
MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench -w @shop/tests -- --mysql-100k
\`\`\`

Options: \`--duration <s>\` per load case (default 10), \`--warmup <s>\`, \`--quick\`, \`--no-mysql\`,
\`--mysql-100k\` (seed MariaDB with 100,000 products even when that is estimated to take over 5 minutes),
\`--cache [dir]\`, \`--out <file>\` / \`--no-out\`, \`--node-env <env>\` (default production). Options go
after \`-w @shop/tests --\`: the root \`npm run bench\` script does not forward them.

MariaDB is used when reachable at \`MYSQL_URL\` (default \`mysql://root@127.0.0.1:3306/test\`): the benchmark
creates a scratch database \`shop_bench_<random>\` in utf8mb4 and drops it at the end. The databases are grown
with the server's seed CLI (\`npm run seed -- --products N\`: the 278-product demo catalog, then variants of it).
`;
}
