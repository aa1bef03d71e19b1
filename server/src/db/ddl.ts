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

/**
 * Lets NOT NULL columns hold NULL; re-runnable (columns already nullable are left alone). `columns` maps each
 * column to its type, which MySQL needs restated. SQLite cannot drop a constraint, so the table is rebuilt from its
 * own CREATE statement without those NOT NULLs (sqlite.org/lang_altertable.html, "other kinds of table schema
 * changes"): rows, indexes and other tables' references to it stay. Foreign keys are off meanwhile, because dropping
 * the old table would otherwise cascade to (or be refused by) the rows that reference it; they are checked before
 * the rebuild commits.
 */
export async function dropNotNull(
  db: MigrationDb,
  table: string,
  columns: Record<string, string>,
): Promise<void> {
  const tables = await db.introspection.getTables();
  const strict = (tables.find((t) => t.name === table)?.columns ?? []).filter(
    (c) => c.name in columns && !c.isNullable,
  );
  if (strict.length === 0) return;
  if (isMysql(db)) {
    for (const column of strict)
      await db.schema.alterTable(table).modifyColumn(column.name, sql.raw(columns[column.name]!)).execute();
    return;
  }
  const created = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'table' and name = ${table}`.execute(db);
  const scratch = `${table}__rebuilt`;
  let ddl = created.rows[0]!.sql.replace(
    /^create table (if not exists )?"[^"]+"/i,
    `create table "${scratch}"`,
  );
  for (const column of strict) {
    const constraint = new RegExp(`("${column.name}" [^,]*?) not null`, 'i');
    if (!constraint.test(ddl))
      throw new Error(`${table}.${column.name}: no NOT NULL found in its definition`);
    ddl = ddl.replace(constraint, '$1');
  }
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await sql`drop table if exists ${sql.id(scratch)}`.execute(tx);
      await sql.raw(ddl).execute(tx);
      await sql`insert into ${sql.id(scratch)} select * from ${sql.id(table)}`.execute(tx);
      await sql`drop table ${sql.id(table)}`.execute(tx);
      await sql`alter table ${sql.id(scratch)} rename to ${sql.id(table)}`.execute(tx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(tx);
      const broken = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.rows.length > 0)
        throw new Error(`rebuilding ${table} would break ${broken.rows.length} references`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
