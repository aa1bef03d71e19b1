import type { PaymentProofStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';
import type { PaymentProofTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of payment screenshots and the staff's verification queue. */

export async function insertProof(tx: Tx, row: PaymentProofTable): Promise<void> {
  await tx.insertInto('payment_proofs').values(row).execute();
}

export async function findProof(db: Db | Tx, id: string) {
  return db
    .selectFrom('payment_proofs')
    .select(['id', 'order_id', 'storage_key'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A screenshot of the order still waiting for staff, if any. */
export async function findPendingProof(tx: Tx, orderId: string) {
  return tx
    .selectFrom('payment_proofs')
    .select('id')
    .where('order_id', '=', orderId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Every screenshot with this picture, oldest first (a reused screenshot is flagged to staff). */
export async function proofsWithImage(tx: Tx, sha256: string): Promise<PaymentProofTable[]> {
  return tx
    .selectFrom('payment_proofs')
    .selectAll()
    .where('sha256', '=', sha256)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function countProofsOf(tx: Tx, orderId: string): Promise<number> {
  const { n } = await tx
    .selectFrom('payment_proofs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The order's screenshots, newest first. */
export async function proofsOf(db: Db, orderId: string): Promise<PaymentProofTable[]> {
  return db
    .selectFrom('payment_proofs')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Staff's decision on a screenshot still pending; true for the one reviewer that made it. */
export async function decideProof(
  tx: Tx,
  id: string,
  decision: Pick<PaymentProofTable, 'status' | 'reason' | 'reviewed_by' | 'reviewed_at'>,
): Promise<boolean> {
  const decided = await tx
    .updateTable('payment_proofs')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(decided.numUpdatedRows) === 1;
}

/** Screenshots with their order, reviewer and the order the same picture was first sent for. */
function reviewItems(db: Db) {
  return db
    .selectFrom('payment_proofs as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .leftJoin('orders as d', 'd.id', 'p.duplicate_of_order_id')
    .leftJoin('users as r', 'r.id', 'p.reviewed_by')
    .selectAll('p')
    .select([
      'o.number as order_number',
      'o.status as order_status',
      'o.currency',
      'o.total_cents',
      'o.total_khr',
      'o.user_id as customer_id',
      'o.customer_name',
      'o.customer_email',
      'd.number as duplicate_of_order_number',
      'r.name as reviewer_name',
    ]);
}

export type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewItems>['executeTakeFirstOrThrow']>>;

export async function findReviewItem(db: Db, id: string): Promise<ReviewRow> {
  return reviewItems(db).where('p.id', '=', id).executeTakeFirstOrThrow();
}

/** Every screenshot of one order, newest first: the back office's order page. */
export async function reviewItemsOfOrder(db: Db, orderId: string): Promise<ReviewRow[]> {
  return reviewItems(db).where('p.order_id', '=', orderId).orderBy('p.created_at', 'desc').execute();
}

/** The verification queue (pending, oldest first) or what was decided (newest decision first). */
export async function pageOfReviewItems(
  db: Db,
  status: PaymentProofStatus,
  page: PageRequest,
): Promise<PageOf<ReviewRow>> {
  return pageOf(
    reviewItems(db)
      .where('p.status', '=', status)
      .$call((q) =>
        status === 'pending'
          ? q.orderBy('p.created_at', 'asc').orderBy('p.id', 'asc')
          : q.orderBy('p.reviewed_at', 'desc').orderBy('p.id', 'desc'),
      ),
    db.selectFrom('payment_proofs').where('status', '=', status),
    page,
  );
}

/** Records the bank transaction an accepted screenshot shows (unique: one transaction pays one order). */
export async function setProofTransactionRef(tx: Tx, proofId: string, ref: string): Promise<void> {
  await tx.updateTable('payment_proofs').set({ transaction_ref: ref }).where('id', '=', proofId).execute();
}

/**
 * The number of the order a bank transaction (normalized) already paid: by an accepted screenshot, or as the
 * Bakong hash of a paid KHQR (a counter's KHQR has no order: named by its payment).
 */
export async function orderPaidByTransaction(tx: Tx, ref: string): Promise<string | undefined> {
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
