import type { OrderStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageOf, type PageRequest } from '../../db/paging';
import type { PreOrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of pre-orders: their rows beside their orders, the line a receipt serves, and the back office's list. */
export async function insertPreOrder(tx: Tx, row: PreOrderTable): Promise<void> {
  await tx.insertInto('pre_orders').values(row).execute();
}

export async function findPreOrder(db: Db | Tx, orderId: string): Promise<PreOrderTable | undefined> {
  return db.selectFrom('pre_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

/** What a product says about pre-orders, with its price and whether anything is on the shelf now. */
export async function findProductForPreOrder(db: Db | Tx, productId: string) {
  return db
    .selectFrom('products as p')
    .innerJoin('stock_levels as s', 's.product_id', 'p.id')
    .select([
      'p.id',
      'p.name',
      'p.active',
      'p.preorder_allowed',
      'p.preorder_expected_on',
      'p.preorder_deposit_percent',
      's.on_hand',
      's.reserved',
    ])
    .where('p.id', '=', productId)
    .executeTakeFirst();
}

/** Money came for the deposit (KHQR or cash): added, as a deposit may be paid in parts at the counter. */
export async function addDepositPaid(tx: Tx, orderId: string, amount: number): Promise<void> {
  await tx
    .updateTable('pre_orders')
    .set((eb) => ({ deposit_paid_minor: eb('deposit_paid_minor', '+', amount) }))
    .where('order_id', '=', orderId)
    .execute();
}

/** The confirmed pre-orders of the product waiting for stock, first made first (ties: the older id). */
export async function lineOf(tx: Tx, productId: string, limit: number) {
  return tx
    .selectFrom('pre_orders as po')
    .innerJoin('orders as o', 'o.id', 'po.order_id')
    .selectAll('po')
    .where('po.product_id', '=', productId)
    .where('o.status', '=', 'preorder_confirmed')
    .orderBy('po.created_at')
    .orderBy('po.order_id')
    .limit(limit)
    .execute();
}

export async function markServed(
  tx: Tx,
  orderId: string,
  servedAt: number,
  reserveUntil: number,
): Promise<void> {
  await tx
    .updateTable('pre_orders')
    .set({ served_at: servedAt, reserve_until: reserveUntil })
    .where('order_id', '=', orderId)
    .execute();
}

export async function setDepositOutcome(
  tx: Tx,
  orderId: string,
  outcome: 'refund_owed' | 'kept',
): Promise<void> {
  await tx
    .updateTable('pre_orders')
    .set({ deposit_outcome: outcome })
    .where('order_id', '=', orderId)
    .execute();
}

/** Arrived pre-orders whose units waited past the shop's deadline for the rest of the money, oldest first. */
export async function lapsedPreOrders(db: Db, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('pre_orders as po')
    .innerJoin('orders as o', 'o.id', 'po.order_id')
    .select('po.order_id')
    .where('o.status', '=', 'preorder_arrived')
    .where('po.reserve_until', '<=', now)
    .orderBy('po.reserve_until')
    .limit(limit)
    .execute();
  return rows.map((r) => r.order_id);
}

/** The payments that paid a pre-order's deposit (KHQR or cash), oldest first: what a refund sends back. */
export async function paidPaymentsOf(tx: Tx, orderId: string) {
  return tx
    .selectFrom('payments')
    .select(['id', 'method', 'currency', 'amount_minor', 'md5', 'bakong_hash'])
    .where('order_id', '=', orderId)
    .where('status', '=', 'paid')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The back office's list: pre-orders of a product (or all), oldest first, the line as it will be served. */
export async function pageOfPreOrders(
  db: Db,
  filter: { productId?: string | undefined; status?: OrderStatus | undefined },
  page: PageRequest,
) {
  let base = db.selectFrom('pre_orders as po').innerJoin('orders as o', 'o.id', 'po.order_id');
  if (filter.productId) base = base.where('po.product_id', '=', filter.productId);
  if (filter.status) base = base.where('o.status', '=', filter.status);
  return pageOf(
    base
      .innerJoin('products as p', 'p.id', 'po.product_id')
      .select([
        'po.order_id',
        'po.product_id',
        'po.quantity',
        'po.deposit_minor',
        'po.deposit_paid_minor',
        'po.created_at',
        'po.served_at',
        'po.reserve_until',
        'o.number',
        'o.status',
        'o.channel',
        'o.currency',
        'o.customer_name',
        'o.customer_email',
        'o.customer_phone',
        'p.name as product_name',
        'p.sku as product_sku',
      ])
      .orderBy('po.created_at')
      .orderBy('po.order_id'),
    base,
    page,
  );
}
