import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Issue 14, sales reports: daily rollups per grouping, built from the orders on demand and marked stale in the
 * transaction of every sale, payment, cancellation, return and refund (modules/reports/rollups.ts), so a year of a
 * busy shop is read from a few thousand rows instead of a million order lines. The indexes find a day's sales,
 * refunds and money by their time.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'sales_rollups', { clustered: true })
    .addColumn('dim', 'varchar(12)', (c) => c.notNull())
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('group_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('revenue_cents', 'bigint', (c) => c.notNull())
    .addColumn('discount_cents', 'bigint', (c) => c.notNull())
    .addColumn('refund_cents', 'bigint', (c) => c.notNull())
    .addColumn('cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('costed_net_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_rollups_pk', ['dim', 'day', 'group_key'])
    .execute();
  // The same sums per month, made from the daily rows whenever a day of the month is summed: a year of the product
  // grouping reads twelve months of rows instead of 365 days of them.
  await createTable(db, 'sales_rollups_monthly', { clustered: true })
    .addColumn('dim', 'varchar(12)', (c) => c.notNull())
    .addColumn('month', 'char(7)', (c) => c.notNull())
    .addColumn('group_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('revenue_cents', 'bigint', (c) => c.notNull())
    .addColumn('discount_cents', 'bigint', (c) => c.notNull())
    .addColumn('refund_cents', 'bigint', (c) => c.notNull())
    .addColumn('cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('costed_net_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_rollups_monthly_pk', ['dim', 'month', 'group_key'])
    .execute();
  // Which days the rollups hold; a day missing here is built from the orders when a report first asks for it.
  await createTable(db, 'sales_rollup_days')
    .addColumn('day', 'char(10)', (c) => c.primaryKey())
    .addColumn('built_at', 'bigint', (c) => c.notNull())
    .execute();
  // One row per change to a day's sales: rows, not a flag per day, so writers never wait on each other's row.
  await createTable(db, 'sales_rollup_stale')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await createIndex(db, 'orders_paid_idx', 'orders', ['paid_at']);
  await createIndex(db, 'order_line_cancellations_created_idx', 'order_line_cancellations', ['created_at']);
  await createIndex(db, 'counter_returns_at_idx', 'counter_returns', ['at']);
  await createIndex(db, 'order_events_to_status_idx', 'order_events', ['to_status', 'created_at']);
  await createIndex(db, 'payments_paid_idx', 'payments', ['paid_at']);
  await createIndex(db, 'counter_refunds_at_idx', 'counter_refunds', ['at']);
  await createIndex(db, 'refunds_owed_refunded_idx', 'refunds_owed', ['refunded_at']);
  await createIndex(db, 'pos_shifts_opened_idx', 'pos_shifts', ['opened_at']);
}

export async function down(db: MigrationDb): Promise<void> {
  for (const [index, table] of [
    ['orders_paid_idx', 'orders'],
    ['order_line_cancellations_created_idx', 'order_line_cancellations'],
    ['counter_returns_at_idx', 'counter_returns'],
    ['order_events_to_status_idx', 'order_events'],
    ['payments_paid_idx', 'payments'],
    ['counter_refunds_at_idx', 'counter_refunds'],
    ['refunds_owed_refunded_idx', 'refunds_owed'],
    ['pos_shifts_opened_idx', 'pos_shifts'],
  ] as const)
    await db.schema.dropIndex(index).on(table).ifExists().execute();
  for (const table of ['sales_rollup_stale', 'sales_rollup_days', 'sales_rollups_monthly', 'sales_rollups'])
    await db.schema.dropTable(table).ifExists().execute();
}
