import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 15, Khmer where buyers decide: a product's description in Khmer, null until the shop writes one (Khmer
 * pages then show the English). Spec labels and word values are translated in shared/specs, not per product.
 * Numbered 026: 024 holds the server processes, and the search or guest-checkout branch of this issue may take 025.
 * Re-runnable: addColumn skips what exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'products', 'description_km', 'text');
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('products').dropColumn('description_km').execute();
}
