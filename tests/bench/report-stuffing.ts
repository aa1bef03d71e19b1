import type { OwnerSignIns, StuffingFigures, StuffingRun } from './bench-stuffing';
import { percentile } from './stats';
import { markdownTable, textTable, type Table } from './table';

/** The credential-stuffing section of the report: what reached the hash, the owners' sign-ins, the server's CPU. */

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isNaN(n) ? '-' : int(n));
const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;

function owners(sign: OwnerSignIns): string {
  if (!sign.ms.length) return sign.failures.length ? `none (${sign.failures.length} failed)` : '-';
  const failed = sign.failures.length
    ? `, ${sign.failures.length} failed: ${[...new Set(sign.failures)].join(', ')}`
    : '';
  return `${sign.ms.length}: ${ms(percentile(sign.ms, 50))} / ${ms(Math.max(...sign.ms))}${failed}`;
}

function answers(run: StuffingRun): string {
  const order = ['401', '429', 'code first', 'signed in'];
  const keys = [
    ...order.filter((k) => k in run.answers),
    ...Object.keys(run.answers).filter((k) => !order.includes(k)),
  ];
  return keys.map((k) => `${k}: ${int(run.answers[k]!)}`).join(', ');
}

function stuffingTable(figures: StuffingFigures): Table {
  return {
    headers: [
      'Attack',
      'Attempts',
      'Reached the hash',
      'Answers',
      'Wall s',
      'Server CPU s (% of 1 core)',
      'Owners, device used before: n: p50 / max ms',
      'Owners, new phone with mailed code: n: p50 / max ms',
      'Code mails',
    ],
    align: ['left', 'right', 'right', 'left', 'right', 'right', 'left', 'left', 'right'],
    rows: figures.runs.map((run) => [
      run.mode,
      int(run.attempts),
      `${int(run.reachedHash)} (${share(run.reachedHash, run.attempts)})`,
      answers(run),
      run.wallSec.toFixed(1),
      `${run.serverCpuSec.toFixed(1)} (${Math.round((100 * run.serverCpuSec) / run.wallSec)} %)`,
      owners(run.knownDevice),
      owners(run.newDevice),
      int(run.codeMails),
    ]),
  };
}

export function stuffingText(figures: StuffingFigures): string {
  return `\nCredential stuffing (${int(figures.options.attempts)} wrong sign-ins from ${int(figures.options.addresses)} addresses at ${int(figures.options.accounts)} accounts)\n${textTable(stuffingTable(figures))}`;
}

export function stuffingMarkdown(figures: StuffingFigures): string {
  const o = figures.options;
  return `## Credential stuffing

${int(o.attempts)} sign-ins with wrong passwords at ${int(o.accounts)} real accounts from ${int(o.addresses)} client
addresses (127.0.0.x and 127.0.1.x: each attacker connection leaves from its own loopback address), every
(address, account) pair tried once, so every address and every account sees about ${int(o.attempts / o.addresses)}
attempts: once one after another, once in bursts of ${int(o.burstSize)} sent at the same moment, each against a fresh
SQLite shop (the real server in its own process, NODE_ENV=production). "Reached the hash" counts the failed
password checks the server recorded (audit rows \`auth.login_failed\`; every password that is hashed and does not
match writes one). Meanwhile ${int(o.knownDeviceOwners)} owners sign in again, one every ${o.ownerEveryMs / 1000} s, on the
browser they had signed in with before the attack (device cookie), and up to ${int(o.newDeviceOwners)} other owners sign in
on phones new to their accounts, one every ${o.newDeviceEveryMs / 1000} s: password, then the code from the mail (read from
a loopback SMTP server, sent with MAIL_POLL_MS=100) with the password again; their time runs from the first request
to being signed in, mail included. Targets (issue 9): under 1 % of attempts reach the hash; owners sign in within
2 s. "Server CPU" is the server process's CPU time during the attack.

${markdownTable(stuffingTable(figures))}

${figures.notes.map((n) => `- ${n}`).join('\n')}
`;
}
