import { type MigrationDb, createIndex, createTable } from '../ddl';

/** Carts, orders with price snapshots and their event history, idempotency keys, and KHQR payments. */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'carts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(26)', (c) => c.unique().references('users.id'))
    .addColumn('guest_token_hash', 'char(64)', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'cart_items')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('cart_id', 'varchar(26)', (c) => c.notNull().references('carts.id').onDelete('cascade'))
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('cart_items_cart_product_uq', ['cart_id', 'product_id'])
    .execute();

  await createTable(db, 'orders')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('customer_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('customer_email', 'varchar(254)')
    .addColumn('customer_phone', 'varchar(30)')
    .addColumn('fulfilment', 'varchar(10)', (c) => c.notNull())
    .addColumn('delivery_address_json', 'text')
    .addColumn('note', 'varchar(500)')
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('subtotal_cents', 'integer', (c) => c.notNull())
    .addColumn('delivery_fee_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('riel_per_usd', 'integer', (c) => c.notNull())
    .addColumn('total_khr', 'bigint', (c) => c.notNull())
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    .addColumn('payment_due_at', 'bigint')
    .addColumn('paid_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'orders_user_idx', 'orders', ['user_id', 'created_at']);
  await createIndex(db, 'orders_status_due_idx', 'orders', ['status', 'payment_due_at']);

  await createTable(db, 'order_items')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('sku', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('line_total_cents', 'integer', (c) => c.notNull())
    .addColumn('warranty_months', 'integer', (c) => c.notNull())
    .addColumn('cancelled_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_reason', 'varchar(30)')
    .execute();
  await createIndex(db, 'order_items_order_idx', 'order_items', ['order_id']);

  await createTable(db, 'order_events')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('from_status', 'varchar(20)')
    .addColumn('to_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('reason', 'varchar(500)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'order_events_order_idx', 'order_events', ['order_id', 'id']);

  await createTable(db, 'idempotency_keys')
    .addColumn('key_hash', 'char(64)', (c) => c.primaryKey())
    .addColumn('request_hash', 'char(64)', (c) => c.notNull())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await createTable(db, 'payments')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('method', 'varchar(10)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('qr', 'text', (c) => c.notNull())
    .addColumn('md5', 'char(32)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('watch_until', 'bigint', (c) => c.notNull())
    .addColumn('next_check_at', 'bigint', (c) => c.notNull())
    .addColumn('check_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'varchar(40)')
    .addColumn('claimed_until', 'bigint')
    .addColumn('bakong_hash', 'varchar(100)')
    .addColumn('paid_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'payments_due_idx', 'payments', ['status', 'next_check_at']);
  await createIndex(db, 'payments_order_idx', 'payments', ['order_id']);

  const counter = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', 'order_number')
    .executeTakeFirst();
  if (!counter) await db.insertInto('counters').values({ name: 'order_number', value: 1000 }).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'payments',
    'idempotency_keys',
    'order_events',
    'order_items',
    'orders',
    'cart_items',
    'carts',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
