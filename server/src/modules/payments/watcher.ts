import { randomUUID } from 'node:crypto';
import { statusWhenPaid, type OrderStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import type { Logger } from '../../logger';
import { recordAudit, systemActor } from '../audit/audit';
import { watchHolds } from '../orders/hold-deadlines';
import { findOrderRow } from '../orders/repo';
import type { OrderMailer } from '../orders/notifications';
import { transitionOrder } from '../orders/service';
import { releaseLapsedPreOrders } from '../pre-orders/lapse';
import { addDepositPaid } from '../pre-orders/repo';
import type { BakongCheck, BakongClient, BakongTransaction } from './bakong-client';
import { flagUnclaimedCounterKhqrs, recordCounterKhqrVerdict } from './counter-khqr';
import { decodeKhqr } from './khqr';
import { findPendingProof } from './proofs-repo';
import { recordRefundOwed } from './refunds-owed';
import { claimQr, closeQr, dueQrs, latestKhqrPayment, releaseQrClaim, type KhqrPayment } from './repo';

/**
 * The payment job: asks Bakong about every open payment and acts on the answer. Each due payment is claimed with a
 * conditional update first, so several server processes on one database never check the same one at once.
 *
 * - paid, to our account, in the right currency and amount → the order becomes paid (stock sold).
 * - paid, but not as asked (a wallet settling a USD QR from KHR, a wrong amount) → staff review; never paid, never lost.
 * - not found → still pending; after expiry plus grace, the order expires and its stock is given back.
 * - Bakong unreachable or refusing (401/403/5xx/timeout) → unknown: back off and ask again; never treated as unpaid,
 *   so an order is never expired on an unknown answer.
 * - paid to our account for an order no longer waiting (cancelled, expired, paid already) → money owed back: recorded
 *   for staff to refund (refunds-owed.ts).
 *
 * Each pass also watches holds of unpaid orders: reviews that keep stock, holds past their lifetime (orders/hold-deadlines.ts),
 * and arrived pre-orders whose units waited past the shop's deadline (pre-orders/lapse.ts).
 *
 * Counters' online KHQRs (counter-khqr.ts) are payment rows without an order until their sale is pushed: the same
 * checks mark them paid, mismatch or expired, and a paid one no sale claims within a day is flagged for staff.
 */
export interface PaymentWatcher {
  runOnce(now?: number): Promise<number>;
  stop(): Promise<void>;
}

const CLAIM_MS = 60_000;
const BATCH = 50;
const CHECK_EVERY_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function startPaymentWatcher(deps: {
  db: Db;
  bakong: BakongClient;
  /** Tells customers and staff what the job did to their orders. */
  mailer: OrderMailer;
  logger: Logger;
  pollMs: number;
  instanceId?: string;
  autoStart?: boolean;
}): PaymentWatcher {
  const { db, bakong, logger, mailer } = deps;
  const me = deps.instanceId ?? randomUUID();
  let running: Promise<number> | null = null;
  let stopped = false;

  /** The job moves an order (paid, to review, expired) as the system, telling the customer. */
  const moveOrder = (tx: Tx, orderId: string, to: OrderStatus, reason: string) =>
    transitionOrder(tx, { orderId, to, actor: 'system', actorId: null, reason }, mailer);

  async function claimDue(now: number): Promise<KhqrPayment[]> {
    const claimed: KhqrPayment[] = [];
    for (const payment of await dueQrs(db, now, BATCH))
      if (await claimQr(db, payment.id, me, now, now + CLAIM_MS)) claimed.push(payment);
    return claimed;
  }

  async function pass(now: number): Promise<number> {
    const settled = await settleDue(now);
    await watchHolds(db, mailer, now).catch((error: unknown) =>
      logger.error({ err: error }, 'unpaid holds could not be checked; will retry'),
    );
    await releaseLapsedPreOrders(db, mailer, logger, now).catch((error: unknown) =>
      logger.error({ err: error }, 'lapsed pre-orders could not be released; will retry'),
    );
    await flagUnclaimedCounterKhqrs(db, logger, now).catch((error: unknown) =>
      logger.error({ err: error }, 'unclaimed counter KHQRs could not be checked; will retry'),
    );
    return settled;
  }

  async function settleDue(now: number): Promise<number> {
    const claimed = await claimDue(now);
    if (claimed.length === 0) return 0;
    const answers = await bakong.checkByMd5List(claimed.map((p) => p.md5)); // outside any transaction
    let settled = 0;
    for (const payment of claimed) {
      const answer: BakongCheck = answers.get(payment.md5) ?? { state: 'unknown', reason: 'bad_response' };
      try {
        settled += await act(payment, answer, now);
      } catch (error) {
        logger.error({ err: error, paymentId: payment.id }, 'payment check could not be applied; will retry');
        await release(payment, now + CHECK_EVERY_MS, payment.check_failures);
      }
    }
    return settled;
  }

  async function act(payment: KhqrPayment, answer: BakongCheck, now: number): Promise<number> {
    if (answer.state === 'unknown') {
      const failures = Number(payment.check_failures) + 1;
      if (answer.reason === 'unauthorized') {
        logger.error(
          { paymentId: payment.id },
          'Bakong refused our token (401): admins must renew BAKONG_TOKEN; payments stay pending',
        );
      } else {
        logger.warn(
          { paymentId: payment.id, reason: answer.reason, failures },
          'Bakong did not answer; payment stays pending',
        );
      }
      await release(payment, now + Math.min(CHECK_EVERY_MS * 2 ** failures, MAX_BACKOFF_MS), failures);
      return 0;
    }
    if (answer.state === 'paid') return settle(payment, answer.transaction, now);
    if (now <= Number(payment.watch_until)) {
      await release(payment, now + CHECK_EVERY_MS, 0);
      return 0;
    }
    return expire(payment, now);
  }

  async function settle(payment: KhqrPayment, transaction: BakongTransaction, now: number): Promise<number> {
    const asked = decodeKhqr(payment.qr);
    const problems = [
      transaction.toAccountId !== asked.accountId && `paid to ${transaction.toAccountId}`,
      transaction.currency !== payment.currency && `paid in ${transaction.currency}`,
      transaction.amountMinor !== Number(payment.amount_minor) &&
        `paid ${transaction.amountMinor} instead of ${payment.amount_minor}`,
    ].filter((p): p is string => Boolean(p));
    await inTransaction(db, async (tx) => {
      const marked = await closeQr(tx, payment.id, {
        status: problems.length ? 'mismatch' : 'paid',
        bakong_hash: transaction.hash,
        paid_at: problems.length ? null : now,
        updated_at: now,
        // Kept for staff reviewing a mismatch: what came, beside what the QR asked.
        ...(problems.length > 0 && {
          reported_amount_minor: transaction.amountMinor,
          reported_currency: transaction.currency,
          reported_account: transaction.toAccountId,
        }),
      });
      if (!marked) return;
      // A counter's request waits for its sale to be pushed (counter-khqr.ts): no order to move yet.
      if (payment.order_id === null)
        return recordCounterKhqrVerdict(tx, payment, { hash: transaction.hash, problems }, now);
      const order = (await findOrderRow(tx, payment.order_id))!;
      const paidTo = statusWhenPaid(order.status as OrderStatus);
      const waiting = paidTo !== null || order.status === 'payment_review';
      // Money that reached our account for an order that no longer takes it is the customer's.
      if (!waiting && transaction.toAccountId === asked.accountId)
        await recordRefundOwed(mailer, tx, payment, transaction, order, now);
      if (problems.length) {
        if (order.status === 'pending_payment') {
          await moveOrder(
            tx,
            payment.order_id,
            'payment_review',
            `Bakong payment does not match: ${problems.join(', ')}`,
          );
        }
        await recordAudit(tx, systemActor, {
          action: 'payment.mismatch',
          entity: 'payment',
          entityId: payment.id,
          after: { problems, hash: transaction.hash },
        });
        return;
      }
      if (paidTo !== null) {
        // A pre-order's deposit places it (pre-orders/service.ts); the rest, or a whole order, pays it.
        if (order.status === 'preorder_deposit')
          await addDepositPaid(tx, payment.order_id, Number(payment.amount_minor));
        await moveOrder(tx, payment.order_id, paidTo, `KHQR paid (Bakong ${transaction.hash})`);
      } else {
        // Money for an order no longer waiting (owed back above), or for one in review: staff decide.
        await recordAudit(tx, systemActor, {
          action: 'payment.late',
          entity: 'payment',
          entityId: payment.id,
          after: { orderStatus: order.status, hash: transaction.hash },
        });
        logger.warn(
          { paymentId: payment.id, orderId: payment.order_id, orderStatus: order.status },
          waiting
            ? 'payment received for an order in review: staff decide'
            : 'payment received for an order that is not waiting for it: recorded as owed back',
        );
      }
    });
    return 1;
  }

  async function expire(payment: KhqrPayment, now: number): Promise<number> {
    await inTransaction(db, async (tx) => {
      if (!(await closeQr(tx, payment.id, { status: 'expired', updated_at: now }))) return;
      if (payment.order_id === null) return; // a counter's request: the counter sees it expired and takes no money
      // Only the newest QR's end ends the order: an older one running out while a renewed one is open changes nothing.
      const newest = await latestKhqrPayment(tx, payment.order_id);
      const order = (await findOrderRow(tx, payment.order_id))!;
      // A pre-order's deposit not paid in time ends it; the rest of an arrived one waits for its own deadline.
      if (newest?.id === payment.id && order.status === 'preorder_deposit')
        await moveOrder(tx, payment.order_id, 'expired', 'Deposit KHQR not paid in time');
      if (newest?.id === payment.id && order.status === 'pending_payment') {
        // A screenshot waiting for staff may be the payment: hold the stock for their decision instead of expiring.
        const proof = await findPendingProof(tx, payment.order_id);
        await moveOrder(
          tx,
          payment.order_id,
          proof ? 'payment_review' : 'expired',
          proof ? 'QR expired; a payment screenshot waits for staff' : 'KHQR not paid in time',
        );
      }
    });
    return 1;
  }

  async function release(payment: KhqrPayment, nextCheckAt: number, failures: number): Promise<void> {
    await releaseQrClaim(db, payment.id, me, nextCheckAt, failures);
  }

  const runOnce = (now = Date.now()) => {
    running ??= pass(now).finally(() => (running = null));
    return running;
  };

  let timer: NodeJS.Timeout | null = null;
  const loop = () => {
    if (stopped) return;
    runOnce()
      .catch((error: unknown) => logger.error({ err: error }, 'payment job pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, deps.pollMs);
      });
  };
  if (deps.autoStart !== false) timer = setTimeout(loop, deps.pollMs);

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
