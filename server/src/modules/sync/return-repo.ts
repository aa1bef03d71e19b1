import type {
  CounterRefundTable,
  CounterReturnLineTable,
  CounterReturnTable,
  OrderTable,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';

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

/** The sale's lines with how many units of each were returned already, and whether the product is serialized. */
export async function saleLinesWithReturns(tx: Tx, orderId: string) {
  return tx
    .selectFrom('order_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select([
      'i.id',
      'i.product_id',
      'i.quantity',
      'i.cancelled_quantity',
      'i.line_total_cents',
      'p.name',
      'p.serialized',
      (eb) =>
        eb
          .selectFrom('counter_return_lines as r')
          .select((c) => c.fn.coalesce(c.fn.sum<number | string>('r.quantity'), c.val(0)).as('n'))
          .whereRef('r.order_item_id', '=', 'i.id')
          .as('returned'),
    ])
    .where('i.order_id', '=', orderId)
    .orderBy('i.id')
    .execute();
}

/**
 * Takes the sale's row lock (a no-op write) before its returns are counted, so two returns against one sale are
 * counted one after the other and cannot both take back its last unit.
 */
export async function lockSale(tx: Tx, orderId: string, now: number): Promise<void> {
  await tx.updateTable('orders').set({ updated_at: now }).where('id', '=', orderId).execute();
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
}
