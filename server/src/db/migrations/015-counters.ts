import { type MigrationDb, addColumn, createIndex, createTable } from '../ddl';

/**
 * Issue 11, counters: paired devices, what they pushed (each item once, by its ULID), their shifts and cash
 * movements, the stock they sold beyond what the server had, and the staff PIN that signs in offline.
 * A counter sale is an order (`channel: 'pos'`) that also keeps its device, staff member, shift and receipt number.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'devices')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    // SHA-256 of the one-time pairing code while it is open; null once used.
    .addColumn('pairing_code_hash', 'char(64)', (c) => c.unique())
    .addColumn('pairing_expires_at', 'bigint')
    // SHA-256 of the device's token once paired.
    .addColumn('token_hash', 'char(64)', (c) => c.unique())
    // Null when made with `npm run shop -- create-device` (no account at the command line).
    .addColumn('created_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('paired_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('last_seen_at', 'bigint')
    .addColumn('last_sync_at', 'bigint')
    .addColumn('app_version', 'varchar(40)')
    .addColumn('pending_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await createTable(db, 'sync_items')
    // The item's ULID, made on the device: the primary key is what makes a retried item apply once.
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(26)', (c) => c.notNull().references('devices.id'))
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    // As sent: unknown staff ids are parked, so no foreign key.
    .addColumn('staff_id', 'varchar(64)', (c) => c.notNull())
    // SHA-256 of the item's canonical JSON: the same id with other content is a conflict.
    .addColumn('content_hash', 'char(64)', (c) => c.notNull())
    .addColumn('item_json', 'text', (c) => c.notNull())
    // applied | parked | discarded
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    // The answer given for it (PushResult JSON), repeated on every retry.
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('order_id', 'varchar(26)', (c) => c.references('orders.id'))
    // When it happened at the counter, and when the server first received it.
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('discard_reason', 'text')
    .execute();
  await createIndex(db, 'sync_items_status_idx', 'sync_items', ['status', 'received_at']);
  await createIndex(db, 'sync_items_device_idx', 'sync_items', ['device_id', 'status']);

  await createTable(db, 'pos_shifts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(26)', (c) => c.notNull().references('devices.id'))
    .addColumn('opened_by', 'varchar(26)', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('float_usd_cents', 'bigint', (c) => c.notNull())
    .addColumn('float_khr', 'bigint', (c) => c.notNull())
    .addColumn('closed_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('closed_at', 'bigint')
    .addColumn('counted_usd_cents', 'bigint')
    .addColumn('counted_khr', 'bigint')
    .execute();
  await createIndex(db, 'pos_shifts_device_idx', 'pos_shifts', ['device_id', 'opened_at']);

  await createTable(db, 'pos_cash_movements')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('shift_id', 'varchar(26)', (c) => c.notNull().references('pos_shifts.id'))
    .addColumn('staff_id', 'varchar(26)', (c) => c.notNull().references('users.id'))
    // pay_in | pay_out
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'pos_cash_movements_shift_idx', 'pos_cash_movements', ['shift_id', 'at']);

  await createTable(db, 'stock_shortfalls')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull().references('products.id'))
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('device_id', 'varchar(26)', (c) => c.references('devices.id'))
    // Units sold beyond what the server had on hand.
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('resolution', 'text')
    .execute();
  await createIndex(db, 'stock_shortfalls_open_idx', 'stock_shortfalls', ['resolved_at', 'created_at']);

  // A counter sale keeps where, by whom and in which shift it was made, and its printed receipt number.
  await addColumn(db, 'orders', 'device_id', 'varchar(26)');
  await addColumn(db, 'orders', 'staff_id', 'varchar(26)');
  await addColumn(db, 'orders', 'shift_id', 'varchar(26)');
  await addColumn(db, 'orders', 'receipt_number', 'varchar(40)');
  // Order-level discount (USD cents); line discounts are in order_items.discount_cents.
  await addColumn(db, 'orders', 'discount_cents', 'bigint', (c) => c.notNull().defaultTo(0));
  await addColumn(db, 'order_items', 'discount_cents', 'bigint', (c) => c.notNull().defaultTo(0));
  await createIndex(db, 'orders_shift_idx', 'orders', ['shift_id']);
  // A KHQR confirmed by staff against the shop's static QR, offline: to be matched with the bank statement.
  await addColumn(db, 'payments', 'needs_reconciliation', 'integer', (c) => c.notNull().defaultTo(0));

  // A slow salted hash of the staff member's counter PIN (pin-verifier.ts), synced to the counters they use.
  await addColumn(db, 'users', 'pin_verifier', 'varchar(200)');
  await addColumn(db, 'users', 'pin_set_at', 'bigint');
}

export async function down(db: MigrationDb): Promise<void> {
  for (const [table, column] of [
    ['users', 'pin_set_at'],
    ['users', 'pin_verifier'],
    ['payments', 'needs_reconciliation'],
    ['order_items', 'discount_cents'],
    ['orders', 'discount_cents'],
    ['orders', 'receipt_number'],
    ['orders', 'shift_id'],
    ['orders', 'staff_id'],
    ['orders', 'device_id'],
  ] as const)
    await db.schema.alterTable(table).dropColumn(column).execute();
  await db.schema.dropIndex('orders_shift_idx').ifExists().execute();
  for (const table of ['stock_shortfalls', 'pos_cash_movements', 'pos_shifts', 'sync_items', 'devices'])
    await db.schema.dropTable(table).ifExists().execute();
}
