import type { Db } from '../../db/database';

/**
 * What a range of instants holds for the sales reports, read from the orders themselves: the rollups are summed
 * from these (sales-facts.ts). Each query is one index range (migration 022) or a lookup by order id.
 */

/** Statuses of an order whose money was taken: it counts as sold on the day it was paid (docs/reports.md). */
export const SOLD_STATUSES = [
  'paid',
  'processing',
  'ready_for_pickup',
  'picked_up',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'refunded',
] as const;

/** An order's status while it waits for money: a line cancelled then was never sold, so it is no refund. */
export const UNPAID_STATUSES = ['pending_payment', 'payment_review'] as const;

export async function ordersPaidBetween(db: Db, start: number, end: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('paid_at', '>=', start)
    .where('paid_at', '<', end)
    .where('status', 'in', SOLD_STATUSES)
    .execute();
  return rows.map((r) => r.id);
}

export async function cancellationsAfterPaymentBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('order_line_cancellations')
    .select(['order_id', 'order_item_id', 'quantity', 'value_cents', 'created_at'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .where('order_status', 'not in', UNPAID_STATUSES)
    .execute();
}

export async function returnLinesBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('counter_return_lines as l')
    .innerJoin('counter_returns as r', 'r.id', 'l.return_id')
    .select(['r.order_id', 'l.order_item_id', 'l.quantity', 'l.value_cents', 'r.at'])
    .where('r.at', '>=', start)
    .where('r.at', '<', end)
    .execute();
}

/** Whole orders refunded by staff (the `refunded` status), when. */
export async function refundsBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('order_events')
    .select(['order_id', 'created_at'])
    .where('to_status', '=', 'refunded')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute();
}

export async function ordersByIds(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('orders')
    .select(['id', 'channel', 'status', 'staff_id', 'paid_at', 'discount_cents', 'riel_per_usd'])
    .where('id', 'in', ids)
    .execute();
}

/**
 * The lines of orders with what the reports group them by (the product's category and brand, its cost), and the
 * repair claim an order paid for (its one line is a service, not a unit).
 */
export async function linesOfOrders(db: Db, ids: readonly string[]) {
  return (
    db
      .selectFrom('order_items as i')
      .innerJoin('products as p', 'p.id', 'i.product_id')
      // A repair paid at pickup (claims, decision 0021) is a service line of the claimed product: no unit sold.
      .leftJoin('warranty_claims as w', 'w.repair_order_id', 'i.order_id')
      .select([
        'w.id as repair_claim_id',
        'i.id',
        'i.order_id',
        'i.product_id',
        'i.quantity',
        'i.unit_price_cents',
        'i.discount_cents',
        'i.cancelled_quantity',
        'i.returned_quantity',
        'p.category_id',
        'p.brand_id',
        'p.cost_cents',
      ])
      .where('i.order_id', 'in', ids)
      .orderBy('i.id')
      .execute()
  );
}

/** Units of each line cancelled while its order waited for money: never sold. */
export async function unitsCancelledBeforePayment(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('order_line_cancellations')
    .select(['order_item_id', (eb) => eb.fn.sum<number | string>('quantity').as('units')])
    .where('order_id', 'in', ids)
    .where('order_status', 'in', UNPAID_STATUSES)
    .groupBy('order_item_id')
    .execute();
}

export async function paidPaymentsOfOrders(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('payments')
    .select(['order_id', 'method', 'currency', 'amount_minor'])
    .where('order_id', 'in', ids)
    .where('status', '=', 'paid')
    .orderBy('id')
    .execute();
}

export type SourceOrder = Awaited<ReturnType<typeof ordersByIds>>[number];
export type SourceLine = Awaited<ReturnType<typeof linesOfOrders>>[number];
export type SourcePayment = Awaited<ReturnType<typeof paidPaymentsOfOrders>>[number];

/** Orders among `ids` paid by a screenshot staff accepted (that leaves no paid payment row). */
export async function ordersPaidByProof(db: Db, ids: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('payment_proofs')
    .select('order_id')
    .where('order_id', 'in', ids)
    .where('status', '=', 'accepted')
    .execute();
  return rows.map((r) => r.order_id);
}
