import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialect } from '../../test/support';
import type { ShopDatabase } from './database';
import { createIndex, createTable, dropNotNull, type MigrationDb } from './ddl';

/**
 * `dropNotNull` on a table that already has rows, an index, a unique column and a table referencing it, as migration
 * 014 meets `payments` in a shop that has taken orders (on SQLite the table is rebuilt).
 */
let database: ShopDatabase & { drop(): Promise<void> };
let db: MigrationDb;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db as unknown as MigrationDb;
  await createTable(db, 'ddl_parent')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('code', 'char(4)', (c) => c.notNull().unique())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'ddl_parent_n_idx', 'ddl_parent', ['n']);
  await createTable(db, 'ddl_child')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(26)', (c) => c.notNull().references('ddl_parent.id'))
    .execute();
  await db
    .insertInto('ddl_parent')
    .values([
      { id: 'P1', label: 'first', code: 'AAAA', n: 1 },
      { id: 'P2', label: 'second', code: 'BBBB', n: 2 },
    ])
    .execute();
  await db.insertInto('ddl_child').values({ id: 'C1', parent_id: 'P1' }).execute();
});
afterAll(() => database?.drop());

const nullable = async (table: string) =>
  Object.fromEntries(
    (await db.introspection.getTables())
      .find((t) => t.name === table)!
      .columns.map((c) => [c.name, c.isNullable]),
  );

describe(`dropNotNull on ${testDialect}`, () => {
  it('lets the named columns hold NULL and keeps rows, other constraints, indexes and references', async () => {
    await dropNotNull(db, 'ddl_parent', { label: 'text', code: 'char(4)' });
    expect(await nullable('ddl_parent')).toMatchObject({ label: true, code: true, n: false });

    const rows = await db.selectFrom('ddl_parent').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.label, r.code])).toEqual([
      ['P1', 'first', 'AAAA'],
      ['P2', 'second', 'BBBB'],
    ]);
    await db.insertInto('ddl_parent').values({ id: 'P3', label: null, code: null, n: 3 }).execute();
    await db.insertInto('ddl_parent').values({ id: 'P4', label: null, code: null, n: 4 }).execute();
    await expect(
      db.insertInto('ddl_parent').values({ id: 'P5', label: 'x', code: 'AAAA', n: 5 }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('ddl_parent').values({ id: 'P6', label: 'x', code: 'CCCC' }).execute(),
    ).rejects.toThrow();

    const indexes = await (testDialect === 'mysql'
      ? sql<{ name: string }>`select index_name as name from information_schema.statistics
          where table_schema = database() and table_name = 'ddl_parent'`.execute(db)
      : sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name = 'ddl_parent'`.execute(db));
    expect(indexes.rows.map((r) => r.name)).toContain('ddl_parent_n_idx');

    expect(await db.selectFrom('ddl_child').selectAll().execute()).toEqual([{ id: 'C1', parent_id: 'P1' }]);
  });

  it.runIf(testDialect === 'sqlite')(
    'turns foreign keys back on, still pointing at the rebuilt table',
    async () => {
      expect(
        (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys,
      ).toBe(1);
      await expect(
        db.insertInto('ddl_child').values({ id: 'C2', parent_id: 'NOPE' }).execute(),
      ).rejects.toThrow();
      await db.insertInto('ddl_child').values({ id: 'C3', parent_id: 'P2' }).execute();
    },
  );

  it('running it again changes nothing', async () => {
    const before = await nullable('ddl_parent');
    await dropNotNull(db, 'ddl_parent', { label: 'text', code: 'char(4)' });
    expect(await nullable('ddl_parent')).toEqual(before);
    expect(await db.selectFrom('ddl_parent').select('id').orderBy('id').execute()).toHaveLength(4);
  });
});
