import SqliteDatabase from 'better-sqlite3';

/**
 * SQLite's online backup API copies pages in steps, and starts again whenever another connection writes between
 * two steps: with the default 100 pages a step, a shop taking an order every few milliseconds could keep a large
 * database's backup from ever finishing. One step of every page holds a single read snapshot from first page to
 * last, which in WAL mode never blocks the shop's writer (a checkpoint just waits for it), so the copy is the
 * database exactly as it was when the step began.
 */
const EVERY_PAGE = 0x7fffffff;

/**
 * Copies the live database `source` into the new file `target` through better-sqlite3's `backup()`: never a
 * file copy, which could catch the main file and its WAL at different moments.
 */
export async function backUpSqliteFile(source: string, target: string): Promise<{ pages: number }> {
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const done = await db.backup(target, { progress: () => EVERY_PAGE });
    return { pages: done.totalPages };
  } finally {
    db.close();
  }
}
