import { sql } from 'kysely';
import type {
  CounterRefundTable,
  CounterReturnLineTable,
  CounterReturnTable,
  OrderTable,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { linesWithSerialized } from '../orders/repo';
import { markSalesDaysStale } from '../reports/rollups-repo';

/** The SQL of returns at the counter: the sale returned against, what was returned of it before, the return. */

/** The order of a sale, by its pushed item id (applied) or by the order's own id. */
export async function findSaleOrder(tx: Tx, saleId: string): Promise<OrderTable | undefined> {
  const pushed = await tx
    .selectFrom('sync_items')
    .select('order_id')
    .where('id', '=', saleId)
    .where('type', '=', 'sale')
    .where('status', '=', 'applied')
    .executeTakeFirst();
  const orderId = pushed?.order_id ?? saleId;
  return tx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}

/** The sale's lines with whether their product is serialized (returned units as this transaction last saw them). */
export async function saleLines(tx: Tx, orderId: string) {
  return linesWithSerialized(tx, orderId)
    .select(['i.returned_quantity', 'i.line_total_cents', 'p.name'])
    .orderBy('i.id')
    .execute();
}

/**
 * Takes back `n` units of a sale line if it still has them (sold, not cancelled, not returned before): one
 * conditional update, decided by the database on the current row, so concurrent returns cannot both take the last.
 */
export async function takeBackUnits(tx: Tx, orderItemId: string, n: number): Promise<boolean> {
  const taken = await tx
    .updateTable('order_items')
    .set((eb) => ({ returned_quantity: eb('returned_quantity', '+', n) }))
    .where('id', '=', orderItemId)
    .where(sql<boolean>`quantity - cancelled_quantity - returned_quantity >= ${n}`)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function insertReturn(
  tx: Tx,
  row: CounterReturnTable,
  lines: CounterReturnLineTable[],
  refunds: CounterRefundTable[],
): Promise<void> {
  await tx.insertInto('counter_returns').values(row).execute();
  await tx.insertInto('counter_return_lines').values(lines).execute();
  if (refunds.length) await tx.insertInto('counter_refunds').values(refunds).execute();
  await markSalesDaysStale(tx, [row.at]);
}
