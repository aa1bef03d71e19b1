import { usdCentsToKhr } from '@shop/shared';
import type { Tx } from '../../db/transaction';
import { latestKhqrPayment, latestPaidKhqrPayment } from '../payments/repo';
import { chargeCancellationsSince, findOrderRow, setOrderAmounts } from './repo';

/**
 * Lines cancelled before payment lower the total and replace the KHQR (line-cancellation.ts), but the replaced QR
 * stays payable until it expires: money must never be lost. When the QR that was paid is older than some of those
 * cancellations, the customer paid for them too: the total goes back up to what was paid and their value becomes
 * refund owed (counted in the UPDATE itself, see `chargeCancellationsSince`). Runs as an order becomes paid.
 */
export async function chargeLinesCancelledAfterPaidQr(
  tx: Tx,
  orderId: string,
): Promise<{ totalCents: number; refundOwedCents: number } | null> {
  const paidWith =
    (await latestPaidKhqrPayment(tx, orderId)) ??
    // Staff accepting a payment in review: the newest QR is the one they looked at.
    (await latestKhqrPayment(tx, orderId));
  if (!paidWith) return null;
  await chargeCancellationsSince(tx, orderId, Number(paidWith.created_at));
  const order = (await findOrderRow(tx, orderId))!;
  if (Number(order.refund_owed_cents) === 0) return null;
  await setOrderAmounts(tx, orderId, {
    total_khr: usdCentsToKhr(Number(order.total_cents), Number(order.riel_per_usd)),
  });
  return { totalCents: Number(order.total_cents), refundOwedCents: Number(order.refund_owed_cents) };
}
