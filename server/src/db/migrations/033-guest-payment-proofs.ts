import { type MigrationDb, dropNotNull } from '../ddl';

/**
 * Guests send payment screenshots too: a screenshot sent with the token of a guest order's link has no account
 * behind it, so `uploaded_by` may be empty. An empty `uploaded_by` means "the holder of the order's guest link"
 * (the order's guest contact); rows so far all have their customer and keep them. Re-runnable: dropNotNull leaves
 * a nullable column alone.
 */
export async function up(db: MigrationDb): Promise<void> {
  await dropNotNull(db, 'payment_proofs', { uploaded_by: 'varchar(26)' });
}

export async function down(): Promise<void> {
  // Guests' screenshots have no account to put back: the column stays nullable.
}
