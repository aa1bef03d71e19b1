import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Issue 17, promotions and coupons (docs/decisions/0017-one-pricing-function.md). Rules are rows: `promotions` (a
 * kind, its target, percent or amount, a cart condition, shop days, paused) and `coupons` (a code kept upper case, so
 * unique whatever the case it is typed in, limits, channels, and `uses`, raised by a conditional update so a limit
 * is never passed). `coupon_customer_uses` counts one customer's uses the same way; `coupon_uses` keeps one row per
 * order. `order_discounts` names every discount of an order for its invoice and receipt. Orders gain the coupon's
 * code and the price a counter sale was flagged against; order lines the catalog price a promotion lowered and its
 * name.
 * Re-runnable.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'promotions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    // The product, category or brand a line rule covers; the free product of a free item; null for other cart rules.
    .addColumn('target_id', 'varchar(40)')
    .addColumn('percent', 'integer')
    .addColumn('amount_cents', 'bigint')
    .addColumn('sale_price_cents', 'bigint')
    .addColumn('min_total_cents', 'bigint')
    .addColumn('product_ids_json', 'text', (c) => c.notNull())
    .addColumn('free_quantity', 'integer')
    .addColumn('starts_on', 'varchar(10)')
    .addColumn('ends_on', 'varchar(10)')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'coupons')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('amount_cents', 'bigint')
    .addColumn('min_total_cents', 'bigint')
    .addColumn('max_uses', 'integer')
    .addColumn('max_uses_per_customer', 'integer')
    .addColumn('channels', 'varchar(20)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)')
    .addColumn('ends_on', 'varchar(10)')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'coupons_code_idx', 'coupons', ['code'], { unique: true });

  await createTable(db, 'coupon_customer_uses')
    // `${couponId}:${userId}`: one key column, so the row is made by one portable upsert (db/dialect.ts orUpdate).
    .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('coupon_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await createTable(db, 'coupon_uses')
    .addColumn('coupon_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)')
    .addColumn('discount_cents', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('coupon_uses_pk', ['coupon_id', 'order_id'])
    .execute();
  await createIndex(db, 'coupon_uses_order_idx', 'coupon_uses', ['order_id']);

  await createTable(db, 'order_discounts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(12)', (c) => c.notNull())
    // The promotion's or coupon's id (kept when the rule is deleted: the order keeps its name).
    .addColumn('ref_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'order_discounts_order_idx', 'order_discounts', ['order_id']);
  await createIndex(db, 'order_discounts_ref_idx', 'order_discounts', ['ref_id']);

  await addColumn(db, 'orders', 'coupon_code', 'varchar(32)');
  await addColumn(db, 'orders', 'price_flag_cents', 'bigint');
  await createIndex(db, 'orders_price_flag_idx', 'orders', ['price_flag_cents']);
  await addColumn(db, 'order_items', 'original_unit_cents', 'bigint');
  await addColumn(db, 'order_items', 'promotion_name', 'varchar(120)');
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['order_discounts', 'coupon_uses', 'coupon_customer_uses', 'coupons', 'promotions'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('order_items').dropColumn('promotion_name').execute();
  await db.schema.alterTable('order_items').dropColumn('original_unit_cents').execute();
  await db.schema.dropIndex('orders_price_flag_idx').on('orders').execute();
  await db.schema.alterTable('orders').dropColumn('price_flag_cents').execute();
  await db.schema.alterTable('orders').dropColumn('coupon_code').execute();
}
