import type { SlowCaseRow, SlowClientFigures } from './bench-slow-clients';
import { percentile } from './stats';
import { markdownTable, textTable, type Table } from './table';

/** The slow-client sections of the report: are fresh visitors still served while slow connections hold on? */

const int = (n: number) => (Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(1) : int(n));

const TARGET = 'Fresh visitors answered in under 100 ms while 10,000 slow connections are open';
const TARGET_MS = 100;

function latency(row: SlowCaseRow, p: number): number {
  return percentile(row.visitors.latenciesMs, p);
}

function statuses(row: SlowCaseRow): string {
  const other = Object.entries(row.visitors.statuses).filter(([status]) => status !== '200');
  return other.length ? other.map(([status, n]) => `${int(n)} × ${status}`).join(', ') : '-';
}

function casesTable(figures: SlowClientFigures): Table {
  return {
    headers: [
      'Slow clients',
      'Open (fewest / mean)',
      'Connections made',
      'Cut by the server (no answer)',
      'Visitors answered / sent',
      'Other than 200',
      'p50 / p99 / max ms',
      'CPU % server / slow clients',
      'Server RSS MiB',
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: figures.cases.map((row) => [
      row.label,
      row.mode ? `${int(row.openMin)} / ${int(row.openMean)}` : '-',
      row.mode ? int(row.opened) : '-',
      row.mode ? `${int(row.cut)} (${int(row.cutSilently)})` : '-',
      `${int(row.visitors.answered)} / ${int(row.visitors.sent)}`,
      statuses(row),
      `${ms(latency(row, 50))} / ${ms(latency(row, 99))} / ${ms(Math.max(...row.visitors.latenciesMs))}`,
      `${int(row.serverCpuPct)} / ${int(row.crowdCpuPct)}`,
      int(row.serverRssMiB),
    ]),
  };
}

function targetTable(figures: SlowClientFigures): Table {
  return {
    headers: ['Target', 'Slow clients', 'Measured', 'Met'],
    align: ['left', 'left', 'left', 'left'],
    rows: figures.cases
      .filter((row) => row.mode)
      .map((row) => {
        const p99 = latency(row, 99);
        const allServed = row.visitors.failed === 0 && row.visitors.answered === row.visitors.sent;
        const held = row.openMin >= row.wanted * 0.95;
        return [
          TARGET,
          row.label,
          `p99 ${ms(p99)} ms, ${int(row.visitors.failed)} not answered, ${int(row.openMin)} or more open`,
          allServed && p99 < TARGET_MS && held ? 'yes' : 'no',
        ];
      }),
  };
}

function notes(figures: SlowClientFigures): string[] {
  const { generator, server } = figures.descriptorLimits;
  return [
    `Open-file limits: ${generator ?? 'unknown'} for the benchmark (its slow clients run in a process of their own, ` +
      `the visitors in the benchmark's), ${server ?? 'unknown'} ` +
      'for the server (Node raises its soft limit to the hard one at start; nothing else was raised). The server ' +
      'caps connections at 80 % of its limit.',
    ...figures.cases
      .filter((row) => row.visitors.failure)
      .map((row) => `${row.label}: the first visit not answered failed with "${row.visitors.failure}".`),
    ...figures.notes,
  ];
}

export function slowClientsText(figures: SlowClientFigures): string {
  return [
    `\nSlow clients (fresh visitors fetch ${figures.page} every ${figures.visitEveryMs} ms)\n${textTable(casesTable(figures))}`,
    `\n${textTable(targetTable(figures))}`,
    `\nSlow clients: notes\n${notes(figures)
      .map((n) => `- ${n}`)
      .join('\n')}`,
  ].join('\n');
}

export function slowClientsMarkdown(figures: SlowClientFigures, nodeEnv: string): string {
  const wanted = int(figures.cases.find((row) => row.mode)?.wanted ?? 0);
  return `## Slow clients

The attack of issue 9 (finding 11): connections that send their request a little at a time and hold on to the
server. The benchmark opens ${wanted} slow connections (at 1,000 a second) from ${figures.sourceAddresses} loopback
addresses (127.0.0.10 and up, so that ephemeral ports never run out), each sending one header line, or one byte of a
sign-in body (\`POST /api/v1/auth/login\`, Content-Length 16,000), every ${figures.sendEveryMs / 1000} s, and
opening a new one as soon as the server drops one; they run in a process of their own. Meanwhile a fresh visitor
fetches \`${figures.page}\` every ${figures.visitEveryMs} ms on a new connection from 127.0.0.1 (whether or not
the previous one was answered; no answer within 5 s counts as not answered), for ${figures.caseSec} s per case once
the slow connections are open.

The server is the real one (NODE_ENV=${nodeEnv}, demo catalog) with its default limits: headers within 10 s, JSON
bodies within 10 s, 256 bodies and 16 MiB of them read at once (past that a body waits 1 s, then gets 503), a
connection answered before its body ended lingers 30 s discarding the rest, connections capped at 80 % of the
descriptor limit. "Cut by the server" counts slow connections the server closed during the case (in brackets: without
a byte of answer, i.e. refused or dropped idle; the others had their answer: 408, or 503 for a body that found no
place). CPU is in % of one core; the server and the benchmark share the machine's cores. Server RSS is at the end of
the case and includes garbage V8 has not collected yet.

${markdownTable(casesTable(figures))}

${markdownTable(targetTable(figures))}

${notes(figures)
  .map((n) => `- ${n}`)
  .join('\n')}
`;
}
