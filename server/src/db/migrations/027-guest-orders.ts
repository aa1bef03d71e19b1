import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 15, guest checkout: the keys to a guest's order page. Every link handed out (the placing answer, each mail)
 * carries a token of its own; only its SHA-256 is kept, so neither the database nor a backup opens anyone's order.
 * Numbered 027 after main's 024 and 026 (025 is the search branch's); re-runnable (IF NOT EXISTS, createIndex looks first).
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'order_access_tokens')
    .addColumn('token_hash', 'char(64)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'order_access_tokens_order_idx', 'order_access_tokens', ['order_id']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('order_access_tokens').ifExists().execute();
}
