import { sql } from 'kysely';
import { type MigrationDb, createIndex, createTable } from '../ddl';

/**
 * Limits on stock held by unpaid orders (issue 9): counters of what each holder (a customer, a browser, a network
 * address) holds unpaid, one row per order with what its hold counts against and how long it may last, and money
 * that came in for orders no longer waiting for it, owed back to the customer.
 */
export async function up(db: MigrationDb): Promise<void> {
  // `product_id` '' is the holder's number of unpaid orders; a product id, the units of it they hold unpaid.
  await createTable(db, 'hold_counters')
    .addColumn('holder', 'varchar(90)', (c) => c.notNull())
    .addColumn('product_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('hold_counters_pk', ['holder', 'product_id'])
    .execute();

  await createTable(db, 'order_holds')
    .addColumn('order_id', 'varchar(26)', (c) => c.primaryKey().references('orders.id'))
    .addColumn('customer_id', 'varchar(26)')
    .addColumn('browser_hash', 'char(64)')
    .addColumn('address_hash', 'char(64)')
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('renewals_left', 'integer', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('review_since', 'bigint')
    .addColumn('review_noticed_at', 'bigint')
    .addColumn('review_escalated_at', 'bigint')
    .addColumn('stock_released_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await createIndex(db, 'order_holds_review_idx', 'order_holds', ['review_since']);

  await createTable(db, 'refunds_owed')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(26)', (c) => c.notNull().references('orders.id'))
    .addColumn('payment_id', 'varchar(26)', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('bakong_hash', 'varchar(100)')
    .addColumn('md5', 'char(32)', (c) => c.notNull())
    .addColumn('order_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('found_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('refunded_by', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('refunded_at', 'bigint')
    .addColumn('note', 'varchar(500)')
    .execute();
  await createIndex(db, 'refunds_owed_status_idx', 'refunds_owed', ['status', 'found_at']);

  // Orders already waiting for money when this runs: counted against no one (their holders were never recorded), two
  // renewals and an hour from their placement like new ones; those in review start their review clock now.
  const now = Date.now();
  await db
    .insertInto('order_holds')
    .columns(['order_id', 'counted', 'renewals_left', 'ends_at', 'review_since', 'created_at'])
    .expression(
      db
        .selectFrom('orders as o')
        .select([
          'o.id',
          sql.lit(0).as('counted'),
          sql.lit(2).as('renewals_left'),
          sql<number>`o.created_at + 3600000`.as('ends_at'),
          sql<number | null>`case when o.status = 'payment_review' then ${sql.lit(now)} else null end`.as(
            'review_since',
          ),
          sql.lit(now).as('created_at'),
        ])
        .where('o.status', 'in', ['pending_payment', 'payment_review'])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('order_holds as h').select('h.order_id').whereRef('h.order_id', '=', 'o.id')),
          ),
        ),
    )
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['refunds_owed', 'order_holds', 'hold_counters']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
