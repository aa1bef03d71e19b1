import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 14, system health: each server process on the database records itself and refreshes `last_seen_at` about
 * every 30 s, so the health screen can list every process sharing one MySQL with its version and uptime. Also the
 * index that lists a staff member's own shifts, newest first. Re-runnable: createTable and createIndex skip what
 * exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'server_processes')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('hostname', 'varchar(255)', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('version', 'varchar(40)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'server_processes_seen_idx', 'server_processes', ['last_seen_at']);
  await createIndex(db, 'pos_shifts_opener_idx', 'pos_shifts', ['opened_by', 'opened_at']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('pos_shifts_opener_idx').on('pos_shifts').ifExists().execute();
  await db.schema.dropTable('server_processes').ifExists().execute();
}
