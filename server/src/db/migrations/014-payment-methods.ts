import { type MigrationDb, addColumn, dropNotNull } from '../ddl';

/**
 * Issue 10: a payment is a KHQR, cash taken at the counter, or an accepted screenshot. Only a KHQR has a QR, its md5
 * and the timings the payment job watches, so those may be empty; cash keeps what was tendered, the change given and
 * who took it. Existing rows are all KHQRs and keep their values.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'payments', 'tendered_minor', 'bigint');
  await addColumn(db, 'payments', 'change_minor', 'bigint');
  await addColumn(db, 'payments', 'received_by', 'varchar(26)');
  await dropNotNull(db, 'payments', {
    qr: 'text',
    md5: 'char(32)',
    expires_at: 'bigint',
    watch_until: 'bigint',
    next_check_at: 'bigint',
  });
}

export async function down(db: MigrationDb): Promise<void> {
  for (const column of ['received_by', 'change_minor', 'tendered_minor'])
    await db.schema.alterTable('payments').dropColumn(column).execute();
}
