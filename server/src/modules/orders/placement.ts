import type { Currency, OrderActor, OrderStatus } from '@shop/shared';
import { newId } from '../../db/ids';
import type { OrderDiscountTable, OrderEventTable, OrderItemTable, OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import {
  applyMovement,
  movementEffects,
  recordTakenStock,
  takeStock,
  type TakenStock,
} from '../inventory/ledger';
import type { OrderTotals, PricedLine } from './pricing';
import { insertEvents, insertOrder, insertOrderItems, takeOrderNumber, takeOrderNumbers } from './repo';

/**
 * The steps of placing an order, for every channel, each inside the caller's transaction: price the lines
 * (pricing.ts), reserve or sell its stock, number the order (web: held until paid) or sell it (counter: it leaves at once),
 * record it, then take the payment (web: a KHQR, payments/service.ts; counter: cash, payments/cash.ts). Rows that
 * every placement waits for (the change feed's counter, unpaid-hold counters of a shared network address) are
 * written last, just before the commit (docs/decisions/0012-order-numbers.md).
 *
 * The web shop's `placeOrder` (service.ts) adds what only it has: a signed-in customer, the cart, a saved delivery
 * address, limits on unpaid holds and the Idempotency-Key. A counter sale needs none of them: a staff member, lines,
 * perhaps a customer.
 */
export type OrderChannel = 'web' | 'pos';

const NUMBER_PREFIX: Record<OrderChannel, string> = { web: 'W', pos: 'P' };

/** Readable order numbers (W-1001, P-1002) from one sequence for both channels (repo: takeOrderNumber). */
export async function numberOrder(tx: Tx, channel: OrderChannel): Promise<string> {
  return `${NUMBER_PREFIX[channel]}-${await takeOrderNumber(tx)}`;
}

/** `count` order numbers of a channel, in a row (a counter's pushed sales, numbered at once). */
export async function numberOrders(tx: Tx, channel: OrderChannel, count: number): Promise<string[]> {
  const first = await takeOrderNumbers(tx, count);
  return Array.from({ length: count }, (_, i) => `${NUMBER_PREFIX[channel]}-${first + i}`);
}

/** Lines' units reserved; their ledger rows are written once the order has its number. */
export interface ReservedLines {
  /** On hand per product, read under the stock row's lock. */
  onHand: Map<string, number>;
  /** Writes the reservations' ledger rows under the order's number. */
  record(orderNumber: string): Promise<void>;
}

/**
 * Reserves every line's units until the order is paid or ends (never oversold: the ledger's conditional update
 * decides), before the order has a number: an order refused for stock leaves no gap in the numbers. The change
 * feed is not written here: the caller records it with `recordStockChanges` as its last write, because every feed
 * writer waits for the feed's counter row until the one holding it commits.
 */
export async function reserveLines(tx: Tx, lines: PricedLine[], now: number): Promise<ReservedLines> {
  const onHand = new Map<string, number>();
  const taken: TakenStock[] = [];
  for (const line of byProduct(lines)) {
    const reserved = await takeStock(
      tx,
      { productId: line.productId, type: 'reserve', ...movementEffects.reserve(line.quantity) },
      now,
    ).catch(naming(line.name, line.productId));
    onHand.set(line.productId, reserved.onHandAfter);
    taken.push(reserved);
  }
  return {
    onHand,
    record: (orderNumber) => recordTakenStock(tx, taken, orderNumber, now).then(() => undefined),
  };
}

/** A counter sale: the units leave the shelf at once, with no reservation in between. */
export async function sellLines(
  tx: Tx,
  orderNumber: string,
  lines: PricedLine[],
  staffId: string | null,
): Promise<void> {
  for (const line of byProduct(lines)) {
    await applyMovement(tx, {
      productId: line.productId,
      type: 'sale',
      ...movementEffects.sell(line.quantity),
      reference: orderNumber,
      actorId: staffId,
    }).catch(naming(line.name, line.productId));
  }
}

export interface OrderDraft {
  number: string;
  channel: OrderChannel;
  status: OrderStatus;
  /** A walk-in customer at the counter has no account, and may have no email or phone. */
  customer: {
    userId: string | null;
    name: string;
    email: string | null;
    phone: string | null;
    locale: string;
  };
  fulfilment: 'pickup' | 'delivery';
  deliveryAddress: object | null;
  note: string | null;
  currency: Currency;
  totals: OrderTotals;
  /** The coupon the order uses (its use is taken by promotions/checkout.ts). */
  couponCode?: string | null;
  /** When an unpaid order gives its stock back; null when nothing waits for money. */
  paymentDueAt: number | null;
  paidAt: number | null;
  /** Who placed it, for its first event: the customer online, staff at the counter. */
  placedBy: { actor: OrderActor; id: string | null };
}

/** An order as it was written: its row, its lines and its first event. */
export interface RecordedOrder {
  order: OrderTable;
  items: OrderItemTable[];
  placed: OrderEventTable;
  /** Its discounts by name (promotions/checkout.ts), when it has any. */
  discounts?: OrderDiscountTable[];
}

/** Writes the order, its lines (with the prices and names as they are now) and its first event. */
export async function recordOrder(
  tx: Tx,
  draft: OrderDraft,
  lines: PricedLine[],
  now: number,
): Promise<OrderTable> {
  return (await recordOrderRows(tx, draft, lines, now)).order;
}

/**
 * recordOrder, answering every row written: what the order looks like at its commit (present.ts:
 * presentRecorded), for a caller that answers it without reading it back.
 */
export async function recordOrderRows(
  tx: Tx,
  draft: OrderDraft,
  lines: PricedLine[],
  now: number,
): Promise<RecordedOrder> {
  const order: OrderTable = {
    id: newId(),
    number: draft.number,
    channel: draft.channel,
    status: draft.status,
    user_id: draft.customer.userId,
    customer_name: draft.customer.name,
    customer_email: draft.customer.email,
    customer_phone: draft.customer.phone,
    fulfilment: draft.fulfilment,
    delivery_address_json: draft.deliveryAddress ? JSON.stringify(draft.deliveryAddress) : null,
    note: draft.note,
    currency: draft.currency,
    subtotal_cents: draft.totals.subtotalCents,
    delivery_fee_cents: draft.totals.deliveryFeeCents,
    delivery_days_min: draft.totals.deliveryDays?.min ?? null,
    delivery_days_max: draft.totals.deliveryDays?.max ?? null,
    total_cents: draft.totals.totalCents,
    riel_per_usd: draft.totals.rielPerUsd,
    total_khr: draft.totals.totalKhr,
    locale: draft.customer.locale,
    payment_due_at: draft.paymentDueAt,
    paid_at: draft.paidAt,
    refund_owed_cents: 0,
    discount_cents: draft.totals.discountCents,
    coupon_code: draft.couponCode ?? null,
    created_at: now,
    updated_at: now,
  };
  await insertOrder(tx, order);
  const items = lines.map((line): OrderItemTable => ({
    id: newId(),
    order_id: order.id,
    product_id: line.productId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unit_price_cents: line.unitPriceCents,
    line_total_cents: line.unitPriceCents * line.quantity,
    warranty_months: line.warrantyMonths,
    cancelled_quantity: 0,
    cancel_reason: null,
    original_unit_cents: line.originalUnitCents ?? null,
    promotion_name: line.promotionName ?? null,
  }));
  await insertOrderItems(tx, items);
  const placed: OrderEventTable = {
    id: newId(),
    order_id: order.id,
    from_status: null,
    to_status: draft.status,
    actor: draft.placedBy.actor,
    actor_id: draft.placedBy.id,
    reason: null,
    created_at: now,
  };
  await insertEvents(tx, [placed]);
  return { order, items, placed };
}

/** Stock rows are locked in product-id order in every transaction, so two orders never deadlock. */
function byProduct(lines: PricedLine[]): PricedLine[] {
  return [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1));
}

/** A shortage names the product, so the customer (or the counter) knows which line to change. */
function naming(name: string, productId: string) {
  return (error: unknown): never => {
    if (error instanceof Conflict)
      throw new Conflict(`${name}: ${error.message}`, { [`items.${productId}`]: error.message });
    throw error;
  };
}
