import { isUniqueViolation } from '../../db/errors';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';

/**
 * One bank transaction pays one order. The same picture sent twice is caught by its hash at upload (proofs.ts); the
 * same transaction shown in another picture (cropped, re-saved, a photo of the screen) only by its transaction id,
 * which staff read on the screenshot when accepting it. Ids are compared without case or spaces, as bank apps
 * print them differently; a Bakong hash of a KHQR the server saw paid counts too.
 */
export function normalizeTransactionRef(ref: string): string {
  return ref.replace(/\s+/g, '').toLowerCase();
}

/** Records the transaction on an accepted proof, or refuses (409) one that already paid an order. */
export async function claimTransaction(tx: Tx, proofId: string, typed: string): Promise<string> {
  const ref = normalizeTransactionRef(typed);
  const usedBy = await orderPaidBy(tx, ref);
  if (usedBy)
    throw new Conflict(
      `This transaction already paid order ${usedBy}: the screenshot shows a payment used twice`,
      {
        transactionRef: `already paid order ${usedBy}`,
      },
    );
  try {
    await tx.updateTable('payment_proofs').set({ transaction_ref: ref }).where('id', '=', proofId).execute();
  } catch (error) {
    // Another reviewer accepted a screenshot of the same transaction at this very moment: the unique index decides.
    if (isUniqueViolation(error))
      throw new Conflict('This transaction was just accepted for another order', {
        transactionRef: 'already used',
      });
    throw error;
  }
  return ref;
}

async function orderPaidBy(tx: Tx, ref: string): Promise<string | undefined> {
  const proof = await tx
    .selectFrom('payment_proofs as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select('o.number')
    .where('p.transaction_ref', '=', ref)
    .executeTakeFirst();
  if (proof) return proof.number;
  const paid = await tx
    .selectFrom('payments as p')
    .leftJoin('orders as o', 'o.id', 'p.order_id')
    .select(['o.number', 'p.id'])
    .where('p.bakong_hash', '=', ref)
    .executeTakeFirst();
  return paid ? (paid.number ?? `(counter KHQR ${paid.id})`) : undefined;
}
