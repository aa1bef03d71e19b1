import {
  MysqlAdapter,
  sql,
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Expression,
  type Kysely,
} from 'kysely';

/**
 * The few places where the two dialects' DDL differs. Migrations use these helpers and stay one file for both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed by today's schema
export type MigrationDb = Kysely<any>;

/** Whether `db`, a database or a transaction of any schema, talks to MySQL (MariaDB). */
export function isMysql(db: Pick<MigrationDb, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}

/**
 * CREATE TABLE IF NOT EXISTS; on MySQL as InnoDB in utf8mb4, so Khmer text round-trips. `clustered` tables are
 * stored in primary-key order on both dialects (InnoDB always; SQLite WITHOUT ROWID), for lookup tables read by
 * key ranges such as the search index.
 */
export function createTable(
  db: MigrationDb,
  name: string,
  options: { clustered?: boolean } = {},
): CreateTableBuilder<string, never> {
  const builder = db.schema.createTable(name).ifNotExists();
  if (isMysql(db))
    return builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
  return options.clustered ? builder.modifyEnd(sql`without rowid`) : builder;
}

/**
 * A string column compared byte by byte on both dialects (SQLite's default; utf8mb4_bin on MySQL), for values
 * we normalize ourselves: search terms and sort keys must order and match identically everywhere.
 */
export function binaryText(db: MigrationDb, length: number) {
  return isMysql(db) ? sql.raw(`varchar(${length}) collate utf8mb4_bin`) : sql.raw(`varchar(${length})`);
}

/** CREATE INDEX that can be re-run: MySQL has no IF NOT EXISTS for indexes, so we look first. */
export async function createIndex(
  db: MigrationDb,
  name: string,
  table: string,
  columns: string[],
  options: { unique?: boolean } = {},
): Promise<void> {
  const exists = isMysql(db)
    ? await sql<{ n: number }>`select count(*) as n from information_schema.statistics
        where table_schema = database() and table_name = ${table} and index_name = ${name}`.execute(db)
    : await sql<{
        n: number;
      }>`select count(*) as n from sqlite_master where type = 'index' and name = ${name}`.execute(db);
  if (Number(exists.rows[0]?.n ?? 0) > 0) return;
  let builder = db.schema.createIndex(name).on(table).columns(columns);
  if (options.unique) builder = builder.unique();
  await builder.execute();
}

/** ALTER TABLE … ADD COLUMN that can be re-run: skipped when the column exists already. */
export async function addColumn(
  db: MigrationDb,
  table: string,
  column: string,
  type: ColumnDataType | Expression<unknown>,
  build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder = (c) => c,
): Promise<void> {
  const tables = await db.introspection.getTables();
  const existing = tables.find((t) => t.name === table)?.columns.some((c) => c.name === column);
  if (existing) return;
  await db.schema.alterTable(table).addColumn(column, type, build).execute();
}
