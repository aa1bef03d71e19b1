import fs from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from './database';
import { isMysql } from './ddl';

/**
 * How many bytes the shop's database takes. SQLite: its pages (page_count × page_size) plus the WAL file beside it,
 * which holds recent writes until a checkpoint and can grow large under steady writing. MySQL: the data and indexes
 * of the current schema's tables as InnoDB reports them (an estimate InnoDB refreshes itself, cheap to read).
 */
export async function databaseSizeBytes(db: Db): Promise<number> {
  if (isMysql(db)) {
    const { rows } = await sql<{ bytes: number | string | null }>`
      select sum(data_length + index_length) as bytes from information_schema.tables
      where table_schema = database()`.execute(db);
    return Number(rows[0]?.bytes ?? 0);
  }
  const { rows } = await sql<{ bytes: number; file: string }>`
    select page_count * page_size as bytes, (select file from pragma_database_list where name = 'main') as file
    from pragma_page_count(), pragma_page_size()`.execute(db);
  const { bytes = 0, file = '' } = rows[0] ?? {};
  // An in-memory database has no file, and a database that never wrote since its last checkpoint has no WAL.
  const wal = file ? await fs.stat(`${file}-wal`).catch(() => null) : null;
  return Number(bytes) + (wal?.size ?? 0);
}
