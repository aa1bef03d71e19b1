import type { BackupFigures } from './bench-backup';
import { markdownTable, textTable, type Table } from './table';

/** The backup section: `npm run shop -- backup` and `restore` on a big SQLite shop. */

function table(f: BackupFigures): Table {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return {
    headers: ['Figure', 'Value'],
    align: ['left', 'right'],
    rows: [
      ['Database (after a checkpoint)', mb(f.databaseBytes)],
      ['Backup: its own time (manifest)', `${f.backupSec.toFixed(1)} s`],
      ['Backup: the command, process start included', `${f.commandSec.toFixed(1)} s`],
      ['Backup folder', mb(f.backupBytes)],
      ['Shop writes while it ran (one every 5 ms)', f.writes.toLocaleString('en-US')],
      ['Longest of those writes', `${f.longestWriteMs.toFixed(1)} ms`],
      ['Longest of the same writes in 5 s before, no backup', `${f.longestQuietWriteMs.toFixed(1)} ms`],
      ['Restore (checksums, copy, ledger check)', `${f.restoreSec.toFixed(1)} s`],
      [
        'Ledger after restore',
        `${f.ledgerDisagreements} of ${f.ledgerProducts.toLocaleString('en-US')} products disagree`,
      ],
      ['Rows written first (not timed above)', `${f.seedSec.toFixed(0)} s`],
    ],
  };
}

export function backupText(f: BackupFigures): string {
  return (
    `\nBackup of ${f.products.toLocaleString('en-US')} products and ${f.lines.toLocaleString('en-US')} order lines ` +
    `(SQLite)\n${textTable(table(f))}`
  );
}

export function backupMarkdown(f: BackupFigures): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `## Backup and restore

\`npm run shop -- backup\` on a SQLite shop of ${n(f.products)} products and ${n(f.lines)} order lines
(${n(Math.ceil((f.lines * 2) / 5))} orders with a payment each, a sale movement per line, the counters equal to the
ledger), written straight into a migrated database; no search index rows and no uploaded files (a picture costs its
bytes). The backup is the command itself, another process, while the benchmark updates a stock row every 5 ms on its
own connection, as a selling shop would. The longest of those writes, beside the longest of the same writes in the
5 s before without a backup (this machine's own noise), shows whether the backup held the shop's writer up: SQLite's
online backup in one step holds a read snapshot, which in WAL mode never blocks the writer, but the copy's reading and
writing share the disk and the CPUs with the shop. Then \`restore\` of that folder into a new one: every file's SHA-256,
the copy, and the ledger check of every product.

${markdownTable(table(f))}
`;
}
