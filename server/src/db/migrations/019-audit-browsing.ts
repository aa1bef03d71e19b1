import { type MigrationDb, createIndex, isMysql } from '../ddl';

/**
 * Issue 13, the back office's audit log: admins page through it newest first, over every entity and actor, so the
 * log is read in time order (the indexes of 002 serve one entity's or one actor's history).
 */
export async function up(db: MigrationDb): Promise<void> {
  await createIndex(db, 'audit_log_created_idx', 'audit_log', ['created_at', 'id']);
}

export async function down(db: MigrationDb): Promise<void> {
  const drop = db.schema.dropIndex('audit_log_created_idx');
  await (isMysql(db) ? drop.on('audit_log') : drop).ifExists().execute();
}
