import type { RetentionFigures } from './bench-retention';
import { markdownTable, textTable, type Table } from './table';

/** The retention section: pruning's longest batch on a million old rows, and what a writer waited meanwhile. */

const ms = (n: number) => n.toFixed(0);
const int = (n: number) => n.toLocaleString('en-US');

function table(figures: RetentionFigures): Table {
  return {
    headers: [
      'Database',
      'Table',
      'Removed',
      'Batches',
      'Seconds',
      'Batch p50 ms',
      'Longest batch ms',
      'Alone: write p99 / max ms',
      'Writes',
      'Write p50 ms',
      'Write p99 ms',
      'Longest write ms',
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
    ],
    rows: figures.tables.map((row) => [
      row.target,
      row.table,
      int(row.removed),
      int(row.batches),
      row.seconds.toFixed(1),
      ms(row.batchP50Ms),
      ms(row.batchMaxMs),
      `${ms(row.baselineP99Ms)} / ${ms(row.baselineMaxMs)}`,
      int(row.writes),
      ms(row.writeP50Ms),
      ms(row.writeP99Ms),
      ms(row.writeMaxMs),
    ]),
  };
}

function seeds(figures: RetentionFigures): Table {
  return {
    headers: ['Database', 'Old rows written'],
    align: ['left', 'right'],
    rows: figures.seeds.map((s) => [s.target, `${s.seconds.toFixed(0)} s`]),
  };
}

export function retentionText(figures: RetentionFigures): string {
  return (
    `\nRetention: pruning ${int(figures.rows)} old rows while a writer appends\n` +
    `${textTable(seeds(figures))}\n${textTable(table(figures))}`
  );
}

export function retentionMarkdown(figures: RetentionFigures): string {
  return `## Retention: pruning's longest lock

${int(figures.rows)} old rows written straight into a migrated database: half sent mails queued 100 days ago, half
audit rows of sign-ins four years old (the defaults keep 90 days and three years). They are then pruned as the
pruning job does (modules/retention/prune.ts: rows found by key, deleted by key in batches of 1,000, 50 ms apart),
in-process, while a writer appends one audit row in its own transaction every 5 ms, as requests do. "Longest batch"
is the longest a batch held its rows (on SQLite, the one connection); "Longest write" is the writer's worst wait,
its own insert and commit included; "Alone" is the same writer for 5 s just before, without pruning: on a shared
machine, the part of a wait that is the machine's rather than pruning's.

${markdownTable(seeds(figures))}

${markdownTable(table(figures))}
`;
}
