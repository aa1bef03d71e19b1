import { type MigrationDb, createIndex, createTable } from '../ddl';

/** Who changed what, when, from where: one row per state change that matters, written in the change's transaction. */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'audit_log')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('ip', 'varchar(45)')
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity', 'varchar(30)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(40)')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'audit_log_entity_idx', 'audit_log', ['entity', 'entity_id']);
  await createIndex(db, 'audit_log_actor_idx', 'audit_log', ['actor_id', 'created_at']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('audit_log').ifExists().execute();
}
