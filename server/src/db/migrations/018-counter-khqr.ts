import { type MigrationDb, addColumn, createIndex, dropNotNull } from '../ddl';

/**
 * Issue 11, the counter's online KHQR: a counter asks the server for a dynamic KHQR before its sale exists on the
 * server, so such a payment row has a device and no order yet (it gets the sale's order when the sale is pushed).
 * The one payment job watches these rows as it watches orders' QRs. Cash change may be given in the other currency
 * than the notes handed over (a dollar note changed in riel), so the change keeps its own currency.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'payments', 'device_id', 'varchar(26)');
  await addColumn(db, 'payments', 'change_currency', 'varchar(3)');
  await dropNotNull(db, 'payments', { order_id: 'varchar(26)' });
  // Paid requests no sale claimed: the payment job looks for them to flag them for staff.
  await createIndex(db, 'payments_device_idx', 'payments', ['device_id', 'status']);
}

export async function down(db: MigrationDb): Promise<void> {
  for (const column of ['change_currency', 'device_id'])
    await db.schema.alterTable('payments').dropColumn(column).execute();
}
