import {
  asLocale,
  nextStatuses,
  type Order,
  type OrderActor,
  type OrderDiscount,
  type OrderStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { OrderDiscountTable, OrderEventTable, OrderItemTable, OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { RecordedOrder } from './placement';
import { discountsOfOrder } from '../promotions/repo';
import { findOrderDetails } from './repo';

/** Orders as the API shows them: to their customer, or to staff (who may move them on to other statuses). */
export async function loadOrder(db: Db | Tx, row: OrderTable, viewer: OrderActor): Promise<Order> {
  const [{ items, events, serials }, discounts] = await Promise.all([
    findOrderDetails(db, row),
    discountsOfOrder(db, row.id),
  ]);
  return {
    ...orderHeader(row, viewer),
    discounts: discounts.map(toOrderDiscount),
    items: items.map((item) =>
      toOrderItem(
        item,
        serials.filter((s) => s.product_id === item.product_id).map((s) => s.serial),
      ),
    ),
    events: events.map(toOrderEvent),
  };
}

/**
 * An order just placed, from the rows its transaction wrote (recordOrder): what loadOrder would read back after the
 * commit, without reading it. A new order has no serials yet (they are sold at handover) and one event.
 */
export function presentRecorded(recorded: RecordedOrder, viewer: OrderActor): Order {
  return {
    ...orderHeader(recorded.order, viewer),
    discounts: (recorded.discounts ?? []).map(toOrderDiscount),
    items: [...recorded.items].sort((a, b) => (a.id < b.id ? -1 : 1)).map((item) => toOrderItem(item, [])),
    events: [toOrderEvent(recorded.placed)],
  };
}

/** A step of an order's timeline as the API answers it. */
export function toOrderEvent(event: OrderEventTable) {
  return {
    from: event.from_status as OrderStatus | null,
    to: event.to_status as OrderStatus,
    actor: event.actor as OrderActor,
    reason: event.reason,
    at: Number(event.created_at),
  };
}

export function orderHeader(row: OrderTable, viewer: OrderActor) {
  const status = row.status as OrderStatus;
  return {
    id: row.id,
    number: row.number,
    status,
    channel: row.channel as 'web' | 'pos',
    customer: { id: row.user_id, name: row.customer_name, email: row.customer_email },
    fulfilment: row.fulfilment as 'pickup' | 'delivery',
    deliveryAddress: row.delivery_address_json ? JSON.parse(row.delivery_address_json) : null,
    note: row.note,
    subtotalCents: Number(row.subtotal_cents),
    deliveryFeeCents: Number(row.delivery_fee_cents),
    deliveryDays:
      row.delivery_days_min == null || row.delivery_days_max == null
        ? null
        : { min: Number(row.delivery_days_min), max: Number(row.delivery_days_max) },
    discountCents: Number(row.discount_cents ?? 0),
    couponCode: row.coupon_code ?? null,
    priceFlag:
      row.price_flag_cents == null
        ? null
        : { expectedCents: Number(row.price_flag_cents), chargedCents: Number(row.total_cents) },
    totalCents: Number(row.total_cents),
    currency: row.currency as 'USD' | 'KHR',
    totalKhr: Number(row.total_khr),
    rielPerUsd: Number(row.riel_per_usd),
    locale: asLocale(row.locale),
    createdAt: Number(row.created_at),
    paidAt: row.paid_at === null ? null : Number(row.paid_at),
    refundOwedCents: Number(row.refund_owed_cents),
    nextStatuses: nextStatuses(status, viewer),
  };
}

function toOrderItem(item: OrderItemTable, serials: string[]) {
  return {
    id: item.id,
    productId: item.product_id,
    sku: item.sku,
    name: item.name,
    quantity: Number(item.quantity),
    unitPriceCents: Number(item.unit_price_cents),
    ...(item.original_unit_cents != null && { originalUnitPriceCents: Number(item.original_unit_cents) }),
    ...(item.promotion_name && { promotionName: item.promotion_name }),
    lineTotalCents: Number(item.line_total_cents),
    warrantyMonths: Number(item.warranty_months),
    cancelledQuantity: Number(item.cancelled_quantity),
    serials,
  };
}

/** A discount of the order by name, as invoices and receipts show it. */
export function toOrderDiscount(row: OrderDiscountTable) {
  return {
    source: row.source as 'promotion' | 'coupon',
    id: row.ref_id,
    name: row.name,
    kind: row.kind as OrderDiscount['kind'],
    level: row.level as 'line' | 'cart',
    amountCents: Number(row.amount_cents),
  };
}
