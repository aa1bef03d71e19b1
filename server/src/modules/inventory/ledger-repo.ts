import { sql } from 'kysely';
import type { StockMovementTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of the stock ledger (ledger.ts): the per-product counters and the movements that changed them. */

/**
 * Moves a product's counters by the deltas, if and only if `0 <= reserved <= on_hand` holds afterwards: one
 * conditional UPDATE, so the database decides between racing requests. Answers whether the row was changed.
 */
export async function moveCounters(
  tx: Tx,
  productId: string,
  onHandDelta: number,
  reservedDelta: number,
  now: number,
): Promise<boolean> {
  const updated = await tx
    .updateTable('stock_levels')
    .set({
      on_hand: sql`on_hand + ${onHandDelta}`,
      reserved: sql`reserved + ${reservedDelta}`,
      updated_at: now,
    })
    .where('product_id', '=', productId)
    .where(
      sql<boolean>`reserved + ${reservedDelta} >= 0 and on_hand + ${onHandDelta} >= reserved + ${reservedDelta}`,
    )
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A product's counters as this transaction sees them; undefined when there is no such product. */
export async function findCounters(
  tx: Tx,
  productId: string,
): Promise<{ onHand: number; reserved: number } | undefined> {
  const level = await tx
    .selectFrom('stock_levels')
    .select(['on_hand', 'reserved'])
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return level && { onHand: Number(level.on_hand), reserved: Number(level.reserved) };
}

export async function insertMovement(tx: Tx, row: StockMovementTable): Promise<void> {
  await insertMovements(tx, [row]);
}

/**
 * Writes ledger rows; the units of each sale among them (a web order paid, a counter sale) are added to the
 * product's units sold in the same transaction: the count "Popular" sorts by never needs the order lines summed.
 */
export async function insertMovements(tx: Tx, rows: StockMovementTable[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('stock_movements').values(rows).execute();
  const sold = new Map<string, number>();
  for (const row of rows)
    if (row.type === 'sale' && row.on_hand_delta < 0)
      sold.set(row.product_id, (sold.get(row.product_id) ?? 0) - row.on_hand_delta);
  // In product-id order, the lock order of every stock writer (these rows are locked by the sale already).
  for (const [productId, units] of [...sold].sort(([a], [b]) => (a < b ? -1 : 1)))
    await tx
      .updateTable('stock_levels')
      .set({ units_sold: sql`units_sold + ${units}` })
      .where('product_id', '=', productId)
      .execute();
}

/**
 * A product's counters as they are now, its row locked until the transaction ends; undefined for an unknown product.
 * On MySQL a plain read in a transaction sees its snapshot, not rows committed since, unless the transaction changed
 * the row itself: so the row is changed for sure (on_hand + 1, a no-op write would not make a new version), read,
 * and changed back. Nobody else sees the step: the row is locked from the first write.
 */
export async function currentCounters(
  tx: Tx,
  productId: string,
  now: number,
): Promise<{ onHand: number; reserved: number } | undefined> {
  const bumped = await tx
    .updateTable('stock_levels')
    .set({ on_hand: sql`on_hand + 1`, updated_at: now })
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) !== 1) return undefined;
  const level = (await findCounters(tx, productId))!;
  await tx
    .updateTable('stock_levels')
    .set({ on_hand: sql`on_hand - 1` })
    .where('product_id', '=', productId)
    .execute();
  return { onHand: level.onHand - 1, reserved: level.reserved };
}

/**
 * Several products' counters as they are now, their rows locked until the transaction ends (currentCounters for a
 * set: three statements whatever its size). Unknown products are missing from the answer.
 */
export async function currentCountersOf(
  tx: Tx,
  productIds: readonly string[],
  now: number,
): Promise<Map<string, { onHand: number; reserved: number }>> {
  if (productIds.length === 0) return new Map();
  const ids = [...productIds];
  await tx
    .updateTable('stock_levels')
    .set({ on_hand: sql`on_hand + 1`, updated_at: now })
    .where('product_id', 'in', ids)
    .execute();
  const levels = await tx
    .selectFrom('stock_levels')
    .select(['product_id', 'on_hand', 'reserved'])
    .where('product_id', 'in', ids)
    .execute();
  await tx
    .updateTable('stock_levels')
    .set({ on_hand: sql`on_hand - 1` })
    .where('product_id', 'in', ids)
    .execute();
  return new Map(
    levels.map((l) => [l.product_id, { onHand: Number(l.on_hand) - 1, reserved: Number(l.reserved) }]),
  );
}
