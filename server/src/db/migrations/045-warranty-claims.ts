import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 18, warranty claims and repairs (docs/decisions/0021-warranty-claims.md): a claim per unit brought in, by its
 * serial number, and each move of its state (who, when). Claim numbers come from a row of `counters`, like the
 * change feed's, so they are sequential on both dialects. Re-runnable: IF NOT EXISTS, indexes looked up first, the
 * counter row inserted only when missing.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'warranty_claims')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('serial_id', 'varchar(26)', (c) => c.notNull().references('serial_numbers.id'))
    .addColumn('serial', 'varchar(64)', (c) => c.notNull())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    // The sale the unit came from (null: a unit the shop never sold, repaired as a service).
    .addColumn('order_id', 'varchar(26)', (c) => c.references('orders.id'))
    // The customer's account, who follows the claim in the web shop; null for a walk-in without one.
    .addColumn('user_id', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('customer_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('customer_phone', 'varchar(40)')
    .addColumn('customer_email', 'varchar(254)')
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    .addColumn('fault', 'text', (c) => c.notNull())
    .addColumn('accessories', 'text', (c) => c.notNull())
    // Whether the unit was in warranty the day the claim was opened (0/1): out of warranty needs a quote accepted.
    .addColumn('in_warranty', 'smallint', (c) => c.notNull())
    .addColumn('warranty_until', 'bigint')
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('quote_cents', 'integer')
    .addColumn('quote_accepted_at', 'bigint')
    .addColumn('quote_accepted_by', 'varchar(26)')
    .addColumn('refusal_reason', 'varchar(500)')
    .addColumn('replacement_serial_id', 'varchar(26)', (c) => c.references('serial_numbers.id'))
    .addColumn('replacement_serial', 'varchar(64)')
    .addColumn('opened_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('status_since', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'warranty_claims_status_idx', 'warranty_claims', ['status', 'status_since']);
  await createIndex(db, 'warranty_claims_user_idx', 'warranty_claims', ['user_id', 'created_at']);
  await createIndex(db, 'warranty_claims_serial_idx', 'warranty_claims', ['serial_id']);
  await createIndex(db, 'warranty_claims_replacement_idx', 'warranty_claims', ['replacement_serial_id']);

  await createTable(db, 'warranty_claim_events')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('claim_id', 'varchar(26)', (c) => c.notNull().references('warranty_claims.id'))
    .addColumn('from_status', 'varchar(24)')
    .addColumn('to_status', 'varchar(24)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('actor_id', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'warranty_claim_events_claim_idx', 'warranty_claim_events', [
    'claim_id',
    'created_at',
  ]);

  // Photos of the unit as it was taken in (scratches, a cracked screen): stored under claims/, never public.
  await createTable(db, 'warranty_claim_photos')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('claim_id', 'varchar(26)', (c) => c.notNull().references('warranty_claims.id'))
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'warranty_claim_photos_claim_idx', 'warranty_claim_photos', [
    'claim_id',
    'created_at',
  ]);

  const counter = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', 'warranty_claims')
    .executeTakeFirst();
  if (!counter) await db.insertInto('counters').values({ name: 'warranty_claims', value: 0 }).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('warranty_claim_photos').ifExists().execute();
  await db.schema.dropTable('warranty_claim_events').ifExists().execute();
  await db.schema.dropTable('warranty_claims').ifExists().execute();
  await db.deleteFrom('counters').where('name', '=', 'warranty_claims').execute();
}
