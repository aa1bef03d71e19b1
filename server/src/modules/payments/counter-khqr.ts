import type { CounterKhqr, CounterKhqrBody, CounterKhqrState, SalePayment } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, Conflict, Invalid, NotFound, RateLimited } from '../../http/errors';
import type { Logger } from '../../logger';
import { recordAudit, systemActor } from '../audit/audit';
import type { CallingCounter } from '../devices/service';
import {
  countOpenRequests,
  findCounterKhqr,
  findCounterKhqrByMd5,
  flagForReconciliation,
  tieToOrder,
  unclaimedPaidRequests,
  type CounterKhqrRow,
} from './counter-khqr-repo';
import { buildKhqr, KhqrError } from './khqr';
import { getMerchantAccount, KHQR_LIFETIME_MS } from './merchant';
import { insertPayment, pendingKhqr, type KhqrPayment } from './repo';
import type { PaymentPolicy } from './service';

/**
 * A counter's online KHQR (decision 0006). The counter asks for a dynamic KHQR of the shop's account before its sale
 * exists on the server; the request is a payment row with the device and no order, watched by the one payment job
 * like every other QR (watcher.ts), and paid only when Bakong reports the exact amount and currency to our account.
 * When the counter pushes the sale, the paid request becomes that order's payment (`tieSalePayment`); one that no sale
 * claims within a day is flagged for staff to reconcile (the customer paid and may be owed the money back).
 */
/** How long a paid request may wait for its sale (a counter offline for hours still pushes within the day). */
export const UNCLAIMED_AFTER_MS = 24 * 60 * 60_000;
const UNCLAIMED_BATCH = 50;
/**
 * KHQRs a counter may have waiting at once (asked, unpaid, unexpired). A till shows one QR per sale and a QR lasts
 * 15 minutes, so even abandoned ones leave a busy counter far below this; more is a looping app or a stolen token,
 * whose requests would otherwise fill the payment job's rounds and hold up the web shop's confirmations.
 */
export const OPEN_REQUESTS_PER_COUNTER = 20;

export async function requestCounterKhqr(
  db: Db,
  counter: CallingCounter,
  body: CounterKhqrBody,
  policy: PaymentPolicy,
  now = Date.now(),
): Promise<CounterKhqr> {
  const existing = await findCounterKhqr(db, body.id);
  if (existing) return sameRequest(existing, counter, body, now);
  // Checked before the insert, not with it: requests racing past the limit are few, and the limit is about floods.
  if ((await countOpenRequests(db, counter.id, now)) >= OPEN_REQUESTS_PER_COUNTER)
    throw new RateLimited(
      60,
      'This counter has too many KHQRs waiting to be paid: use the static QR, or wait for some to expire.',
    );
  const account = await getMerchantAccount(db, { allowDemo: policy.allowDemoAccount }).catch(
    (error: unknown) => {
      if (error instanceof KhqrError)
        throw new AppError('unavailable', 503, "The shop's KHQR account is not set up: use the static QR.");
      throw error;
    },
  );
  const expiresAt = now + KHQR_LIFETIME_MS;
  let built: { qr: string; md5: string };
  try {
    built = buildKhqr({
      account,
      currency: body.currency,
      amountMinor: body.amount,
      // The sale has no number yet: the request's own id names it on the customer's bank statement.
      billNumber: `POS-${body.id.slice(-12)}`,
      expiresAt,
      terminalLabel: 'POS',
    });
  } catch (error) {
    if (error instanceof KhqrError)
      throw new Invalid(error.message, { [error.field ?? 'amount']: error.message });
    throw error;
  }
  const row: CounterKhqrRow = {
    ...pendingKhqr({
      id: body.id,
      currency: body.currency,
      amountMinor: body.amount,
      built,
      expiresAt,
      graceMs: policy.graceMs,
      now,
    }),
    order_id: null,
    device_id: counter.id,
  };
  try {
    await inTransaction(db, async (tx) => {
      await insertPayment(tx, row);
      await recordAudit(
        tx,
        systemActor,
        {
          action: 'pos.khqr_requested',
          entity: 'payment',
          entityId: row.id,
          after: { deviceId: counter.id, amount: body.amount, currency: body.currency, md5: row.md5 },
        },
        now,
      );
    });
  } catch (error) {
    // The same id asked twice at once (a retry racing the first try), or an id some other payment already has.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findCounterKhqr(db, body.id);
    if (!winner) throw new Conflict('This id belongs to another payment');
    return sameRequest(winner, counter, body, now);
  }
  return { ...stateOf(row, now), khqr: row.qr };
}

/** A request asked again: the same answer for the same device and content, 409 for anything else. */
function sameRequest(
  row: CounterKhqrRow,
  counter: CallingCounter,
  body: CounterKhqrBody,
  now: number,
): CounterKhqr {
  if (
    row.device_id !== counter.id ||
    Number(row.amount_minor) !== body.amount ||
    row.currency !== body.currency
  )
    throw new Conflict('This KHQR id was already used for another amount or by another counter');
  return { ...stateOf(row, now), khqr: row.qr };
}

/** What the counter polls: the payment job's verdict, never Bakong's directly. Another device's request is 404. */
export async function counterKhqrState(
  db: Db,
  counter: CallingCounter,
  id: string,
  now = Date.now(),
): Promise<CounterKhqrState> {
  const row = await findCounterKhqr(db, id);
  if (!row || row.device_id !== counter.id) throw new NotFound('There is no such KHQR for this counter');
  return stateOf(row, now);
}

function stateOf(row: CounterKhqrRow, now: number): CounterKhqrState {
  // Money that arrived during the grace after expiry still counts: the payment job only marks what Bakong confirmed.
  const status =
    row.status === 'paid'
      ? 'paid'
      : row.status === 'pending' && Number(row.expires_at) > now
        ? 'pending'
        : 'expired';
  return {
    id: row.id,
    status,
    md5: row.md5,
    amount: Number(row.amount_minor),
    currency: row.currency as 'USD' | 'KHR',
    expiresAt: Number(row.expires_at),
    ...(row.status === 'mismatch' && {
      problem: 'Money arrived that does not match this QR: staff review it; take payment another way',
    }),
  };
}

/**
 * The payment job's verdict on a counter's request (the order branch of watcher.ts is for web orders): the row is
 * already marked paid or mismatch; this keeps the audit trail, as for orders.
 */
export async function recordCounterKhqrVerdict(
  tx: Tx,
  payment: KhqrPayment,
  verdict: { hash: string; problems: string[] },
  now: number,
): Promise<void> {
  await recordAudit(
    tx,
    systemActor,
    {
      action: verdict.problems.length ? 'payment.mismatch' : 'pos.khqr_paid',
      entity: 'payment',
      entityId: payment.id,
      after: { deviceId: payment.device_id, hash: verdict.hash, problems: verdict.problems },
    },
    now,
  );
}

/**
 * A pushed sale's KHQR payment that names an online request (by md5 or id): true when the paid request became the
 * order's payment. Otherwise the reason, and the sale keeps its payment flagged for reconciliation: a sale made at
 * the counter is a fact, but money the server never saw paid (unknown, unpaid, another counter's, already used by
 * another sale, another amount) is not trusted.
 */
export async function tieSalePayment(
  tx: Tx,
  sale: { deviceId: string; orderId: string; staffId: string; now: number },
  payment: SalePayment,
): Promise<true | string> {
  const byId = payment.khqrPaymentId ? await findCounterKhqr(tx, payment.khqrPaymentId) : undefined;
  const request = byId ?? (payment.md5 ? await findCounterKhqrByMd5(tx, payment.md5) : undefined);
  if (!request) return 'the server never made this KHQR';
  if (payment.md5 && payment.md5 !== request.md5) return 'the md5 and the KHQR id name different payments';
  if (request.device_id !== sale.deviceId) return 'this KHQR was made for another counter';
  if (request.order_id !== null) return `this KHQR already paid order ${request.order_id}`;
  if (request.status !== 'paid') return `the server has not seen this KHQR paid (${request.status})`;
  if (Number(request.amount_minor) !== payment.amount || request.currency !== payment.currency)
    return `the KHQR was for ${request.amount_minor} ${request.currency}, the sale says ${payment.amount} ${payment.currency}`;
  const tied = await tieToOrder(
    tx,
    { id: request.id, deviceId: sale.deviceId, amount: payment.amount, currency: payment.currency },
    { id: sale.orderId, staffId: sale.staffId, now: sale.now },
  );
  return tied || 'this KHQR was just used by another sale';
}

/** Paid requests no sale claimed within a day: flagged for staff (the customer paid; the sale may be lost or cancelled). */
export async function flagUnclaimedCounterKhqrs(db: Db, logger: Logger, now: number): Promise<number> {
  let flagged = 0;
  for (const request of await unclaimedPaidRequests(db, now - UNCLAIMED_AFTER_MS, UNCLAIMED_BATCH)) {
    const marked = await inTransaction(db, async (tx) => {
      if (!(await flagForReconciliation(tx, request.id, now))) return false;
      await recordAudit(
        tx,
        systemActor,
        {
          action: 'pos.khqr_unclaimed',
          entity: 'payment',
          entityId: request.id,
          after: {
            deviceId: request.device_id,
            amount: Number(request.amount_minor),
            currency: request.currency,
            hash: request.bakong_hash,
          },
        },
        now,
      );
      return true;
    });
    if (marked) {
      flagged++;
      logger.warn(
        { paymentId: request.id, deviceId: request.device_id },
        'a counter KHQR was paid but no sale claimed it within a day: flagged for reconciliation',
      );
    }
  }
  return flagged;
}
