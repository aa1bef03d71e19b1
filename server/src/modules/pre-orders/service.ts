import {
  depositFor,
  type CounterPreOrderInput,
  type Order,
  type OrderPayment,
  type OrderStatus,
  type PlacePreOrderInput,
  type PreOrderDepositPercent,
  type PreOrderList,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import type { OrderTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { openOrder } from '../orders/access';
import type { OrderMailer } from '../orders/notifications';
import { numberOrder, recordOrderRows, type OrderChannel, type OrderDraft } from '../orders/placement';
import { loadOrder } from '../orders/present';
import { orderTotals, priceLines } from '../orders/pricing';
import { findCustomerContact, findOrderRow } from '../orders/repo';
import { transitionOrder } from '../orders/service';
import { recordCashPayment } from '../payments/cash';
import { latestKhqrPayment, supersedePendingQrs } from '../payments/repo';
import { issuePayment, paymentViewFor, type PaymentPolicy } from '../payments/service';
import type { PaymentDeeplinks } from '../payments/deeplinks';
import { getPricing } from '../settings/pricing';
import {
  addDepositPaid,
  findPreOrder,
  findProductForPreOrder,
  insertPreOrder,
  pageOfPreOrders,
} from './repo';
import { preOrderInfoOf, servePreOrders } from './serving';

/**
 * Pre-orders (docs/decisions/0019-pre-orders.md): orders for a product out of stock that the shop lets customers ask
 * for. Placed online by a signed-in customer (the deposit by KHQR) or at the counter by staff (the deposit in cash
 * there and then, or by KHQR), confirmed by staff, served first-come by the receipt that brings stock (serving.ts),
 * then paid in full by KHQR or in cash at pickup, after which they are orders like any other.
 */
export interface PreOrderDeps {
  db: Db;
  mailer: OrderMailer;
  payments: PaymentPolicy;
}

/** A signed-in customer pre-orders online: the deposit (if any) is a KHQR on the order's page. */
export async function placePreOrder(
  deps: PreOrderDeps,
  user: SignedInUser,
  input: PlacePreOrderInput,
  actor: Actor,
): Promise<Order> {
  const order = await inTransaction(deps.db, async (tx) => {
    const contact = await findCustomerContact(tx, user.id);
    const { order, deposit } = await recordPreOrder(
      tx,
      'web',
      { userId: user.id, ...contact },
      { actor: 'customer', id: user.id },
      input,
      actor,
    );
    if (deposit > 0) await issuePayment(tx, order, deps.payments, Date.now(), deposit);
    return order;
  });
  return loadOrder(deps.db, (await findOrderRow(deps.db, order.id))!, 'customer');
}

/**
 * Staff take a pre-order at the counter for a walk-in customer: the deposit in cash now (change given as for any
 * cash), or a KHQR the customer scans at the counter (the order's payment, as online).
 */
export async function placeCounterPreOrder(
  deps: PreOrderDeps,
  staff: SignedInUser,
  input: CounterPreOrderInput,
  actor: Actor,
): Promise<Order> {
  const order = await inTransaction(deps.db, async (tx) => {
    const { order, deposit } = await recordPreOrder(
      tx,
      'pos',
      {
        userId: null,
        name: input.customer.name,
        email: input.customer.email ?? null,
        phone: input.customer.phone,
        locale: 'km',
      },
      { actor: 'staff', id: staff.id },
      input,
      actor,
    );
    if (deposit === 0) return order;
    if (input.depositBy === 'khqr') await issuePayment(tx, order, deps.payments, Date.now(), deposit);
    else await takeDepositInCash(tx, deps.mailer, order, deposit, input.tendered ?? deposit, staff);
    return order;
  });
  return loadOrder(deps.db, (await findOrderRow(deps.db, order.id))!, 'staff');
}

/** The order and its pre-order row: priced now, its deposit the product's percent of the total. */
async function recordPreOrder(
  tx: Tx,
  channel: OrderChannel,
  customer: OrderDraft['customer'],
  placedBy: OrderDraft['placedBy'],
  input: PlacePreOrderInput,
  actor: Actor,
): Promise<{ order: OrderTable; deposit: number }> {
  const product = await findProductForPreOrder(tx, input.productId);
  if (!product || Number(product.active) !== 1) throw new NotFound('There is no such product');
  if (Number(product.preorder_allowed) !== 1)
    throw new Conflict('This product cannot be pre-ordered', { productId: 'no pre-orders' });
  if (Number(product.on_hand) - Number(product.reserved) > 0)
    throw new Conflict('This product is in stock: order it instead', { productId: 'in stock' });
  const now = Date.now();
  const lines = await priceLines(tx, [{ productId: input.productId, quantity: input.quantity }]);
  const totals = orderTotals(await getPricing(tx), null, lines);
  const percent = Number(product.preorder_deposit_percent) as PreOrderDepositPercent;
  const total = input.currency === 'KHR' ? totals.totalKhr : totals.totalCents;
  const deposit = depositFor(total, input.currency, percent);
  const { order } = await recordOrderRows(
    tx,
    {
      number: await numberOrder(tx, channel),
      channel,
      status: deposit > 0 ? 'preorder_deposit' : 'preorder_placed',
      customer,
      fulfilment: 'pickup',
      deliveryAddress: null,
      note: null,
      currency: input.currency,
      totals,
      paymentDueAt: null,
      paidAt: null,
      placedBy,
    },
    lines,
    now,
  );
  await insertPreOrder(tx, {
    order_id: order.id,
    product_id: input.productId,
    quantity: input.quantity,
    deposit_percent: percent,
    deposit_minor: deposit,
    deposit_paid_minor: 0,
    expected_on: product.preorder_expected_on ?? null,
    served_at: null,
    reserve_until: null,
    deposit_outcome: null,
    created_at: now,
  });
  await recordAudit(
    tx,
    actor,
    {
      action: 'order.preorder',
      entity: 'order',
      entityId: order.id,
      after: { number: order.number, productId: input.productId, quantity: input.quantity, deposit, percent },
    },
    now,
  );
  return { order, deposit };
}

/** Staff confirm a placed pre-order: it joins the line, and is served at once if units are there for it. */
export async function confirmPreOrder(
  deps: PreOrderDeps,
  orderId: string,
  staff: SignedInUser,
  actor: Actor,
): Promise<Order> {
  await inTransaction(deps.db, async (tx) => {
    const preOrder = await findPreOrder(tx, orderId);
    if (!preOrder) throw new NotFound('There is no such pre-order');
    await transitionOrder(
      tx,
      { orderId, to: 'preorder_confirmed', actor: 'staff', actorId: staff.id, ip: actor.ip },
      deps.mailer,
    );
    await servePreOrders(tx, preOrder.product_id, deps.mailer);
  });
  return loadOrder(deps.db, (await findOrderRow(deps.db, orderId))!, 'staff');
}

/**
 * Cash at the counter for a pre-order: what is left of its deposit (it is then placed), or the rest once it arrived
 * (it is then paid, its reserved units sold). `tendered` is in the order's currency; change is given as for any cash.
 */
export async function takePreOrderCash(
  deps: PreOrderDeps,
  orderId: string,
  tendered: number,
  staff: SignedInUser,
): Promise<Order> {
  await inTransaction(deps.db, async (tx) => {
    const order = await findOrderRow(tx, orderId);
    const preOrder = order && (await findPreOrder(tx, orderId));
    if (!order || !preOrder) throw new NotFound('There is no such pre-order');
    const info = preOrderInfoOf(order, preOrder);
    if (order.status === 'preorder_deposit')
      return takeDepositInCash(tx, deps.mailer, order, info.deposit - info.depositPaid, tendered, staff);
    if (order.status !== 'preorder_arrived')
      throw new Conflict('This pre-order takes no money now', { orderId: `pre-order is ${order.status}` });
    await recordCashPayment(tx, {
      orderId,
      currency: order.currency as 'USD' | 'KHR',
      tendered,
      amount: info.balance,
      receivedBy: staff.id,
    });
    await transitionOrder(
      tx,
      { orderId, to: 'paid', actor: 'staff', actorId: staff.id, reason: 'the rest paid in cash' },
      deps.mailer,
    );
  });
  return loadOrder(deps.db, (await findOrderRow(deps.db, orderId))!, 'staff');
}

async function takeDepositInCash(
  tx: Tx,
  mailer: OrderMailer,
  order: OrderTable,
  amount: number,
  tendered: number,
  staff: SignedInUser,
): Promise<void> {
  await recordCashPayment(tx, {
    orderId: order.id,
    currency: order.currency as 'USD' | 'KHR',
    tendered,
    amount,
    receivedBy: staff.id,
  });
  await addDepositPaid(tx, order.id, amount);
  await transitionOrder(
    tx,
    {
      orderId: order.id,
      to: 'preorder_placed',
      actor: 'staff',
      actorId: staff.id,
      reason: 'deposit in cash',
    },
    mailer,
  );
}

/**
 * The rest of an arrived pre-order by KHQR: the customer's order page asks for a QR of the balance. A QR still
 * payable is answered as it is; a new one replaces one that ran out (the old stays watched, as it may still be paid).
 */
export async function payRestByKhqr(
  deps: PreOrderDeps & { deeplinks: PaymentDeeplinks | null },
  orderId: string,
  user: SignedInUser,
): Promise<OrderPayment> {
  const viewer = { kind: 'user' as const, user };
  await openOrder(deps.db, orderId, viewer); // another customer's pre-order: 404
  await inTransaction(deps.db, async (tx) => {
    const order = (await findOrderRow(tx, orderId))!;
    const preOrder = await findPreOrder(tx, orderId);
    if (!preOrder || order.status !== 'preorder_arrived')
      throw new Conflict('This pre-order is not waiting for the rest of its money', {
        orderId: `order is ${order.status}`,
      });
    const now = Date.now();
    const current = await latestKhqrPayment(tx, orderId);
    if (current?.status === 'pending' && Number(current.expires_at) > now) return;
    await supersedePendingQrs(tx, orderId, now);
    await issuePayment(tx, order, deps.payments, now, preOrderInfoOf(order, preOrder).balance);
  });
  return paymentViewFor(deps.db, orderId, viewer, deps.deeplinks);
}

/** The back office's list of pre-orders, a product's (or all) in the order they are served. */
export async function listPreOrders(
  db: Db,
  query: { productId?: string | undefined; status?: OrderStatus | undefined; page: number; pageSize: number },
): Promise<PreOrderList> {
  return pageAnswer(
    await pageOfPreOrders(db, query, query),
    (row) => ({
      orderId: row.order_id,
      number: row.number,
      status: row.status as OrderStatus,
      channel: row.channel as 'web' | 'pos',
      customer: { name: row.customer_name, email: row.customer_email, phone: row.customer_phone },
      product: { id: row.product_id, name: row.product_name, sku: row.product_sku },
      quantity: Number(row.quantity),
      currency: row.currency as 'USD' | 'KHR',
      deposit: Number(row.deposit_minor),
      depositPaid: Number(row.deposit_paid_minor),
      createdAt: Number(row.created_at),
      servedAt: row.served_at === null ? null : Number(row.served_at),
      reserveUntil: row.reserve_until === null ? null : Number(row.reserve_until),
    }),
    query,
  );
}
