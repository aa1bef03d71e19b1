import { type MigrationDb, addColumn, createIndex, isMysql } from '../ddl';

/**
 * Issue 13, the back office's payments: a payment flagged for reconciliation (migration 015, 018) is settled by staff
 * with an outcome and a note, kept on the row (who, when, what) so the flag itself stays as the history of why. A
 * KHQR paid but not as asked keeps what Bakong reported, so the review list can show it next to what was asked.
 * The back office lists orders by date. A screenshot accepted keeps the bank's transaction id, unique: one
 * transaction pays one order.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'payments', 'reconciled_at', 'bigint');
  await addColumn(db, 'payments', 'reconciled_by', 'varchar(26)');
  await addColumn(db, 'payments', 'reconciliation_outcome', 'varchar(16)');
  await addColumn(db, 'payments', 'reconciliation_note', 'varchar(500)');
  await addColumn(db, 'payments', 'reported_amount_minor', 'bigint');
  await addColumn(db, 'payments', 'reported_currency', 'varchar(3)');
  await addColumn(db, 'payments', 'reported_account', 'varchar(64)');
  await createIndex(db, 'payments_reconciliation_idx', 'payments', ['needs_reconciliation', 'reconciled_at']);
  await createIndex(db, 'orders_created_idx', 'orders', ['created_at']);
  // One bank transaction pays one order: a second screenshot of it (another picture, another order) is refused.
  await addColumn(db, 'payment_proofs', 'transaction_ref', 'varchar(64)');
  await createIndex(db, 'payment_proofs_transaction_idx', 'payment_proofs', ['transaction_ref'], {
    unique: true,
  });
}

export async function down(db: MigrationDb): Promise<void> {
  if (isMysql(db))
    await db.schema.dropIndex('payment_proofs_transaction_idx').on('payment_proofs').ifExists().execute();
  else await db.schema.dropIndex('payment_proofs_transaction_idx').ifExists().execute();
  await db.schema.alterTable('payment_proofs').dropColumn('transaction_ref').execute();
  if (isMysql(db)) await db.schema.dropIndex('orders_created_idx').on('orders').ifExists().execute();
  else await db.schema.dropIndex('orders_created_idx').ifExists().execute();
  if (isMysql(db))
    await db.schema.dropIndex('payments_reconciliation_idx').on('payments').ifExists().execute();
  else await db.schema.dropIndex('payments_reconciliation_idx').ifExists().execute();
  for (const column of [
    'reported_account',
    'reported_currency',
    'reported_amount_minor',
    'reconciliation_note',
    'reconciliation_outcome',
    'reconciled_by',
    'reconciled_at',
  ])
    await db.schema.alterTable('payments').dropColumn(column).execute();
}
