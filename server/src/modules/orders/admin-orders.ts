import {
  fromShopWallClock,
  normaliseCambodianPhone,
  type AdminOrder,
  type AdminOrderList,
  type AdminOrderListQuery,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import type { OrderTable, PaymentTable } from '../../db/schema';
import { NotFound } from '../../http/errors';
import { reviewItemsOfOrder } from '../payments/proofs-repo';
import { toReviewItem } from '../payments/proofs';
import { toRefundOwed } from '../payments/refunds-owed';
import { refundItemsOfOrder } from '../payments/refunds-repo';
import {
  eventsOfOrder,
  findDeviceName,
  namesOf,
  pageOfAllOrders,
  paymentsOfOrder,
  serializedLineIds,
} from './admin-repo';
import { loadOrder, orderHeader, toOrderEvent } from './present';
import { findOrderRow } from './repo';

/**
 * Orders as the back office works them: every channel in one list, and an order's page with everything staff need to
 * move it along (the next steps come from the shared state machine, for staff) or to answer a customer about it.
 */
export async function listAllOrders(db: Db, query: AdminOrderListQuery): Promise<AdminOrderList> {
  const found = await pageOfAllOrders(
    db,
    {
      status: query.status,
      channel: query.channel,
      from: query.from === undefined ? undefined : startOfShopDay(query.from),
      until: query.to === undefined ? undefined : startOfShopDay(query.to, 1),
      customerId: query.customerId,
      text: query.q?.toLowerCase(),
      phone: query.q ? normaliseCambodianPhone(query.q) : null,
    },
    query.sort,
    query,
  );
  return pageAnswer(found, adminListItem, query);
}

export function adminListItem({ row, itemCount }: { row: OrderTable; itemCount: number }) {
  return {
    ...orderHeader(row, 'staff'),
    itemCount,
    customerPhone: row.customer_phone,
    receiptNumber: row.receipt_number ?? null,
  };
}

/** The instant a shop day (YYYY-MM-DD, Asia/Phnom_Penh) starts, or `plusDays` later. */
function startOfShopDay(day: string, plusDays = 0): number {
  const wall = new Date(`${day}T00:00:00Z`);
  wall.setUTCDate(wall.getUTCDate() + plusDays);
  return fromShopWallClock(wall);
}

export async function getAdminOrder(db: Db, orderId: string): Promise<AdminOrder> {
  const row = await findOrderRow(db, orderId);
  if (!row) throw new NotFound('There is no such order');
  const [order, events, payments, refunds, proofs, serialized] = await Promise.all([
    loadOrder(db, row, 'staff'),
    eventsOfOrder(db, row.id),
    paymentsOfOrder(db, row.id),
    refundItemsOfOrder(db, row.id),
    reviewItemsOfOrder(db, row.id),
    serializedLineIds(db, row.id),
  ]);
  const names = await namesOf(db, [
    row.staff_id,
    ...events.map((e) => e.actor_id),
    ...payments.map((p) => p.received_by),
  ]);
  const person = (id: string | null | undefined) => (id ? { id, name: names.get(id) ?? '(unknown)' } : null);
  return {
    ...order,
    items: order.items.map((item) => ({ ...item, serialized: serialized.has(item.id) })),
    customerPhone: row.customer_phone,
    discountCents: Number(row.discount_cents ?? 0),
    events: events.map((e) => ({
      ...toOrderEvent(e),
      // A customer's own step names no one: the order's customer is shown once, above.
      by: e.actor === 'staff' ? person(e.actor_id) : null,
    })),
    counter: row.channel === 'pos' ? await counterOf(db, row, person) : null,
    payments: payments.map((p) => toAdminPayment(p, person)),
    refundsOwed: refunds.map(toRefundOwed),
    proofs: proofs.map(toReviewItem),
  };
}

async function counterOf(
  db: Db,
  row: OrderTable,
  person: (id: string | null | undefined) => { id: string; name: string } | null,
): Promise<AdminOrder['counter']> {
  const deviceName = row.device_id ? await findDeviceName(db, row.device_id) : undefined;
  return {
    device: row.device_id ? { id: row.device_id, name: deviceName ?? '(removed)' } : null,
    staff: person(row.staff_id),
    shiftId: row.shift_id ?? null,
    receiptNumber: row.receipt_number ?? null,
  };
}

function toAdminPayment(
  p: PaymentTable,
  person: (id: string | null | undefined) => { id: string; name: string } | null,
): AdminOrder['payments'][number] {
  const numberOrNull = (n: number | null | undefined) => (n === null || n === undefined ? null : Number(n));
  const currency = (c: string | null | undefined) => (c === 'KHR' ? 'KHR' : c === 'USD' ? 'USD' : null);
  return {
    id: p.id,
    method: p.method as AdminOrder['payments'][number]['method'],
    status: p.status,
    currency: currency(p.currency) ?? 'USD',
    amount: Number(p.amount_minor),
    md5: p.md5,
    bakongHash: p.bakong_hash,
    needsReconciliation: Number(p.needs_reconciliation ?? 0) === 1,
    reconciledAt: numberOrNull(p.reconciled_at),
    tendered: numberOrNull(p.tendered_minor),
    change: numberOrNull(p.change_minor),
    changeCurrency: p.change_minor === null ? null : currency(p.change_currency ?? p.currency),
    receivedBy: person(p.received_by),
    expiresAt: numberOrNull(p.expires_at),
    paidAt: numberOrNull(p.paid_at),
    createdAt: Number(p.created_at),
  };
}
