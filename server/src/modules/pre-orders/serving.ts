import {
  asLocale,
  formatKhr,
  formatShopDateTime,
  formatUsd,
  type OrderStatus,
  type PreOrderInfo,
  type PreOrderDepositPercent,
} from '@shop/shared';
import { newId } from '../../db/ids';
import type { OrderTable, PreOrderTable } from '../../db/schema';
import { inSavepoint } from '../../db/savepoint';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { recordAudit, systemActor } from '../audit/audit';
import { applyMovement, movementEffects } from '../inventory/ledger';
import { notify } from '../notifications/service';
import type { OrderMailer } from '../orders/notifications';
import { addEvent, findOrderRow, setOrderStatus } from '../orders/repo';
import { insertRefundOwed } from '../payments/refunds-repo';
import { getPreOrderPolicy } from './policy';
import { findPreOrder, lineOf, markServed, paidPaymentsOf, setDepositOutcome } from './repo';

/**
 * Serving pre-orders when stock comes (docs/decisions/0019-pre-orders.md). Runs inside the transaction that brought
 * the units (a receipt, or units an arrived pre-order gave back): the confirmed pre-orders of the product, first
 * made first, each get their units reserved with the ledger's conditional update before the transaction commits, so
 * no web order or counter sale can take them; the shelf gets what is left. The line is strict: when the first in
 * line wants more than there is, nobody behind it is served before it.
 */
const SERVE_PER_RECEIPT = 200;

/** A pre-order of the line that another transaction served or ended since this one read the line. */
class MovedMeanwhile extends Error {}

export async function servePreOrders(
  tx: Tx,
  productId: string,
  mailer: OrderMailer,
  now = Date.now(),
): Promise<number> {
  // The line as this transaction reads it (on MySQL a snapshot that may be older than the stock row's lock): each
  // one is then claimed by its conditional status update, so one served or cancelled meanwhile is passed over.
  const line = await lineOf(tx, productId, SERVE_PER_RECEIPT);
  if (line.length === 0) return 0; // most receipts: one query
  const policy = await getPreOrderPolicy(tx);
  const reserveUntil = now + policy.holdDays * 24 * 60 * 60_000;
  let served = 0;
  for (const next of line) {
    const order = (await findOrderRow(tx, next.order_id))!;
    try {
      await inSavepoint(tx, 'serve_pre_order', async () => {
        await applyMovement(
          tx,
          {
            productId,
            type: 'reserve',
            ...movementEffects.reserve(Number(next.quantity)),
            reason: 'pre-order served',
            reference: order.number,
          },
          now,
        );
        const claimed = await setOrderStatus(tx, order.id, 'preorder_confirmed', {
          status: 'preorder_arrived',
          updated_at: now,
          payment_due_at: reserveUntil,
        });
        if (!claimed) throw new MovedMeanwhile();
      });
    } catch (error) {
      if (error instanceof MovedMeanwhile) continue;
      if (error instanceof Conflict) break; // not enough for the first in line: it keeps its place
      throw error;
    }
    await markServed(tx, order.id, now, reserveUntil);
    await addEvent(tx, order.id, 'preorder_confirmed', 'preorder_arrived', 'system', null, null, now);
    await tellPreOrderArrived(mailer, tx, order, { ...next, served_at: now, reserve_until: reserveUntil });
    await recordAudit(
      tx,
      systemActor,
      {
        action: 'order.preorder_arrived',
        entity: 'order',
        entityId: order.id,
        before: { status: 'preorder_confirmed' },
        after: { status: 'preorder_arrived', units: Number(next.quantity), reserveUntil },
      },
      now,
    );
    served++;
  }
  return served;
}

/**
 * Tells the customer their pre-order arrived and what is left to pay, by when. The mail goes through the outbox in
 * the serving transaction. This is the seam for other channels (issue 17's in-app notifications): they add their
 * call here, beside the mail.
 */
export async function tellPreOrderArrived(
  mailer: OrderMailer,
  tx: Tx,
  order: OrderTable,
  preOrder: PreOrderTable,
): Promise<void> {
  const info = preOrderInfoOf(order, preOrder);
  const money = (minor: number) => (order.currency === 'KHR' ? formatKhr(minor) : formatUsd(minor));
  await mailer.mail(tx, order, 'pre-order-arrived', {
    balance: money(info.balance),
    depositPaid: money(info.depositPaid),
    payBy: formatShopDateTime(Number(preOrder.reserve_until), asLocale(order.locale)),
  });
  // And in the bell, in whichever language the customer reads the shop then.
  if (order.user_id) {
    const payBy = (locale: 'en' | 'km') => formatShopDateTime(Number(preOrder.reserve_until), locale);
    await notify(tx, {
      userIds: [order.user_id],
      kind: 'preorder_step',
      params: {
        number: order.number,
        productName: '',
        message: `It has arrived: pay the rest, ${money(info.balance)}, by ${payBy('en')} to collect it.`,
        messageKm: `បានមកដល់ហើយ៖ សូមបង់ប្រាក់នៅសល់ ${money(info.balance)} មុន ${payBy('km')} ដើម្បីមកយក។`,
      },
      link: `/orders/${order.id}`,
    });
  }
}

/**
 * A pre-order ends (cancelled, or lapsed past its deadline): a deposit paid is refunded (recorded as owed, for staff
 * to send back) or kept, as the shop's rule says; units it had reserved went back on sale (orders/service.ts), so
 * the next in line is served from them.
 */
export async function closePreOrder(
  tx: Tx,
  order: OrderTable,
  from: OrderStatus,
  mailer: OrderMailer,
  now = Date.now(),
): Promise<void> {
  const preOrder = await findPreOrder(tx, order.id);
  if (!preOrder) return;
  if (Number(preOrder.deposit_paid_minor) > 0) {
    const policy = await getPreOrderPolicy(tx);
    if (policy.depositOnCancel === 'refund') {
      for (const payment of await paidPaymentsOf(tx, order.id))
        await insertRefundOwed(tx, {
          id: newId(),
          order_id: order.id,
          payment_id: payment.id,
          amount_minor: Number(payment.amount_minor),
          currency: payment.currency,
          bakong_hash: payment.bakong_hash,
          md5: payment.md5 ?? '',
          order_status: from,
          found_at: now,
          status: 'open',
          refunded_by: null,
          refunded_at: null,
          note: null,
        });
    }
    const outcome = policy.depositOnCancel === 'refund' ? 'refund_owed' : 'kept';
    await setDepositOutcome(tx, order.id, outcome);
    await recordAudit(
      tx,
      systemActor,
      {
        action: `preorder.deposit_${outcome}`,
        entity: 'order',
        entityId: order.id,
        after: { depositPaid: Number(preOrder.deposit_paid_minor), currency: order.currency },
      },
      now,
    );
  }
  if (from === 'preorder_arrived') await servePreOrders(tx, preOrder.product_id, mailer, now);
}

/** What an order's page shows of its pre-order: the deposit, what is paid and left, the expected day, the serving. */
export function preOrderInfoOf(order: OrderTable, preOrder: PreOrderTable): PreOrderInfo {
  const total = order.currency === 'KHR' ? Number(order.total_khr) : Number(order.total_cents);
  const depositPaid = Number(preOrder.deposit_paid_minor);
  return {
    productId: preOrder.product_id,
    depositPercent: Number(preOrder.deposit_percent) as PreOrderDepositPercent,
    deposit: Number(preOrder.deposit_minor),
    depositPaid,
    // Paid in full (the rest came, or the whole price as a 100 % deposit and then paid): nothing is left.
    balance: order.paid_at !== null ? 0 : Math.max(total - depositPaid, 0),
    expectedOn: preOrder.expected_on,
    servedAt: preOrder.served_at === null ? null : Number(preOrder.served_at),
    reserveUntil: preOrder.reserve_until === null ? null : Number(preOrder.reserve_until),
    depositOutcome: preOrder.deposit_outcome as PreOrderInfo['depositOutcome'],
  };
}
