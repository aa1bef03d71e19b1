import { type MigrationDb, addColumn, createIndex } from '../ddl';

/**
 * Issue 18 part 3, paying an out-of-warranty repair at pickup (docs/decisions/0021-warranty-claims.md): the claim
 * names the order its accepted quote became (`repair_order_id`, a counter order of one repair line, paid through
 * the payments service). Re-runnable: addColumn and createIndex skip what exists.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'warranty_claims', 'repair_order_id', 'varchar(26)', (c) => c.references('orders.id'));
  await createIndex(db, 'warranty_claims_repair_order_idx', 'warranty_claims', ['repair_order_id']);
}
