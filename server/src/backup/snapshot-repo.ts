import type { Db } from '../db/database';
import type { Database } from '../db/schema';

/** What a backup's manifest says of the database: its schema version and the size of its main tables. */

/** The tables whose row counts a manifest records: what a shop owner would miss first. */
export const countedTables = [
  'products',
  'stock_levels',
  'stock_movements',
  'orders',
  'order_items',
  'payments',
  'users',
  'devices',
  'audit_log',
] as const satisfies ReadonlyArray<keyof Database>;

export type CountedTable = (typeof countedTables)[number];

/** Rows of each counted table the database has (an older schema may lack some of them). */
export async function countRows(db: Db): Promise<Partial<Record<CountedTable, number>>> {
  const present = new Set((await db.introspection.getTables()).map((t) => t.name));
  const counts: Partial<Record<CountedTable, number>> = {};
  for (const table of countedTables.filter((t) => present.has(t))) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The migrations' own table (kysely's Migrator keeps it; db/migrate.ts names it). */
type MigrationTables = {
  schema_migrations: { name: string; timestamp: string };
};

/**
 * The names of the migrations applied to the database, in order; empty when it has none (an empty database, or
 * not the shop's). Names sort in the order they are applied (zero-padded numbers).
 */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'schema_migrations')) return [];
  const rows = await db
    .withTables<MigrationTables>()
    .selectFrom('schema_migrations')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}
