import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Issue 13, the back office's people and stock: staff invitations (a one-time link, only its hash kept), a cost
 * price and a reorder level per product, and the row that serializes changes to who is an active admin (so two
 * admins demoting each other at once cannot leave the shop with none).
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'products', 'cost_cents', 'bigint');
  await addColumn(db, 'products', 'reorder_level', 'integer');

  await createTable(db, 'staff_invitations')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    // The address while the invitation is open, null once accepted or revoked: unique, so one open invitation per
    // address however many admins invite at once (both dialects allow many NULLs in a unique index).
    .addColumn('open_email', 'varchar(254)', (c) => c.unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('role', 'varchar(12)', (c) => c.notNull())
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('invited_by', 'varchar(26)')
    .addColumn('user_id', 'varchar(26)')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'staff_invitations_created_idx', 'staff_invitations', ['created_at']);

  const roster = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', 'admin_roster')
    .executeTakeFirst();
  if (!roster) await db.insertInto('counters').values({ name: 'admin_roster', value: 0 }).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('counters').where('name', '=', 'admin_roster').execute();
  await db.schema.dropTable('staff_invitations').ifExists().execute();
  for (const column of ['reorder_level', 'cost_cents'])
    await db.schema.alterTable('products').dropColumn(column).execute();
}
