import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 15, wishlists: the products a customer keeps for later. One row per account and product (the primary key),
 * so adding a product twice is one row however often it is asked; listed newest first by the (user, added) index.
 * Products are never deleted (only taken off sale), so the product's key holds. Re-runnable.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'wishlist_items')
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('wishlist_items_pk', ['user_id', 'product_id'])
    .execute();
  await createIndex(db, 'wishlist_items_user_added_idx', 'wishlist_items', ['user_id', 'added_at']);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('wishlist_items').ifExists().execute();
}
