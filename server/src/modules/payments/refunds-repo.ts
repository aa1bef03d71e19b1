import type { RefundOwedStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';
import type { RefundOwedTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of money owed back to customers. */

export async function insertRefundOwed(tx: Tx, row: RefundOwedTable): Promise<void> {
  await tx.insertInto('refunds_owed').values(row).execute();
}

/** Marks an open record refunded; true for the one caller that did. */
export async function markRefundOwedRefunded(
  tx: Tx,
  id: string,
  change: Pick<RefundOwedTable, 'refunded_by' | 'refunded_at' | 'note'>,
): Promise<boolean> {
  const marked = await tx
    .updateTable('refunds_owed')
    .set({ status: 'refunded', ...change })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) === 1;
}

export async function refundOwedExists(tx: Tx, id: string): Promise<boolean> {
  const row = await tx.selectFrom('refunds_owed').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** A record with its order and customer, and who marked it refunded. */
function refundItems(db: Db) {
  return db
    .selectFrom('refunds_owed as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .leftJoin('users as u', 'u.id', 'r.refunded_by')
    .selectAll('r')
    .select([
      'o.number as order_number',
      'o.user_id as customer_id',
      'o.customer_name',
      'o.customer_email',
      'o.customer_phone',
      'u.name as refunded_by_name',
    ]);
}

export type RefundRow = Awaited<ReturnType<ReturnType<typeof refundItems>['executeTakeFirstOrThrow']>>;

export async function findRefundItem(db: Db, id: string): Promise<RefundRow> {
  return refundItems(db).where('r.id', '=', id).executeTakeFirstOrThrow();
}

/** Every record of money owed back for one order, oldest first: the back office's order page. */
export async function refundItemsOfOrder(db: Db, orderId: string): Promise<RefundRow[]> {
  return refundItems(db).where('r.order_id', '=', orderId).orderBy('r.found_at').orderBy('r.id').execute();
}

/** What is still owed (oldest first), or what was refunded (newest first). */
export async function pageOfRefundItems(
  db: Db,
  status: RefundOwedStatus,
  page: PageRequest,
): Promise<PageOf<RefundRow>> {
  return pageOf(
    refundItems(db)
      .where('r.status', '=', status)
      .$call((q) =>
        status === 'open'
          ? q.orderBy('r.found_at', 'asc').orderBy('r.id', 'asc')
          : q.orderBy('r.refunded_at', 'desc').orderBy('r.id', 'desc'),
      ),
    db.selectFrom('refunds_owed').where('status', '=', status),
    page,
  );
}
