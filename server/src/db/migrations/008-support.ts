import { type MigrationDb, createIndex, createTable } from '../ddl';

/** Customer inquiries: a thread per question, its messages, and what the lists of customers and staff sort by. */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'support_inquiries')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    // Null for a guest, who is known by name and email only.
    .addColumn('user_id', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    .addColumn('order_id', 'varchar(26)', (c) => c.references('orders.id'))
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('last_author_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'support_inquiries_user_idx', 'support_inquiries', ['user_id', 'updated_at']);
  await createIndex(db, 'support_inquiries_status_idx', 'support_inquiries', ['status', 'updated_at']);
  await createIndex(db, 'support_inquiries_updated_idx', 'support_inquiries', ['updated_at']);

  await createTable(db, 'support_messages')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('inquiry_id', 'varchar(26)', (c) => c.notNull().references('support_inquiries.id'))
    .addColumn('author_kind', 'varchar(10)', (c) => c.notNull())
    // The customer's or staff member's account; null for a guest.
    .addColumn('author_id', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'support_messages_thread_idx', 'support_messages', ['inquiry_id', 'created_at']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('support_messages').ifExists().execute();
  await db.schema.dropTable('support_inquiries').ifExists().execute();
}
