import { type MigrationDb, createIndex, createTable } from '../ddl';

/** Payment screenshots customers send for their orders, and what staff decided about each. */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'payment_proofs')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('uploaded_by', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('duplicate_of_order_id', 'varchar(26)')
    .addColumn('reason', 'varchar(500)')
    .addColumn('reviewed_by', 'varchar(26)')
    .addColumn('reviewed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'payment_proofs_queue_idx', 'payment_proofs', ['status', 'created_at']);
  await createIndex(db, 'payment_proofs_order_idx', 'payment_proofs', ['order_id']);
  await createIndex(db, 'payment_proofs_sha256_idx', 'payment_proofs', ['sha256']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('payment_proofs').ifExists().execute();
}
