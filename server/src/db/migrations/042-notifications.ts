import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 17, notifications (docs/decisions/0018-notifications.md): one row per person told, as a kind and its
 * parameters (JSON), so each reader's language says it; `read_at` null while unread. Listed newest first per person
 * (the (user, id) index; ids are ULIDs), counted unread by (user, read_at), and watched for new rows by every
 * process through (user, created_at). `notification_preferences`: one row per person and kind that also goes by mail (no row: in
 * the app only). Re-runnable.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'notifications')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(300)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await createIndex(db, 'notifications_user_id_idx', 'notifications', ['user_id', 'id']);
  await createIndex(db, 'notifications_user_read_idx', 'notifications', ['user_id', 'read_at']);
  await createIndex(db, 'notifications_user_created_idx', 'notifications', ['user_id', 'created_at']);
  await createTable(db, 'notification_preferences')
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('mail', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('notification_preferences').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
}
