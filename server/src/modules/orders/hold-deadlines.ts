import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { recordAudit, systemActor } from '../audit/audit';
import { findPendingProof } from '../payments/proofs-repo';
import { getHoldLimits, type HoldLimits } from './hold-limits';
import {
  claimReviewStep,
  dueReviews,
  endedHoldsWithoutQr,
  sweepEmptyCounters,
  type ReviewStep,
} from './holds-repo';
import { addEvent, findOrderRow, lockOrderIn } from './repo';
import { releaseReviewedStock } from './review-release';
import { transitionOrder } from './service';
import type { OrderMailer } from './notifications';
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

export async function watchHolds(db: Db, mailer: OrderMailer, now = Date.now()): Promise<void> {
  const limits = await getHoldLimits(db);
  await tellStaff(db, mailer, limits, now, 'notice');
  await tellStaff(db, mailer, limits, now, 'escalation');
  await releaseOverdue(db, limits, now);
  await endHoldsWithoutQr(db, mailer, now);
  await sweepEmptyCounters(db, now - EMPTY_COUNTER_TTL_MS);
}

async function tellStaff(
  db: Db,
  mailer: OrderMailer,
  limits: HoldLimits,
  now: number,
  step: 'notice' | 'escalation',
) {
  const minutes = step === 'notice' ? limits.reviewNoticeMinutes : limits.reviewEscalationMinutes;
  const column: ReviewStep = step === 'notice' ? 'review_noticed_at' : 'review_escalated_at';
  const before = now - minutes * MINUTE;
  for (const due of await dueReviews(db, before, column, BATCH)) {
    await inTransaction(db, async (tx) => {
      if (!(await claimReviewStep(tx, due.order_id, column, before, now))) return;
      const screenshot = await findPendingProof(tx, due.order_id);
      await mailStaff(
        mailer,
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
  for (const due of await dueReviews(db, before, 'stock_released_at', BATCH)) {
    await inTransaction(db, async (tx) => {
      // The order's lock first, as every change of an order takes it: a staff decision racing with this waits.
      if (!(await lockOrderIn(tx, due.order_id, ['payment_review'], now))) return;
      if (!(await claimReviewStep(tx, due.order_id, 'stock_released_at', before, now))) return;
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

async function endHoldsWithoutQr(db: Db, mailer: OrderMailer, now: number) {
  const ended = await endedHoldsWithoutQr(db, now, BATCH);
  for (const id of ended) {
    await inTransaction(db, async (tx) => {
      // A screenshot waiting for staff may be the payment: staff decide, as when a last QR runs out.
      const proof = await findPendingProof(tx, id);
      await transitionOrder(
        tx,
        {
          orderId: id,
          to: proof ? 'payment_review' : 'expired',
          actor: 'system',
          actorId: null,
          reason: proof
            ? 'its hold ended; a payment screenshot waits for staff'
            : 'its hold ended with no QR left to pay',
        },
        mailer,
      );
    }).catch((error: unknown) => {
      // Moved meanwhile (paid, cancelled by staff): nothing to end.
      if (!(error instanceof Conflict)) throw error;
    });
  }
}
