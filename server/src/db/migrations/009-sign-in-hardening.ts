import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Issue 9, accounts: what each sign-up attempt chose travels with its own code; a counter that a completed reset
 * moves on, so the sign-in throttle of an account starts afresh; mailed checks that come before a password is
 * hashed while sign-ins are under attack; and the browsers that signed in before (device cookies).
 */
export async function up(db: MigrationDb): Promise<void> {
  // A sign-up attempt's password (hashed), name and language, applied only when its own code is entered.
  await addColumn(db, 'otp_challenges', 'password_hash', 'varchar(255)');
  await addColumn(db, 'otp_challenges', 'name', 'varchar(120)');
  await addColumn(db, 'otp_challenges', 'locale', 'varchar(5)');
  await addColumn(db, 'users', 'sign_in_epoch', 'integer', (c) => c.notNull().defaultTo(0));

  // One row per account address (hashed), with or without an account, so the answers cannot tell them apart.
  await createTable(db, 'sign_in_checks')
    .addColumn('account_key', 'char(64)', (c) => c.primaryKey())
    .addColumn('id', 'varchar(26)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(26)')
    .addColumn('code_hash', 'char(64)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'trusted_devices')
    .addColumn('token_hash', 'char(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('trusted_devices_pk', ['token_hash', 'user_id'])
    .execute();
  await createIndex(db, 'trusted_devices_user_idx', 'trusted_devices', ['user_id']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('trusted_devices').ifExists().execute();
  await db.schema.dropTable('sign_in_checks').ifExists().execute();
}
