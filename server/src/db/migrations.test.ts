import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialect } from '../../test/support';
import type { ShopDatabase } from './database';
import { migrateToLatest } from './migrate';

let database: ShopDatabase & { drop(): Promise<void> };

beforeAll(async () => {
  database = await openTestDatabase(); // a fresh, empty database, migrated once
});
afterAll(() => database?.drop());

describe(`migrations on ${testDialect}`, () => {
  it('build every table from empty, and running them again changes nothing', async () => {
    const tables = (await database.db.introspection.getTables()).map((t) => t.name);
    for (const table of [
      'categories',
      'brands',
      'products',
      'search_terms',
      'stock_levels',
      'stock_movements',
      'change_log',
      'users',
      'sessions',
      'support_inquiries',
      'support_messages',
    ]) {
      expect(tables).toContain(table);
    }
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('round-trips Khmer text and four-byte characters', async () => {
    const now = Date.now();
    const nameKm = 'កាតក្រាហ្វិក ✨ 🖥️';
    await database.db
      .insertInto('categories')
      .values({
        id: 'KHMER-TEST',
        slug: 'khmer-test',
        name: 'Graphics',
        name_km: nameKm,
        parent_id: null,
        spec_kind: 'gpu',
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const row = await database.db
      .selectFrom('categories')
      .select(['name_km', 'created_at'])
      .where('id', '=', 'KHMER-TEST')
      .executeTakeFirstOrThrow();
    expect(row.name_km).toBe(nameKm);
    expect(row.created_at).toBe(now);
  });

  it.runIf(testDialect === 'mysql')(
    'creates InnoDB tables in utf8mb4, with binary collation for search terms',
    async () => {
      const tables = await sql<{ TABLE_NAME: string; ENGINE: string; TABLE_COLLATION: string }>`
      select TABLE_NAME, ENGINE, TABLE_COLLATION from information_schema.tables where table_schema = database()`.execute(
        database.db,
      );
      for (const table of tables.rows) {
        expect(table.ENGINE, table.TABLE_NAME).toBe('InnoDB');
        expect(table.TABLE_COLLATION, table.TABLE_NAME).toMatch(/^utf8mb4_/);
      }
      const term = await sql<{ COLLATION_NAME: string }>`select COLLATION_NAME from information_schema.columns
      where table_schema = database() and table_name = 'search_terms' and column_name = 'term'`.execute(
        database.db,
      );
      expect(term.rows[0]?.COLLATION_NAME).toBe('utf8mb4_bin');
    },
  );
});
