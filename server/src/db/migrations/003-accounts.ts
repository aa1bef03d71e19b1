import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/** Accounts: verification and sign-in codes, password resets, addresses, the mail outbox, rate limits, settings. */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'users', 'phone', 'varchar(30)');
  await addColumn(db, 'users', 'locale', 'varchar(5)', (c) => c.notNull().defaultTo('en'));
  await addColumn(db, 'users', 'otp_login', 'smallint', (c) => c.notNull().defaultTo(0));
  await addColumn(db, 'users', 'email_verified_at', 'bigint');
  await addColumn(db, 'users', 'failed_logins', 'integer', (c) => c.notNull().defaultTo(0));
  await addColumn(db, 'users', 'locked_until', 'bigint');
  await addColumn(db, 'sessions', 'ip', 'varchar(45)');
  await addColumn(db, 'sessions', 'user_agent', 'varchar(300)');

  await createTable(db, 'otp_challenges')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('code_hash', 'char(64)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'otp_challenges_user_idx', 'otp_challenges', ['user_id', 'purpose', 'created_at']);

  await createTable(db, 'password_resets')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'addresses')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('label', 'varchar(40)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(120)', (c) => c.notNull())
    .addColumn('phone', 'varchar(30)', (c) => c.notNull())
    .addColumn('house_street', 'varchar(200)', (c) => c.notNull())
    .addColumn('floor_unit', 'varchar(60)')
    .addColumn('village', 'varchar(120)')
    .addColumn('sangkat', 'varchar(120)', (c) => c.notNull())
    .addColumn('khan', 'varchar(120)', (c) => c.notNull())
    .addColumn('province', 'varchar(120)', (c) => c.notNull())
    .addColumn('landmark', 'varchar(200)')
    .addColumn('delivery_notes', 'varchar(500)')
    .addColumn('is_default', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'addresses_user_idx', 'addresses', ['user_id']);

  await createTable(db, 'email_outbox')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('to_address', 'varchar(254)', (c) => c.notNull())
    .addColumn('template', 'varchar(60)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(40)')
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await createIndex(db, 'email_outbox_due_idx', 'email_outbox', ['status', 'next_attempt_at']);

  await createTable(db, 'rate_limits')
    .addColumn('bucket', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();

  await createTable(db, 'settings')
    .addColumn('key', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'settings',
    'rate_limits',
    'email_outbox',
    'addresses',
    'password_resets',
    'otp_challenges',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
