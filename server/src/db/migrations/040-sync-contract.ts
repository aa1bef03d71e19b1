import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 19, counters of older versions keep syncing: a pushed item keeps the sync contract version it was sent in,
 * so an item parked because this server could not read it is read again in its own version when staff retry it
 * (docs/decisions/0016-upgrades.md). Every item before this was sent in version 1, the shape before
 * versions. Re-runnable: addColumn skips what exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'sync_items', 'contract', 'integer', (c) => c.notNull().defaultTo(1));
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('sync_items').dropColumn('contract').execute();
}
