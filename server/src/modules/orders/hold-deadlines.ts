import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { recordAudit, systemActor } from '../audit/audit';
import { getHoldLimits, type HoldLimits } from './hold-limits';
import { sweepEmptyCounters } from './holds-repo';
import { findOrderRow } from './repo';
import { releaseReviewedStock } from './review-release';
import { addEvent, transitionOrder } from './service';
import { mailStaff } from './staff-notices';

/**
 * Holds of unpaid orders, watched on every pass of the payment job.
 *
 * Payment reviews that keep stock from other customers: after `reviewNoticeMinutes` in review staff and admins are
 * mailed, after `reviewEscalationMinutes` admins once more, and after `reviewReleaseMinutes` the reservation goes back
 * on sale (review-release.ts). Each step is claimed by a conditional update in the transaction that queues its mails,
 * so several server processes do each step once.
 *
 * An order waiting for payment with no QR left to watch (staff sent it back from review after its QRs ran out) ends
 * when its hold's lifetime does, as one whose last QR ran out would: no hold outlives its lifetime.
 */
const BATCH = 50;
const MINUTE = 60_000;
/** Counter rows at zero are kept a day (they are made again when needed), so the table does not grow for ever. */
const EMPTY_COUNTER_TTL_MS = 24 * 60 * MINUTE;

export async function watchHolds(db: Db, now = Date.now()): Promise<void> {
  const limits = await getHoldLimits(db);
  await tellStaff(db, limits, now, 'notice');
  await tellStaff(db, limits, now, 'escalation');
  await releaseOverdue(db, limits, now);
  await endHoldsWithoutQr(db, now);
  await sweepEmptyCounters(db, now - EMPTY_COUNTER_TTL_MS);
}

/** Reviews older than `before` whose `column` step is still to do, oldest first. */
function dueReviews(
  db: Db,
  before: number,
  column: 'review_noticed_at' | 'review_escalated_at' | 'stock_released_at',
) {
  return db
    .selectFrom('order_holds as h')
    .innerJoin('orders as o', 'o.id', 'h.order_id')
    .select(['h.order_id', 'h.review_since', 'o.number'])
    .where('o.status', '=', 'payment_review')
    .where('h.review_since', '<=', before)
    .where(`h.${column}`, 'is', null)
    .orderBy('h.review_since')
    .limit(BATCH)
    .execute();
}

async function tellStaff(db: Db, limits: HoldLimits, now: number, step: 'notice' | 'escalation') {
  const minutes = step === 'notice' ? limits.reviewNoticeMinutes : limits.reviewEscalationMinutes;
  const column = step === 'notice' ? 'review_noticed_at' : 'review_escalated_at';
  const before = now - minutes * MINUTE;
  for (const due of await dueReviews(db, before, column)) {
    await inTransaction(db, async (tx) => {
      const claimed = await tx
        .updateTable('order_holds')
        .set({ [column]: now })
        .where('order_id', '=', due.order_id)
        .where(column, 'is', null)
        .where('review_since', '<=', before)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const screenshot = await tx
        .selectFrom('payment_proofs')
        .select('id')
        .where('order_id', '=', due.order_id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      await mailStaff(
        tx,
        step === 'notice' ? ['staff', 'admin'] : ['admin'],
        step === 'notice' ? 'staff-review-waiting' : 'staff-review-overdue',
        { id: due.order_id, number: due.number },
        {
          waitingMinutes: Math.floor((now - Number(due.review_since)) / MINUTE),
          why: screenshot ? 'screenshot' : 'mismatch',
          releaseAfterHours: Math.round(limits.reviewReleaseMinutes / 60),
        },
      );
    });
  }
}

async function releaseOverdue(db: Db, limits: HoldLimits, now: number) {
  const before = now - limits.reviewReleaseMinutes * MINUTE;
  for (const due of await dueReviews(db, before, 'stock_released_at')) {
    await inTransaction(db, async (tx) => {
      // The order's lock first, as every change of an order takes it: a staff decision racing with this waits.
      const locked = await tx
        .updateTable('orders')
        .set({ updated_at: now })
        .where('id', '=', due.order_id)
        .where('status', '=', 'payment_review')
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) !== 1) return;
      const claimed = await tx
        .updateTable('order_holds')
        .set({ stock_released_at: now })
        .where('order_id', '=', due.order_id)
        .where('stock_released_at', 'is', null)
        .where('review_since', '<=', before)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const order = (await findOrderRow(tx, due.order_id))!;
      await releaseReviewedStock(tx, order, now);
      const hours = Math.round(limits.reviewReleaseMinutes / 60);
      await addEvent(
        tx,
        order.id,
        'payment_review',
        'payment_review',
        'system',
        null,
        `no decision after ${hours} hours in review: the reserved stock went back on sale; ` +
          'accepting the payment sells from what is in stock then',
        now,
      );
      await recordAudit(
        tx,
        systemActor,
        {
          action: 'order.review_stock_released',
          entity: 'order',
          entityId: order.id,
          after: { reviewSince: Number(due.review_since), afterMinutes: limits.reviewReleaseMinutes },
        },
        now,
      );
    });
  }
}

async function endHoldsWithoutQr(db: Db, now: number) {
  const ended = await db
    .selectFrom('order_holds as h')
    .innerJoin('orders as o', 'o.id', 'h.order_id')
    .select('o.id')
    .where('o.status', '=', 'pending_payment')
    .where('h.ends_at', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payments as p')
            .select('p.id')
            .whereRef('p.order_id', '=', 'o.id')
            .where('p.status', 'in', ['pending', 'superseded']),
        ),
      ),
    )
    .limit(BATCH)
    .execute();
  for (const { id } of ended) {
    await inTransaction(db, async (tx) => {
      // A screenshot waiting for staff may be the payment: staff decide, as when a last QR runs out.
      const proof = await tx
        .selectFrom('payment_proofs')
        .select('id')
        .where('order_id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      await transitionOrder(tx, {
        orderId: id,
        to: proof ? 'payment_review' : 'expired',
        actor: 'system',
        actorId: null,
        reason: proof
          ? 'its hold ended; a payment screenshot waits for staff'
          : 'its hold ended with no QR left to pay',
      });
    }).catch((error: unknown) => {
      // Moved meanwhile (paid, cancelled by staff): nothing to end.
      if (!(error instanceof Conflict)) throw error;
    });
  }
}
