import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';
import type { Database, PaymentTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/**
 * The SQL of the back office's payment lists: KHQRs paid but not as asked (review), and payments the server could not
 * vouch for, to match with the bank statement (reconciliation).
 */

type PaymentsEb = ExpressionBuilder<Database & { p: PaymentTable }, 'p'>;

/** Money to match with the statement: flagged payments, and counter KHQRs paid wrongly (no order to review them). */
const toReconcile = (eb: PaymentsEb) =>
  eb.or([
    eb('p.needs_reconciliation', '=', 1),
    eb.and([eb('p.status', '=', 'mismatch'), eb('p.order_id', 'is', null)]),
  ]);

function paymentsWithOrder(db: Db | Tx) {
  return db
    .selectFrom('payments as p')
    .leftJoin('orders as o', 'o.id', 'p.order_id')
    .leftJoin('users as r', 'r.id', 'p.received_by')
    .leftJoin('users as rb', 'rb.id', 'p.reconciled_by')
    .selectAll('p')
    .select([
      'o.number as order_number',
      'o.status as order_status',
      'o.receipt_number',
      'o.user_id as customer_id',
      'o.customer_name',
      'o.customer_email',
      'o.customer_phone',
      'r.name as received_by_name',
      'rb.name as reconciled_by_name',
    ]);
}

export type PaymentWithOrder = Awaited<
  ReturnType<ReturnType<typeof paymentsWithOrder>['executeTakeFirstOrThrow']>
>;

/**
 * KHQRs paid but not as asked. Open: the order still waits in review, or a counter's QR (no order) not yet settled;
 * oldest first. All: newest first.
 */
export async function pageOfMismatches(
  db: Db,
  state: 'open' | 'all',
  page: PageRequest,
): Promise<PageOf<PaymentWithOrder>> {
  const onlyOpen = state === 'open';
  const rows = paymentsWithOrder(db)
    .where('p.method', '=', 'khqr')
    .where('p.status', '=', 'mismatch')
    .$if(onlyOpen, (q) => q.where((eb) => stillOpen(eb)))
    .$call((q) =>
      onlyOpen
        ? q.orderBy('p.updated_at', 'asc').orderBy('p.id', 'asc')
        : q.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc'),
    );
  const count = db
    .selectFrom('payments as p')
    .leftJoin('orders as o', 'o.id', 'p.order_id')
    .where('p.method', '=', 'khqr')
    .where('p.status', '=', 'mismatch')
    .$if(onlyOpen, (q) => q.where((eb) => stillOpen(eb)));
  return pageOf(rows, count, page);
}

/** A mismatch staff have not settled: its order still in review, or a counter's QR (no order) not reconciled. */
function stillOpen(eb: ExpressionBuilder<Database & { p: PaymentTable; o: Database['orders'] }, 'p' | 'o'>) {
  return eb.or([
    eb('o.status', '=', 'payment_review'),
    eb.and([eb('p.order_id', 'is', null), eb('p.reconciled_at', 'is', null)]),
  ]);
}

/** Payments to reconcile: open ones oldest first, reconciled ones newest reconciliation first. */
export async function pageOfPaymentsToReconcile(
  db: Db,
  status: 'open' | 'reconciled',
  page: PageRequest,
): Promise<PageOf<PaymentWithOrder>> {
  const settled = status === 'reconciled';
  const rows = paymentsWithOrder(db)
    .where(toReconcile)
    .where('p.reconciled_at', settled ? 'is not' : 'is', null)
    .$call((q) =>
      settled
        ? q.orderBy('p.reconciled_at', 'desc').orderBy('p.id', 'desc')
        : q.orderBy('p.created_at', 'asc').orderBy('p.id', 'asc'),
    );
  const count = db
    .selectFrom('payments as p')
    .where(toReconcile)
    .where('p.reconciled_at', settled ? 'is not' : 'is', null);
  return pageOf(rows, count, page);
}

export async function findPaymentWithOrder(db: Db | Tx, id: string): Promise<PaymentWithOrder | undefined> {
  return paymentsWithOrder(db).where('p.id', '=', id).executeTakeFirst();
}

/** Settles a payment still to reconcile; true for the one caller that settled it. */
export async function markReconciled(
  tx: Tx,
  id: string,
  change: Required<
    Pick<PaymentTable, 'reconciled_at' | 'reconciled_by' | 'reconciliation_outcome' | 'reconciliation_note'>
  >,
): Promise<boolean> {
  const result = await tx
    .updateTable('payments as p')
    .set({ ...change, updated_at: change.reconciled_at! })
    .where('p.id', '=', id)
    .where('p.reconciled_at', 'is', null)
    .where(toReconcile)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the payment is one staff reconcile (settled or not): tells a 409 from a 404. */
export async function isToReconcile(tx: Tx, id: string): Promise<boolean> {
  const row = await tx
    .selectFrom('payments as p')
    .select('p.id')
    .where('p.id', '=', id)
    .where(toReconcile)
    .executeTakeFirst();
  return row !== undefined;
}

/** What the payment job and counters wrote about these payments (why flagged, what did not match), oldest first. */
export async function paymentAuditNotes(db: Db, paymentIds: string[], actions: string[]) {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom('audit_log')
    .select(['entity_id', 'action', 'after_json', 'created_at'])
    .where('entity', '=', 'payment')
    .where('entity_id', 'in', paymentIds)
    .where('action', 'in', actions)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
