import {
  formatKhr,
  formatUsd,
  type MarkRefundedInput,
  type OrderStatus,
  type RefundOwed,
  type RefundOwedStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { newId } from '../../db/ids';
import type { RefundOwedTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, systemActor, type Actor } from '../audit/audit';
import type { OrderMailer } from '../orders/notifications';
import { mailStaff } from '../orders/staff-notices';
import type { BakongTransaction } from './bakong-client';
import {
  findRefundItem,
  insertRefundOwed,
  markRefundOwedRefunded,
  pageOfRefundItems,
  refundOwedExists,
  type RefundRow,
} from './refunds-repo';
import type { KhqrPayment } from './repo';

/**
 * Money owed back: Bakong reported a payment for an order that no longer waited for it (cancelled, expired, or paid
 * already by another QR). The money is the customer's; the shop records it, tells staff, and keeps the record open
 * until someone sends it back and says how. Recorded in the payment job's transaction that marks the payment, so a
 * payment is owed back once however many server processes watch it.
 */
export async function recordRefundOwed(
  mailer: OrderMailer,
  tx: Tx,
  payment: KhqrPayment,
  transaction: BakongTransaction,
  order: { id: string; number: string; status: string },
  now: number,
): Promise<void> {
  const row: RefundOwedTable = {
    id: newId(),
    order_id: order.id,
    payment_id: payment.id,
    amount_minor: transaction.amountMinor,
    currency: transaction.currency,
    bakong_hash: transaction.hash,
    md5: payment.md5,
    order_status: order.status,
    found_at: now,
    status: 'open',
    refunded_by: null,
    refunded_at: null,
    note: null,
  };
  await insertRefundOwed(tx, row);
  await recordAudit(
    tx,
    systemActor,
    {
      action: 'refund_owed.found',
      entity: 'refund_owed',
      entityId: row.id,
      after: {
        orderId: order.id,
        paymentId: payment.id,
        amount: row.amount_minor,
        currency: row.currency,
        hash: row.bakong_hash,
        orderStatus: order.status,
      },
    },
    now,
  );
  await mailStaff(mailer, tx, ['staff', 'admin'], 'staff-refund-owed', order, {
    amount: row.currency === 'KHR' ? formatKhr(row.amount_minor) : formatUsd(row.amount_minor),
    orderStatus: order.status.replace(/_/g, ' '),
    bakongHash: row.bakong_hash,
  });
}

/** What is still owed (oldest first), or what was refunded (newest first). */
export async function listRefundsOwed(
  db: Db,
  query: { status: RefundOwedStatus; page: number; pageSize: number },
) {
  return pageAnswer(await pageOfRefundItems(db, query.status, query), toRefundOwed, query);
}

/** Staff sent the money back: recorded once, with who, when and how. */
export async function markRefunded(
  db: Db,
  id: string,
  input: MarkRefundedInput,
  user: SignedInUser,
  actor: Actor,
): Promise<RefundOwed> {
  await inTransaction(db, async (tx) => {
    const now = Date.now();
    const marked = await markRefundOwedRefunded(tx, id, {
      refunded_by: user.id,
      refunded_at: now,
      note: input.note,
    });
    if (!marked) {
      if (!(await refundOwedExists(tx, id))) throw new NotFound('There is no such refund owed');
      throw new Conflict('This money was marked refunded already', { id: 'already refunded' });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'refund_owed.refunded',
        entity: 'refund_owed',
        entityId: id,
        before: { status: 'open' },
        after: { status: 'refunded', note: input.note },
      },
      now,
    );
  });
  return toRefundOwed(await findRefundItem(db, id));
}

export function toRefundOwed(row: RefundRow): RefundOwed {
  return {
    id: row.id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    orderStatus: row.order_status as OrderStatus,
    customer: {
      id: row.customer_id,
      name: row.customer_name,
      email: row.customer_email,
      phone: row.customer_phone,
    },
    amount: Number(row.amount_minor),
    currency: row.currency === 'KHR' ? 'KHR' : 'USD',
    bakongHash: row.bakong_hash,
    md5: row.md5,
    foundAt: Number(row.found_at),
    status: row.status as RefundOwedStatus,
    refundedBy: row.refunded_by ? { id: row.refunded_by, name: row.refunded_by_name ?? '' } : null,
    refundedAt: row.refunded_at === null ? null : Number(row.refunded_at),
    note: row.note,
  };
}
