import {
  BAKONG_TOKEN_WARNING_MS,
  formatKhr,
  formatUsd,
  isPreOrderStatus,
  orderStatuses,
  type OrderActor,
  type OrderStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { OrderTable, StockMovementTable, StockShortfallTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { reorderLevelsOf, wasNoticed } from './repo';
import { notify } from './service';

/**
 * What the shop's events tell whom, each in the transaction of its event (service.ts, `notify`). Links lead to the
 * web shop's order page for customers and to the back office's screen for staff (the desktop opens those).
 */

/**
 * The steps of their order a signed-in customer is told of (a guest's order has nobody to tell in the app): every
 * one but placing it, which they did themselves, and a pre-order's own, which tell the pre-order's news
 * (pre-orders/serving.ts, `preorder_step`).
 */
const customerSteps: ReadonlySet<OrderStatus> = new Set(
  orderStatuses.filter((status) => status !== 'pending_payment' && !isPreOrderStatus(status)),
);

/**
 * An order moved (orders/service.ts, transitionOrder): its customer hears of it, and staff of a paid web order and
 * of a payment the system could not match. A review staff open themselves (accepting a screenshot passes through
 * one) is news to nobody.
 */
export async function noticeOrderStep(
  tx: Tx,
  order: OrderTable,
  move: { from: OrderStatus | null; to: OrderStatus; actor: OrderActor },
  now = Date.now(),
): Promise<void> {
  const { from, to, actor } = move;
  if (to === 'payment_review' && actor !== 'system') return;
  if (order.user_id && customerSteps.has(to))
    await notify(
      tx,
      {
        userIds: [order.user_id],
        kind: 'order_step',
        params: { orderNumber: order.number, status: to },
        link: `/orders/${order.id}`,
      },
      now,
    );
  if (order.channel !== 'web') return;
  if (to === 'paid')
    await notify(
      tx,
      {
        toStaff: true,
        kind: 'new_web_order',
        params: {
          orderNumber: order.number,
          total:
            order.currency === 'KHR'
              ? formatKhr(Number(order.total_khr))
              : formatUsd(Number(order.total_cents)),
          fulfilment: order.fulfilment,
        },
        link: `/back-office/orders/${order.id}`,
      },
      now,
    );
  else if (to === 'payment_review' && from === 'pending_payment')
    await notify(
      tx,
      {
        toStaff: true,
        kind: 'payment_review',
        params: { orderNumber: order.number },
        link: '/back-office/payments/review',
      },
      now,
    );
}

/** A customer (or a guest) sent a payment screenshot: staff check it. */
export async function noticePaymentProof(tx: Tx, order: { number: string }): Promise<void> {
  await notify(tx, {
    toStaff: true,
    kind: 'payment_proof',
    params: { orderNumber: order.number },
    link: '/back-office/payments/proofs',
  });
}

/** Counter sales took more than the shelf had (sync/sale.ts, sale-run.ts): staff resolve the shortfalls. */
export async function noticeShortfalls(tx: Tx, rows: readonly StockShortfallTable[]): Promise<void> {
  if (rows.length === 0) return;
  await notify(tx, {
    toStaff: true,
    kind: 'counter_shortfall',
    params: { units: rows.reduce((sum, row) => sum + Number(row.quantity), 0) },
    link: '/back-office/stock/shortfalls',
  });
}

/** A counter's item could not be applied and waits for staff (sync/push-service.ts). */
export async function noticeParkedItem(tx: Tx, item: { counter: string; error: string }): Promise<void> {
  await notify(tx, {
    toStaff: true,
    kind: 'parked_item',
    params: { counter: item.counter.slice(0, 100), error: item.error.slice(0, 300) },
    link: '/back-office/people/parked',
  });
}

/** Staff answered a signed-in customer's inquiry (support/service.ts); a guest's answer goes by mail only. */
export async function noticeSupportReply(
  tx: Tx,
  inquiry: { id: string; user_id: string; subject: string },
  now = Date.now(),
): Promise<void> {
  await notify(
    tx,
    {
      userIds: [inquiry.user_id],
      kind: 'support_reply',
      params: { subject: inquiry.subject.slice(0, 120) },
      link: `/account/support/${inquiry.id}`,
    },
    now,
  );
}

/**
 * Stock moved (inventory/ledger.ts, after its ledger rows): a product whose available units (on hand less reserved)
 * fell to or below its reorder level with this movement tells staff, once per crossing. Only movements that lower
 * what is available cost a query (the products' levels), and only a crossing writes anything.
 */
export async function noticeLowStock(tx: Tx, rows: readonly StockMovementTable[]): Promise<void> {
  const falling = rows.filter((row) => Number(row.on_hand_delta) - Number(row.reserved_delta) < 0);
  if (falling.length === 0) return;
  const products = new Map(
    (await reorderLevelsOf(tx, [...new Set(falling.map((row) => row.product_id))])).map((p) => [p.id, p]),
  );
  for (const row of falling) {
    const product = products.get(row.product_id);
    if (!product) continue;
    const level = Number(product.reorder_level ?? product.low_stock_threshold);
    const after = Number(row.on_hand_after) - Number(row.reserved_after);
    const before = after - (Number(row.on_hand_delta) - Number(row.reserved_delta));
    if (!(before > level && after <= level)) continue;
    await notify(tx, {
      toStaff: true,
      kind: 'low_stock',
      params: { productName: product.name.slice(0, 200), available: Math.max(after, 0), threshold: level },
      link: '/back-office/stock/low',
    });
  }
}

/**
 * The Bakong token in use expires within BAKONG_TOKEN_WARNING_MS (or has): staff are told once per expiry day, by
 * the hourly upkeep of the one process that claimed it (retention/job.ts). The stand-in's token never expires.
 */
export async function noticeBakongTokenExpiry(
  db: Db,
  status: () => Promise<{ source: string; expiresAt: number | null }>,
  now = Date.now(),
): Promise<void> {
  const { source, expiresAt } = await status();
  if (source === 'standin' || expiresAt === null || expiresAt - now > BAKONG_TOKEN_WARNING_MS) return;
  const params = { day: new Date(expiresAt).toISOString().slice(0, 10) };
  await inTransaction(db, async (tx) => {
    if (await wasNoticed(tx, 'bakong_token', JSON.stringify(params))) return;
    await notify(tx, { toStaff: true, kind: 'bakong_token', params, link: '/back-office/settings' }, now);
  });
}
