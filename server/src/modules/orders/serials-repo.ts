import type { Tx } from '../../db/transaction';

/**
 * The SQL of serial numbers as orders move them: sold at handover (handover.ts), back to stock or to RMA when a line
 * is cancelled (line-cancellation.ts). Every change is conditional on the status read, and callers compare the
 * matched-row count, so a serial is never sold twice.
 */

/** How many serials of each product were sold with the order (its number is their reference). */
export async function soldSerialCounts(tx: Tx, orderNumber: string) {
  return tx
    .selectFrom('serial_numbers')
    .select(['product_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('reference', '=', orderNumber)
    .where('status', '=', 'sold')
    .groupBy('product_id')
    .execute();
}

/** The serials of a product sold with the order. */
export async function soldSerialsOf(tx: Tx, productId: string, orderNumber: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('serial_numbers')
    .select('serial')
    .where('product_id', '=', productId)
    .where('reference', '=', orderNumber)
    .where('status', '=', 'sold')
    .execute();
  return rows.map((r) => r.serial);
}

/**
 * Which of `serials` of a product are in stock, as stored: callers compare them exactly, because MySQL's collation
 * would match "abc1" to "ABC1" and SQLite would not.
 */
export async function serialsInStock(tx: Tx, productId: string, serials: string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('serial_numbers')
    .select('serial')
    .where('product_id', '=', productId)
    .where('serial', 'in', serials)
    .where('status', '=', 'in_stock')
    .execute();
  return rows.map((r) => r.serial);
}

/** Moves serials of a product from status `from`; returns how many moved. */
export async function moveSerials(
  tx: Tx,
  productId: string,
  serials: string[],
  from: 'in_stock' | 'sold',
  changes: {
    status: 'sold' | 'in_stock' | 'rma';
    reference: string;
    sold_at: number | null;
    warranty_until: number | null;
    updated_at: number;
  },
): Promise<number> {
  const updated = await tx
    .updateTable('serial_numbers')
    .set(changes)
    .where('product_id', '=', productId)
    .where('serial', 'in', serials)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
