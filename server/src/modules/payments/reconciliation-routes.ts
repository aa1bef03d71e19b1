import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { listPaymentsInReview, listPaymentsToReconcile, reconcilePayment } from './reconciliation';

export function reconciliationHandlers(
  db: Db,
): Handlers<'listPaymentsInReview' | 'listPaymentsToReconcile' | 'reconcilePayment'> {
  return {
    listPaymentsInReview: ({ query }) => listPaymentsInReview(db, query),
    listPaymentsToReconcile: ({ query }) => listPaymentsToReconcile(db, query),
    reconcilePayment: ({ params, body, user, actor }) => reconcilePayment(db, params.id, body, user, actor),
  };
}
