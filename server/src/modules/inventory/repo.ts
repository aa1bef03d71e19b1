import type { StockMovementType } from '@shop/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { containsText } from '../../db/like';
import { pageOf, type PageRequest } from '../../db/paging';
import type { SerialNumberTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of stock as the back office sees it: products' counters, recent movements and serial numbers. */

/** Whether a product exists and is tracked by serial number. */
export async function findStockedProduct(tx: Tx, productId: string) {
  return tx
    .selectFrom('products')
    .select(['id', 'serialized', 'cost_cents'])
    .where('id', '=', productId)
    .executeTakeFirst();
}

/** A product's counters with its low-stock threshold; undefined when there is no such product. */
export async function findStockLevel(db: Db | Tx, productId: string) {
  return db
    .selectFrom('stock_levels as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select(['s.on_hand', 's.reserved', 'p.low_stock_threshold'])
    .where('s.product_id', '=', productId)
    .executeTakeFirst();
}

/** Which movements of a product's history: of one type, and with this text in their supplier or reference. */
export interface HistoryFilter {
  type?: StockMovementType | undefined;
  q?: string | undefined;
}

/**
 * A page of a product's movements, newest first (ids are ULIDs: in order of creation), with who moved them and the
 * order whose number is their reference (web orders and counter sales alike; a receipt's reference is the
 * supplier's document, never an order). Filters read only this product's movements (stock_movements_product_idx).
 */
export async function pageOfMovements(
  db: Db,
  productId: string,
  page: PageRequest,
  filter: HistoryFilter = {},
) {
  let base = db.selectFrom('stock_movements as m').where('m.product_id', '=', productId);
  if (filter.type) base = base.where('m.type', '=', filter.type);
  if (filter.q) {
    const text = filter.q.toLowerCase();
    base = base.where((eb) =>
      eb.or([containsText(sql`lower(m.supplier)`, text), containsText(sql`lower(m.reference)`, text)]),
    );
  }
  const rows = base
    .leftJoin('users as u', 'u.id', 'm.actor_id')
    .leftJoin('orders as o', (join) =>
      join.onRef('o.number', '=', 'm.reference').on('m.type', '<>', 'receive'),
    )
    .selectAll('m')
    .select([
      'u.name as actor_name',
      'o.id as order_id',
      'o.number as order_number',
      'o.channel as order_channel',
      'o.receipt_number as order_receipt',
    ])
    .orderBy('m.id', 'desc');
  return pageOf(rows, base, page);
}

/** The product's cost price becomes a receipt's unit cost (the last-cost rule: service.ts recordStockMovement). */
export async function setCostPrice(tx: Tx, productId: string, costCents: number): Promise<void> {
  await tx.updateTable('products').set({ cost_cents: costCents }).where('id', '=', productId).execute();
}

/** A product's serial numbers by status, then serial. */
export async function serialsOf(db: Db, productId: string, limit: number) {
  return db
    .selectFrom('serial_numbers')
    .select(['serial', 'status'])
    .where('product_id', '=', productId)
    .orderBy('status')
    .orderBy('serial')
    .limit(limit)
    .execute();
}

export async function insertSerials(tx: Tx, rows: SerialNumberTable[]): Promise<void> {
  await tx.insertInto('serial_numbers').values(rows).execute();
}

/**
 * Moves those of `serials` that are in stock to `status`, in one statement; answers how many moved (the caller
 * compares with how many it named).
 */
export async function moveSerialsInStock(
  tx: Tx,
  productId: string,
  serials: string[],
  change: { status: string; reference: string; updatedAt: number },
): Promise<number> {
  const updated = await tx
    .updateTable('serial_numbers')
    .set({ status: change.status, reference: change.reference, updated_at: change.updatedAt })
    .where('product_id', '=', productId)
    .where('serial', 'in', serials)
    .where('status', '=', 'in_stock')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
