import {
  normalizeCouponCode,
  usdCentsToKhr,
  warrantyUntil,
  type CouponAttempt,
  type PushItem,
  type Shortfall,
} from '@shop/shared';
import { newId } from '../../db/ids';
import type {
  OrderEventTable,
  OrderItemTable,
  OrderTable,
  PaymentTable,
  StockShortfallTable,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Invalid, NotFound } from '../../http/errors';
import { auditRow } from '../audit/audit';
import { insertAuditRows } from '../audit/repo';
import { recordStockChanges, sellFromShelf, type ShelfOrder, type ShelfSale } from '../inventory/ledger';
import { numberOrder } from '../orders/placement';
import { insertEvents, insertOrder, insertOrderItems } from '../orders/repo';
import { moveSerials, serialsInStock } from '../orders/serials-repo';
import { tieSalePayment } from '../payments/counter-khqr';
import { insertPayments, paidPayment } from '../payments/repo';
import type { PricingRules } from '../promotions/checkout';
import {
  counterCouponAttempt,
  expectedCharge,
  loadCounterRules,
  recordCounterPromotions,
} from '../promotions/counter';
import { getPricing } from '../settings/pricing';
import {
  oncePerBatch,
  requireSeller,
  requireShift,
  staffActor,
  type ApplyContext,
  type Applied,
} from './counter-context';
import { findProductsForSale, findUserForCounter, insertShortfalls } from './counter-repo';

/**
 * A sale made at the counter becomes an order of the one orders table: channel `pos`, paid and picked up when it
 * was made (the item's `at`), at the prices the counter charged. Its stock leaves the one ledger and never refuses
 * (inventory/ledger.ts, sellFromShelf): units the server did not have are shortfalls for staff. Serialized units are
 * sold by serial number with their warranty from the sale day.
 */
export type SaleItem = Extract<PushItem, { type: 'sale' }>;
type Product = Awaited<ReturnType<typeof findProductsForSale>>[number];

const WALK_IN = 'Walk-in customer';

export async function applySale(ctx: ApplyContext, item: SaleItem): Promise<Applied> {
  const { tx } = ctx;
  await oncePerBatch(ctx, `seller:${item.staffId}`, () => requireSeller(tx, item.staffId));
  if (item.shiftId) await requireShift(ctx, item.shiftId);
  const customer = item.customerId ? await findUserForCounter(tx, item.customerId) : undefined;
  const products = await knownProducts(tx, item);
  const { rielPerUsd } = await oncePerBatch(ctx, 'pricing', () => getPricing(tx));
  const rules = await oncePerBatch(ctx, 'promotions', () => loadCounterRules(tx));
  const coupon = await counterCouponAttempt(tx, item);
  const facts: SaleFacts = { customer, products, rielPerUsd, rules, coupon };
  checkSale(item, facts);

  const sale = draftSale(item, facts, await numberOrder(tx, 'pos'), ctx);
  await insertOrder(tx, sale.order);
  await insertOrderItems(tx, sale.lines);
  await insertEvents(tx, [sale.event]);
  await insertPayments(tx, sale.payments);
  for (const payment of item.payments.filter(isOnlineKhqr))
    await takeOnlineKhqr(ctx, sale.order.id, item, payment);
  await sellSerials(tx, sale.order.number, item, products);

  const shelf = await sellFromShelf(tx, sale.shelf.wanted, sale.shelf, ctx.now);
  // After the stock rows, before the feed: the lock order of every placement (the coupon's row is shared).
  if (item.discounts?.length || item.couponCode)
    await recordCounterPromotions(tx, item, { id: sale.order.id, userId: customer?.id ?? null }, ctx.now);
  const outcome = saleOutcome(item, sale.order, shelf, ctx);
  await insertShortfalls(tx, outcome.shortfallRows);
  await insertAuditRows(tx, [outcome.audit]);
  // In a batch, the feed entries are written once at its end (after this point nothing of the sale can fail that
  // would leave an entry for a product it did not move: an extra one is harmless anyway, pulls read stock as it is).
  if (ctx.batch) for (const productId of outcome.moved) ctx.batch.stockChanged.add(productId);
  else await recordStockChanges(tx, outcome.moved, ctx.now);
  return outcome.applied;
}

/** What a sale names, read from the database: for the one sale (applySale) or a run of them (sale-run.ts). */
export interface SaleFacts {
  customer: Awaited<ReturnType<typeof findUserForCounter>>;
  products: Map<string, Product>;
  rielPerUsd: number;
  /** The promotions the server prices the sale with, to flag one charged below them. */
  rules: PricingRules;
  /** The coupon the sale names, with its uses (null: none named). */
  coupon: CouponAttempt | null;
}

/**
 * Whatever in the sale the server cannot take (an unknown customer or product, discounts beyond the lines,
 * impossible amounts) throws the error its parking shows. The seller and the shift are checked by the caller.
 */
export function checkSale(item: SaleItem, facts: SaleFacts): void {
  if (item.customerId && !facts.customer) throw new NotFound(`Unknown customer ${item.customerId}`);
  const unknown = [...new Set(item.lines.map((l) => l.productId))].filter((id) => !facts.products.has(id));
  if (unknown.length) throw new NotFound(`Unknown product ${unknown.join(', ')}`);
  let subtotalCents = 0;
  for (const line of item.lines) {
    if ((line.discountCents ?? 0) > line.unitPriceCents * line.quantity)
      throw new Invalid(`The discount on ${line.productId} is more than the line`);
    subtotalCents += line.unitPriceCents * line.quantity - (line.discountCents ?? 0);
  }
  if ((item.discountCents ?? 0) > subtotalCents) throw new Invalid('The sale discount is more than the sale');
  if (!Number.isSafeInteger(subtotalCents * facts.rielPerUsd))
    throw new Invalid('The amounts of this sale are too large to be real');
  // Change in the other currency says nothing about the notes handed over: the counter must send both.
  for (const p of item.payments)
    if (p.method === 'cash' && (p.changeCurrency ?? p.currency) !== p.currency)
      if (p.tendered === undefined || p.change === undefined)
        throw new Invalid('Cash changed in another currency needs what was tendered and the change given');
}

/** The rows a checked sale makes, worked out before any is written, and what it asks of the shelf. */
export interface SaleDraft {
  order: OrderTable;
  lines: OrderItemTable[];
  event: OrderEventTable;
  payments: PaymentTable[];
  shelf: ShelfOrder;
}

export function draftSale(
  item: SaleItem,
  facts: SaleFacts,
  number: string,
  ctx: { counter: { id: string }; now: number },
): SaleDraft {
  const { customer, products, rielPerUsd, rules, coupon } = facts;
  const lines = item.lines.map((line) => {
    const discount = line.discountCents ?? 0;
    return {
      line,
      product: products.get(line.productId)!,
      total: line.unitPriceCents * line.quantity - discount,
      discount,
    };
  });
  const subtotalCents = lines.reduce((sum, l) => sum + l.total, 0);
  const discountCents = item.discountCents ?? 0;
  const totalCents = subtotalCents - discountCents;
  const catalogLines = lines.map((l) => ({
    productId: l.line.productId,
    quantity: l.line.quantity,
    priceCents: Number(l.product.price_cents),
    categoryId: l.product.category_id,
    brandId: l.product.brand_id,
  }));
  const priceFlag = expectedCharge(item, catalogLines, rules, coupon, rielPerUsd, totalCents);
  const order: OrderTable = {
    id: newId(),
    number,
    channel: 'pos',
    status: 'picked_up',
    user_id: customer?.id ?? null,
    customer_name: customer?.name ?? WALK_IN,
    customer_email: customer?.email ?? null,
    customer_phone: customer?.phone ?? null,
    fulfilment: 'pickup',
    delivery_address_json: null,
    note: null,
    // Riel only when every payment was riel; a mixed or dollar sale is kept in dollars.
    currency: item.payments.every((p) => p.currency === 'KHR') ? 'KHR' : 'USD',
    subtotal_cents: subtotalCents,
    delivery_fee_cents: 0,
    total_cents: totalCents,
    riel_per_usd: rielPerUsd,
    total_khr: usdCentsToKhr(totalCents, rielPerUsd),
    locale: customer?.locale ?? 'en',
    payment_due_at: null,
    paid_at: item.at,
    refund_owed_cents: 0,
    discount_cents: discountCents,
    coupon_code: item.couponCode ? normalizeCouponCode(item.couponCode) : null,
    price_flag_cents: priceFlag,
    device_id: ctx.counter.id,
    staff_id: item.staffId,
    shift_id: item.shiftId ?? null,
    receipt_number: item.receiptNumber,
    created_at: item.at,
    updated_at: ctx.now,
  };
  return {
    order,
    lines: lines.map((l) => orderLine(order.id, l)),
    event: {
      id: newId(),
      order_id: order.id,
      from_status: null,
      to_status: 'picked_up',
      actor: 'staff',
      actor_id: item.staffId,
      reason: 'sold at the counter',
      created_at: item.at,
    },
    // An online KHQR is not a new row: the server's own paid request is tied to the order (takeOnlineKhqr).
    payments: item.payments.filter((p) => !isOnlineKhqr(p)).map((p) => paymentRow(order.id, item, p)),
    shelf: {
      wanted: item.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      reference: number,
      actorId: item.staffId,
    },
  };
}

/** What the shelf's answer makes of a sale: its shortfalls, its audit row, the products it moved, its answer. */
export function saleOutcome(
  item: SaleItem,
  order: OrderTable,
  shelf: readonly ShelfSale[],
  ctx: { counter: { id: string }; now: number },
) {
  const shortfalls: Shortfall[] = shelf
    .filter((s) => s.shortfall > 0)
    .map((s) => ({ productId: s.productId, quantity: s.shortfall }));
  const shortfallRows: StockShortfallTable[] = shortfalls.map((s) => ({
    id: newId(),
    product_id: s.productId,
    order_id: order.id,
    device_id: ctx.counter.id,
    quantity: s.quantity,
    created_at: ctx.now,
    resolved_at: null,
    resolved_by: null,
    resolution: null,
  }));
  const audit = auditRow(
    staffActor(item.staffId),
    {
      action: 'pos.sale',
      entity: 'order',
      entityId: order.id,
      after: {
        number: order.number,
        deviceId: ctx.counter.id,
        receiptNumber: item.receiptNumber,
        totalCents: order.total_cents,
        ...(shortfalls.length && { shortfalls }),
        // Charged less than the server's promotions at the sale's time: applied as sold, flagged for staff.
        ...(order.price_flag_cents != null && {
          priceFlag: { expectedCents: order.price_flag_cents, chargedCents: order.total_cents },
        }),
        // A discount over the cashier's limit, approved at the counter by an admin's PIN: who said yes.
        ...(item.discountApprovedBy && { discountApprovedBy: item.discountApprovedBy }),
      },
    },
    ctx.now,
  );
  const applied: Applied = {
    orderId: order.id,
    orderNumber: order.number,
    ...(shortfalls.length && { shortfalls }),
  };
  return { shortfallRows, audit, moved: shelf.filter((s) => s.sold > 0).map((s) => s.productId), applied };
}

/** Every product of the sale that the server knows, by id (checkSale names the others). */
async function knownProducts(tx: Tx, item: SaleItem): Promise<Map<string, Product>> {
  const ids = [...new Set(item.lines.map((l) => l.productId))];
  return new Map((await findProductsForSale(tx, ids)).map((p) => [p.id, p]));
}

function orderLine(
  orderId: string,
  l: { line: SaleItem['lines'][number]; product: Product; total: number; discount: number },
): OrderItemTable {
  return {
    id: newId(),
    order_id: orderId,
    product_id: l.product.id,
    sku: l.product.sku,
    name: l.product.name,
    quantity: l.line.quantity,
    unit_price_cents: l.line.unitPriceCents,
    line_total_cents: l.total,
    warranty_months: Number(l.product.warranty_months),
    cancelled_quantity: 0,
    cancel_reason: null,
    discount_cents: l.discount,
  };
}

/**
 * An online KHQR (one with the server's md5 or request id) is the paid request itself, tied to this order
 * (payments/counter-khqr.ts); one the server cannot vouch for (never seen paid, another sale's, another counter's) is
 * kept as the counter says but flagged for reconciliation, with the reason in the audit trail.
 */
async function takeOnlineKhqr(
  ctx: ApplyContext,
  orderId: string,
  item: SaleItem,
  p: SaleItem['payments'][number],
): Promise<void> {
  const sale = { deviceId: ctx.counter.id, orderId, staffId: item.staffId, now: ctx.now };
  const tied = await tieSalePayment(ctx.tx, sale, p);
  if (tied === true) return;
  const row = { ...paymentRow(orderId, item, p), needs_reconciliation: 1 };
  await insertPayments(ctx.tx, [row]);
  await insertAuditRows(ctx.tx, [
    auditRow(
      staffActor(item.staffId),
      {
        action: 'pos.khqr_unverified',
        entity: 'payment',
        entityId: row.id,
        after: { orderId, md5: p.md5 ?? null, khqrPaymentId: p.khqrPaymentId ?? null, problem: tied },
      },
      ctx.now,
    ),
  ]);
}

/** A KHQR the counter says the server made and saw paid (its md5 or request id): tied, not inserted. */
export function isOnlineKhqr(p: SaleItem['payments'][number]): boolean {
  return p.method === 'khqr' && !p.staffConfirmed && Boolean(p.md5 || p.khqrPaymentId);
}

/**
 * Cash keeps what was tendered and the change, the change in the currency it was given in; a KHQR is paid when the
 * counter says so. One the staff confirmed on the shop's static QR while offline waits to be matched with the bank
 * statement. The md5 of an online KHQR stays in the pushed item: the payments table keeps md5s unique to the QRs
 * the server made and watches.
 */
function paymentRow(orderId: string, item: SaleItem, p: SaleItem['payments'][number]): PaymentTable {
  const cash = p.method === 'cash';
  const changeCurrency = p.changeCurrency ?? p.currency;
  const sameCurrencyChange = changeCurrency === p.currency ? (p.change ?? 0) : 0;
  const tendered = cash ? (p.tendered ?? p.amount + sameCurrencyChange) : null;
  return paidPayment({
    id: newId(),
    orderId,
    method: p.method,
    currency: p.currency,
    amountMinor: p.amount,
    receivedBy: item.staffId,
    at: item.at,
    ...(cash && { cash: { tendered: tendered!, change: p.change ?? tendered! - p.amount, changeCurrency } }),
    needsReconciliation: p.method === 'khqr' && p.staffConfirmed,
  });
}

/**
 * Serialized units leave by serial number, one per unit, each in stock for its product; their warranty runs from
 * the sale day. A serial the server does not have in stock parks the sale: staff receive it, then retry.
 */
async function sellSerials(
  tx: Tx,
  orderNumber: string,
  item: SaleItem,
  products: Map<string, Product>,
): Promise<void> {
  for (const line of item.lines) {
    const product = products.get(line.productId)!;
    const serials = line.serials ?? [];
    if (Number(product.serialized) !== 1) {
      if (serials.length) throw new Invalid(`${product.name} has no serial numbers`);
      continue;
    }
    if (serials.length !== line.quantity || new Set(serials).size !== serials.length)
      throw new Invalid(`${product.name}: give one different serial number per unit (${line.quantity})`);
    const inStock = await serialsInStock(tx, product.id, serials);
    // Compared exactly: MySQL's collation would match "abc1" to "ABC1".
    const missing = serials.filter((s) => !inStock.includes(s));
    if (missing.length) throw new NotFound(`${product.name}: serial ${missing.join(', ')} is not in stock`);
    const moved = await moveSerials(tx, product.id, serials, 'in_stock', {
      status: 'sold',
      reference: orderNumber,
      sold_at: item.at,
      warranty_until: warrantyUntil(item.at, Number(product.warranty_months)),
      updated_at: item.at,
    });
    if (moved !== serials.length) throw new NotFound(`${product.name}: a serial was sold meanwhile`);
  }
}
