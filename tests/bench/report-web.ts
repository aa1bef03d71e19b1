import { fonts, kb, ms, scriptsAndStyles, sum, type TransferRow, type WebFigures } from './bench-web';
import { percentile } from './stats';
import { markdownTable, textTable, type Table } from './table';

/** The web shop's sections of the report: bytes of the home page, time to its product grid, Lighthouse. */

const int = (n: number) => n.toLocaleString('en-US');

function filesTable(files: TransferRow[], total: string): Table {
  const sorted = [...files].sort((a, b) => b.transferred - a.transferred);
  return {
    headers: ['File', 'Type', 'Encoding', 'Transferred KB', 'Uncompressed KB'],
    align: ['left', 'left', 'left', 'right', 'right'],
    rows: [
      ...sorted.map((f) => [f.path, f.type, f.encoding || 'none', kb(f.transferred), kb(f.decoded)]),
      [total, '', '', kb(sum(files)), kb(sum(files, 'decoded'))],
    ],
  };
}

/** Everything the English home page fetched, by kind of request. */
function byTypeTable(web: WebFigures): Table {
  const types = new Map<string, TransferRow[]>();
  for (const file of web.english.files) types.set(file.type, [...(types.get(file.type) ?? []), file]);
  return {
    headers: ['Requests of type', 'Count', 'Transferred KB', 'Uncompressed KB'],
    align: ['left', 'right', 'right', 'right'],
    rows: [
      ...[...types].map(([type, files]) => [
        type,
        int(files.length),
        kb(sum(files)),
        kb(sum(files, 'decoded')),
      ]),
      [
        'all',
        int(web.english.files.length),
        kb(sum(web.english.files)),
        kb(sum(web.english.files, 'decoded')),
      ],
    ],
  };
}

function fontsTable(web: WebFigures): Table {
  const row = (label: string, files: TransferRow[]) => [
    label,
    files.length ? files.map((f) => f.path.replace(/^\/assets\//, '')).join(', ') : 'none',
    kb(sum(files)),
  ];
  return {
    headers: ['Home page', 'Font files', 'Transferred KB'],
    align: ['left', 'left', 'right'],
    rows: [row('English', fonts(web.english.files)), row('Khmer', fonts(web.khmer.files))],
  };
}

function timingTable(web: WebFigures): Table {
  return {
    headers: [
      'Condition',
      'Cold loads',
      'First product card: median (min-max) ms',
      'First contentful paint: median ms',
    ],
    align: ['left', 'right', 'right', 'right'],
    rows: web.timings.map((t) => [
      t.condition.label,
      int(t.firstCardMs.length) + (t.failures ? ` (${t.failures} without a card)` : ''),
      t.firstCardMs.length
        ? `${ms(percentile(t.firstCardMs, 50))} (${ms(Math.min(...t.firstCardMs))}-${ms(Math.max(...t.firstCardMs))})`
        : '-',
      ms(percentile(t.fcpMs, 50)),
    ]),
  };
}

function lighthouseTable(web: WebFigures): Table | null {
  if ('skipped' in web.lighthouse) return null;
  return {
    headers: ['Lighthouse', 'Score / value'],
    align: ['left', 'right'],
    rows: [
      ...Object.entries(web.lighthouse.scores).map(([name, score]) => [name, String(score)]),
      ...Object.entries(web.lighthouse.metrics),
    ],
  };
}

/** Audits that did not pass outside performance: what to fix for accessibility, best practices and SEO. */
function lighthouseFailures(web: WebFigures): string[] {
  const lh = web.lighthouse;
  return 'skipped' in lh || !lh.failedAudits.length
    ? []
    : [`Lighthouse audits not passed: ${lh.failedAudits.join('; ')}.`];
}

function lighthouseLine(web: WebFigures): string {
  const lh = web.lighthouse;
  return 'skipped' in lh
    ? `Lighthouse: skipped. ${lh.skipped}`
    : `Lighthouse ${lh.version}, the median of ${lh.runs} run${lh.runs === 1 ? '' : 's'} by performance score; ${lh.settings}.`;
}

/** Why loads found no product card, per condition. */
function timingFailures(web: WebFigures): string[] {
  return web.timings
    .filter((t) => t.failures)
    .map(
      (t) => `${t.condition.label}: ${t.failures} load(s) showed no product card: ${t.failure ?? 'unknown'}`,
    );
}

const allNotes = (web: WebFigures) => [...web.notes, ...timingFailures(web), ...lighthouseFailures(web)];

export function webText(web: WebFigures): string {
  const list = (lines: string[]) => lines.map((n) => `- ${n}`).join('\n');
  const lighthouse = lighthouseTable(web);
  return [
    `\nWeb shop: JS and CSS of the home page (cold load, ${web.viewport})\n` +
      textTable(filesTable(scriptsAndStyles(web.english.files), 'JS + CSS total')),
    `\nWeb shop: everything the English home page fetched\n${textTable(byTypeTable(web))}`,
    `\nWeb shop: fonts\n${textTable(fontsTable(web))}`,
    ...(web.timings.length
      ? [`\nWeb shop: time to the first product grid\n${textTable(timingTable(web))}`]
      : []),
    `\n${lighthouseLine(web)}${lighthouse ? `\n${textTable(lighthouse)}` : ''}`,
    ...(allNotes(web).length ? [`\nWeb shop: notes\n${list(allNotes(web))}`] : []),
  ].join('\n');
}

export function webMarkdown(web: WebFigures, nodeEnv: string): string {
  const lighthouse = lighthouseTable(web);
  const notes = allNotes(web);
  return `## Web shop: what the home page downloads

The web shop built from this tree (\`vite build\`, production) and served by the real server (NODE_ENV=${nodeEnv},
SEED=demo: the 278-product demo catalog) to headless Debian Chromium (playwright-core) as a phone (${web.viewport}),
in a fresh browser context for every load (empty cache), after one load that warms the server. Sizes are response bodies
as they travelled (Playwright's \`request.sizes()\`: compressed when the server compressed them) and once decoded,
counted until the first product card showed and the network was idle. The JavaScript and CSS of the first view:

${markdownTable(filesTable(scriptsAndStyles(web.english.files), 'JS + CSS total'))}

Everything the English home page fetched (HTML, scripts, styles, API answers, pictures, fonts):

${markdownTable(byTypeTable(web))}

The Khmer web font (Noto Sans Khmer, self-hosted, with a unicode-range for Khmer) should be fetched only when a page
shows Khmer:

${markdownTable(fontsTable(web))}

## Web shop: time to the first product grid

Navigation start to the first frame in which an element \`[data-product-card]\` has a box (a MutationObserver and
requestAnimationFrame in the page, installed before its scripts), per cold load; first contentful paint from the
page's own Paint Timing. Throttled loads slow the page's CPU with \`Emulation.setCPUThrottlingRate\` and its network
with \`Network.emulateNetworkConditions\` (Chrome DevTools' "Slow 4G" as Lighthouse applies it: 562.5 ms per request,
1.44 Mbit/s down, 675 kbit/s up). Server and browser share this machine's CPUs.

${web.timings.length ? markdownTable(timingTable(web)) : '_Not measured: see the notes._'}

## Web shop: Lighthouse

${lighthouseLine(web)}
${lighthouse ? `\n${markdownTable(lighthouse)}\n` : ''}${
    notes.length ? `\n## Web shop: notes\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''
  }`;
}
