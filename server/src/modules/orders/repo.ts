import type { OrderActor, OrderStatus, Role } from '@shop/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { insertAndTakeFirstKey } from '../../db/dialect';
import { newId } from '../../db/ids';
import { pageOf, type PageRequest } from '../../db/paging';
import type {
  IdempotencyKeyTable,
  OrderItemTable,
  OrderEventTable,
  OrderLineCancellationTable,
  OrderTable,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { markSalesDaysStale } from '../reports/rollups-repo';

/**
 * The SQL of orders: their rows, lines, events and idempotency keys, the order-number counter, and what placing an
 * order reads of products, customers and addresses. How orders look in the API is present.ts.
 */
export async function findOrderRow(db: Db | Tx, id: string): Promise<OrderTable | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrder(tx: Tx, row: OrderTable): Promise<void> {
  await insertOrders(tx, [row]);
}

export async function insertOrders(tx: Tx, rows: OrderTable[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('orders').values(rows).execute();
  // Orders paid as they are made (counter sales) count in the sales reports from that day on.
  await markSalesDaysStale(
    tx,
    rows.flatMap((r) => (r.paid_at === null ? [] : [r.paid_at])),
  );
}

export async function insertOrderItems(tx: Tx, rows: OrderItemTable[]): Promise<void> {
  await tx.insertInto('order_items').values(rows).execute();
}

/** One step of the order's history. */
export async function addEvent(
  tx: Tx,
  orderId: string,
  from: OrderStatus | null,
  to: OrderStatus,
  actor: OrderActor,
  actorId: string | null,
  reason: string | null,
  now: number,
): Promise<void> {
  await insertEvents(tx, [
    {
      id: newId(),
      order_id: orderId,
      from_status: from,
      to_status: to,
      actor,
      actor_id: actorId,
      reason,
      created_at: now,
    },
  ]);
}

export async function insertEvents(tx: Tx, rows: OrderEventTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('order_events').values(rows).execute();
}

/** The order's lines by product id: the order in which stock rows are locked, so two orders never deadlock. */
export async function orderItemsByProduct(db: Db | Tx, orderId: string): Promise<OrderItemTable[]> {
  return db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('product_id')
    .execute();
}

/** Moves an order from `from` only: false when it was moved meanwhile. */
export async function setOrderStatus(
  tx: Tx,
  orderId: string,
  from: OrderStatus,
  changes: Pick<OrderTable, 'status' | 'updated_at'> &
    Partial<Pick<OrderTable, 'paid_at' | 'payment_due_at'>>,
): Promise<boolean> {
  const moved = await tx
    .updateTable('orders')
    .set(changes)
    .where('id', '=', orderId)
    .where('status', '=', from)
    .executeTakeFirst();
  // Paid: a sale of that day; refunded: a refund of that day (the sales reports' rollups sum them again).
  if (changes.status === 'paid' || changes.status === 'refunded')
    await markSalesDaysStale(tx, [changes.paid_at ?? changes.updated_at]);
  return Number(moved.numUpdatedRows) === 1;
}

/**
 * Takes the order's row lock if its status is one of `statuses` (a no-op write), before anything else is read: a
 * transition racing with the caller waits for it. False when the order is in another status (or missing).
 */
export async function lockOrderIn(
  tx: Tx,
  orderId: string,
  statuses: readonly OrderStatus[],
  now: number,
): Promise<boolean> {
  const locked = await tx
    .updateTable('orders')
    .set({ updated_at: now })
    .where('id', '=', orderId)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) === 1;
}

export async function setOrderAmounts(
  tx: Tx,
  orderId: string,
  changes: Partial<
    Pick<
      OrderTable,
      'subtotal_cents' | 'total_cents' | 'total_khr' | 'refund_owed_cents' | 'payment_due_at' | 'updated_at'
    >
  >,
): Promise<void> {
  await tx.updateTable('orders').set(changes).where('id', '=', orderId).execute();
}

/**
 * Adds the value of lines cancelled after `since` back to the order's total, as refund owed. Counted in the UPDATE
 * itself, which reads the current rows on both dialects (a MySQL snapshot taken earlier in the caller's transaction
 * could miss a cancellation committed just before).
 */
export async function chargeCancellationsSince(tx: Tx, orderId: string, since: number): Promise<void> {
  const later = sql<number>`(select coalesce(sum(c.value_cents), 0) from order_line_cancellations c
    where c.order_id = ${orderId} and c.created_at > ${since})`;
  await tx
    .updateTable('orders')
    .set((eb) => ({
      subtotal_cents: eb('subtotal_cents', '+', later),
      total_cents: eb('total_cents', '+', later),
      refund_owed_cents: eb('refund_owed_cents', '+', later),
    }))
    .where('id', '=', orderId)
    .execute();
}

/** A line of an order with whether its product is serialized. */
export async function findOrderLine(tx: Tx, orderId: string, lineId: string) {
  return tx
    .selectFrom('order_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .selectAll('i')
    .select('p.serialized')
    .where('i.id', '=', lineId)
    .where('i.order_id', '=', orderId)
    .executeTakeFirst();
}

/** An order's lines with whether their product is serialized: what handovers and returns start from. */
export function linesWithSerialized(tx: Tx, orderId: string) {
  return tx
    .selectFrom('order_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select(['i.id', 'i.product_id', 'i.quantity', 'i.cancelled_quantity', 'p.serialized'])
    .where('i.order_id', '=', orderId);
}

/** The order's lines with whether their product is serialized, by product id (handover). */
export async function orderLinesWithSerialized(tx: Tx, orderId: string) {
  return linesWithSerialized(tx, orderId).select('i.warranty_months').orderBy('i.product_id').execute();
}

export async function cancelLineUnits(
  tx: Tx,
  lineId: string,
  quantity: number,
  reason: string,
): Promise<void> {
  await tx
    .updateTable('order_items')
    .set((eb) => ({ cancelled_quantity: eb('cancelled_quantity', '+', quantity), cancel_reason: reason }))
    .where('id', '=', lineId)
    .execute();
}

export async function insertLineCancellation(tx: Tx, row: OrderLineCancellationTable): Promise<void> {
  await tx.insertInto('order_line_cancellations').values(row).execute();
  await markSalesDaysStale(tx, [row.created_at]);
}

/** How many of the order's lines still have units not cancelled. */
export async function countOpenLines(tx: Tx, orderId: string): Promise<number> {
  const open = await tx
    .selectFrom('order_items')
    .select('id')
    .where('order_id', '=', orderId)
    .where((eb) => eb('cancelled_quantity', '<', eb.ref('quantity')))
    .execute();
  return open.length;
}

export async function findIdempotencyKey(db: Db | Tx, keyHash: string) {
  return db.selectFrom('idempotency_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function insertIdempotencyKey(tx: Tx, row: IdempotencyKeyTable): Promise<void> {
  await tx.insertInto('idempotency_keys').values(row).execute();
}

/**
 * The next order number, from the AUTO_INCREMENT key of `order_numbers` (migration 034). Unlike a counter row
 * updated in the placing transaction, the insert locks nothing that another placement waits for, so orders commit
 * side by side on MariaDB; a transaction that rolls back after taking its number leaves a gap
 * (docs/decisions/0012-order-numbers.md).
 */
export async function takeOrderNumber(tx: Tx): Promise<number> {
  return takeOrderNumbers(tx, 1);
}

/** `count` order numbers in a row (a counter's pushed sales) in one insert: answers the first. */
export async function takeOrderNumbers(tx: Tx, count: number): Promise<number> {
  return insertAndTakeFirstKey(
    tx,
    // NULL asks both dialects for the next key.
    tx
      .insertInto('order_numbers')
      .values(Array.from({ length: count }, () => ({ number: sql<number>`null` }))),
    count,
  );
}

/** What an order line copies of its product. */
export async function findProductsToSell(tx: Tx, productIds: string[]) {
  return tx
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'price_cents', 'warranty_months', 'active', 'category_id', 'brand_id'])
    .where('id', 'in', productIds)
    .execute();
}

export async function findCustomerContact(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .select(['name', 'email', 'phone', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function findAddressOf(tx: Tx, userId: string, addressId: string) {
  return tx
    .selectFrom('addresses')
    .selectAll()
    .where('id', '=', addressId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function findCustomerPhone(db: Db, orderId: string): Promise<string | null> {
  const row = await db
    .selectFrom('orders')
    .select('customer_phone')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  return row.customer_phone;
}

/** Active members of the given roles, by id: whom staff notices go to. */
export async function activeMembersOf(tx: Tx, roles: readonly Role[]) {
  return tx
    .selectFrom('users')
    .select(['email', 'name', 'locale'])
    .where('role', 'in', [...roles])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** A page of orders, newest first, with the number of units of each. */
export async function pageOfOrders(
  db: Db,
  filter: { userId?: string; status?: OrderStatus | undefined; number?: string; email?: string },
  page: PageRequest,
) {
  let base = db.selectFrom('orders');
  if (filter.userId !== undefined) base = base.where('user_id', '=', filter.userId);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.number !== undefined && filter.email !== undefined) {
    const { number, email } = filter;
    base = base.where((eb) => eb.or([eb('number', '=', number), eb('customer_email', '=', email)]));
  }
  const { rows, total } = await pageOf(
    base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'),
    base,
    page,
  );
  const counts = rows.length
    ? await db
        .selectFrom('order_items')
        .select(['order_id', (eb) => eb.fn.sum<number>('quantity').as('n')])
        .where(
          'order_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('order_id')
        .execute()
    : [];
  return {
    rows: rows.map((row) => ({ row, itemCount: Number(counts.find((c) => c.order_id === row.id)?.n ?? 0) })),
    total,
  };
}

/** What an order's page shows besides its row: its lines, its history and the serials sold with it. */
export async function findOrderDetails(db: Db | Tx, row: OrderTable) {
  const [items, events, serials] = await Promise.all([
    db.selectFrom('order_items').selectAll().where('order_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('order_events').selectAll().where('order_id', '=', row.id).orderBy('id').execute(),
    db
      .selectFrom('serial_numbers')
      .select(['product_id', 'serial'])
      .where('reference', '=', row.number)
      .execute(),
  ]);
  return { items, events, serials };
}

/** The lines an order mail lists, in the order they were placed, with whether each product is serialized. */
export async function orderLinesForMail(tx: Tx, orderId: string) {
  return linesWithSerialized(tx, orderId).select(['i.name', 'i.unit_price_cents']).orderBy('i.id').execute();
}
