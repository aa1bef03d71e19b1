import type {
  OrderStatus,
  PaymentMethod,
  PaymentReviewItem,
  ReconcilePaymentInput,
  ReconciliationItem,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer, type PageRequest } from '../../db/paging';
import { inTransaction } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import {
  findPaymentWithOrder,
  isToReconcile,
  markReconciled,
  pageOfMismatches,
  pageOfPaymentsToReconcile,
  paymentAuditNotes,
  type PaymentWithOrder,
} from './reconciliation-repo';

/**
 * Payments staff check by hand. In review: KHQRs paid, but not as asked (amount, currency, account), shown with what
 * Bakong reported; the order itself is settled by moving it (paid, back to pending, cancelled). To reconcile: money
 * the server could not vouch for (docs/decisions/0006-counter-khqr.md), matched with the bank statement or sent back,
 * recorded once with a note and an audit row.
 */
export async function listPaymentsInReview(
  db: Db,
  query: PageRequest & { state: 'open' | 'all' },
): Promise<{ items: PaymentReviewItem[]; total: number; page: number; pageSize: number }> {
  const found = await pageOfMismatches(db, query.state, query);
  const notes = await paymentAuditNotes(
    db,
    found.rows.map((r) => r.id),
    ['payment.mismatch'],
  );
  return pageAnswer(
    found,
    (row) =>
      toPaymentReviewItem(
        row,
        notes.find((n) => n.entity_id === row.id),
      ),
    query,
  );
}

/** A mismatch with the payment job's note about it (its audit row): the differences it found, and when. */
function toPaymentReviewItem(
  row: PaymentWithOrder,
  note: { after_json: string | null; created_at: number } | undefined,
): PaymentReviewItem {
  const written = parseNote(note?.after_json);
  return {
    id: row.id,
    order: orderOf(row),
    deviceId: row.device_id ?? null,
    customer: row.order_id
      ? {
          id: row.customer_id,
          name: row.customer_name ?? '',
          email: row.customer_email,
          phone: row.customer_phone,
        }
      : null,
    asked: { amount: Number(row.amount_minor), currency: row.currency === 'KHR' ? 'KHR' : 'USD' },
    reported: {
      amount: row.reported_amount_minor == null ? null : Number(row.reported_amount_minor),
      currency: row.reported_currency ?? null,
      toAccountId: row.reported_account ?? null,
      hash: row.bakong_hash,
    },
    problems: Array.isArray(written.problems) ? written.problems.map(String) : [],
    md5: row.md5,
    foundAt: Number(note?.created_at ?? row.updated_at),
    reconciledAt: row.reconciled_at == null ? null : Number(row.reconciled_at),
  };
}

export async function listPaymentsToReconcile(
  db: Db,
  query: PageRequest & { status: 'open' | 'reconciled' },
): Promise<{ items: ReconciliationItem[]; total: number; page: number; pageSize: number }> {
  const found = await pageOfPaymentsToReconcile(db, query.status, query);
  const problems = await problemsOf(db, found.rows);
  return pageAnswer(found, (row) => toReconciliationItem(row, problems.get(row.id)), query);
}

export async function reconcilePayment(
  db: Db,
  id: string,
  input: ReconcilePaymentInput,
  user: SignedInUser,
  actor: Actor,
): Promise<ReconciliationItem> {
  await inTransaction(db, async (tx) => {
    const now = Date.now();
    const change = {
      reconciled_at: now,
      reconciled_by: user.id,
      reconciliation_outcome: input.outcome,
      reconciliation_note: input.note,
    };
    if (!(await markReconciled(tx, id, change))) {
      if (!(await isToReconcile(tx, id))) throw new NotFound('There is no such payment to reconcile');
      throw new Conflict('This payment was reconciled already', { id: 'already reconciled' });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.reconciled',
        entity: 'payment',
        entityId: id,
        before: { reconciled: false },
        after: { reconciled: true, outcome: input.outcome, note: input.note },
      },
      now,
    );
  });
  const row = (await findPaymentWithOrder(db, id))!;
  return toReconciliationItem(row, (await problemsOf(db, [row])).get(id));
}

/** Why the server could not vouch for each payment, as the counter push or the payment job recorded it. */
async function problemsOf(db: Db, rows: PaymentWithOrder[]): Promise<Map<string, AuditedProblem>> {
  const notes = await paymentAuditNotes(
    db,
    rows.map((r) => r.id),
    ['pos.khqr_unverified', 'payment.mismatch'],
  );
  const problems = new Map<string, AuditedProblem>();
  for (const note of notes) {
    const written = parseNote(note.after_json);
    const problem =
      typeof written.problem === 'string'
        ? written.problem
        : Array.isArray(written.problems)
          ? written.problems.map(String).join(', ')
          : null;
    if (problem && note.entity_id) problems.set(note.entity_id, { action: note.action, problem });
  }
  return problems;
}

interface AuditedProblem {
  action: string;
  problem: string;
}

function toReconciliationItem(row: PaymentWithOrder, noted: AuditedProblem | undefined): ReconciliationItem {
  const kind =
    row.status === 'mismatch'
      ? 'mismatch'
      : noted?.action === 'pos.khqr_unverified'
        ? 'unverified'
        : row.md5 !== null
          ? 'unclaimed'
          : 'static_qr';
  return {
    id: row.id,
    kind,
    problem: noted?.problem ?? null,
    order: row.order_id
      ? { id: row.order_id, number: row.order_number ?? '', receiptNumber: row.receipt_number ?? null }
      : null,
    deviceId: row.device_id ?? null,
    method: row.method as PaymentMethod,
    currency: row.currency === 'KHR' ? 'KHR' : 'USD',
    amount: Number(row.amount_minor),
    md5: row.md5,
    bakongHash: row.bakong_hash,
    receivedBy: row.received_by ? { id: row.received_by, name: row.received_by_name ?? '' } : null,
    paidAt: row.paid_at === null ? null : Number(row.paid_at),
    createdAt: Number(row.created_at),
    reconciled:
      row.reconciled_at == null
        ? null
        : {
            at: Number(row.reconciled_at),
            by: row.reconciled_by ? { id: row.reconciled_by, name: row.reconciled_by_name ?? '' } : null,
            outcome: row.reconciliation_outcome === 'refunded' ? 'refunded' : 'matched',
            note: row.reconciliation_note ?? '',
          },
  };
}

function orderOf(row: PaymentWithOrder) {
  return row.order_id
    ? { id: row.order_id, number: row.order_number ?? '', status: row.order_status as OrderStatus }
    : null;
}

/** An audit row's `after`, read defensively: it is history, written by several versions of the server. */
function parseNote(json: string | null | undefined): { problem?: unknown; problems?: unknown[] } {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}
