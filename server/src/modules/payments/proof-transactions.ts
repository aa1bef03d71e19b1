import { isUniqueViolation } from '../../db/errors';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { orderPaidByTransaction, setProofTransactionRef } from './proofs-repo';

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
  const usedBy = await orderPaidByTransaction(tx, ref);
  if (usedBy)
    throw new Conflict(
      `This transaction already paid order ${usedBy}: the screenshot shows a payment used twice`,
      {
        transactionRef: `already paid order ${usedBy}`,
      },
    );
  try {
    await setProofTransactionRef(tx, proofId, ref);
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
