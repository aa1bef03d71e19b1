import type { OrderStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { containsText } from '../../db/like';
import { pageOf, type PageRequest } from '../../db/paging';

/** The SQL of the back office's order list and order page (what the customer's own views do not show). */

export interface OrderFilter {
  status?: OrderStatus | undefined;
  channel?: 'web' | 'pos' | undefined;
  /** Placed at or after, and before (epoch ms). */
  from?: number | undefined;
  until?: number | undefined;
  customerId?: string | undefined;
  /** Lower-cased: part of the number, receipt number, customer name, phone or email. */
  text?: string | undefined;
  /** The text as a phone number in its stored form (shared/src/phone.ts), however staff typed it. */
  phone?: string | null | undefined;
}

function matchingOrders(db: Db, filter: OrderFilter) {
  let base = db.selectFrom('orders');
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.channel) base = base.where('channel', '=', filter.channel);
  if (filter.from !== undefined) base = base.where('created_at', '>=', filter.from);
  if (filter.until !== undefined) base = base.where('created_at', '<', filter.until);
  if (filter.customerId !== undefined) base = base.where('user_id', '=', filter.customerId);
  if (filter.text) {
    const text = filter.text;
    // Staff type part of what is on a receipt or a phone: a scan of the orders table, bounded by the other filters.
    const phone = filter.phone;
    base = base.where((eb) =>
      eb.or([
        ...(['number', 'receipt_number', 'customer_name', 'customer_phone', 'customer_email'] as const).map(
          (column) => containsText(eb.fn('lower', [column]), text),
        ),
        ...(phone ? [eb('customer_phone', '=', phone)] : []),
      ]),
    );
  }
  return base;
}

/** A page of orders with the units of each, sorted newest first, oldest first or by total (largest first). */
export async function pageOfAllOrders(
  db: Db,
  filter: OrderFilter,
  sort: 'newest' | 'oldest' | 'total',
  page: PageRequest,
) {
  const base = matchingOrders(db, filter);
  const rows = base
    .selectAll()
    .$call((q) =>
      sort === 'oldest'
        ? q.orderBy('created_at', 'asc').orderBy('id', 'asc')
        : sort === 'total'
          ? q.orderBy('total_cents', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc')
          : q.orderBy('created_at', 'desc').orderBy('id', 'desc'),
    );
  const found = await pageOf(rows, base, page);
  const counts = await unitCounts(
    db,
    found.rows.map((r) => r.id),
  );
  return {
    rows: found.rows.map((row) => ({ row, itemCount: counts.get(row.id) ?? 0 })),
    total: found.total,
  };
}

async function unitCounts(db: Db, orderIds: string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('order_items')
    .select(['order_id', (eb) => eb.fn.sum<number>('quantity').as('n')])
    .where('order_id', 'in', orderIds)
    .groupBy('order_id')
    .execute();
  return new Map(rows.map((r) => [r.order_id, Number(r.n)]));
}

/** The names of people (staff, customers) by id, for timelines and payments. */
export async function namesOf(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findDeviceName(db: Db, deviceId: string): Promise<string | undefined> {
  const row = await db.selectFrom('devices').select('name').where('id', '=', deviceId).executeTakeFirst();
  return row?.name;
}

/** Every payment of an order, oldest first (QRs, renewals, cash, accepted screenshots). */
export async function paymentsOfOrder(db: Db, orderId: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The order's history with who made each step (the actor's id, where a person made it), oldest first. */
export async function eventsOfOrder(db: Db, orderId: string) {
  return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

/** The ids of the order's lines whose product carries serial numbers (named one per unit at handover). */
export async function serializedLineIds(db: Db, orderId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('order_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select('i.id')
    .where('i.order_id', '=', orderId)
    .where('p.serialized', '=', 1)
    .execute();
  return new Set(rows.map((row) => row.id));
}
