/** A count as the database returns it: MySQL gives sums as strings, SQLite as numbers. */
type Count = number | string | bigint;

/**
 * A product's stock as the back office lists it: what is on hand, what unpaid orders reserve, what is free to sell
 * (on hand less reserved), and the level below which it should be reordered.
 */
export function stockLevelOf(row: { on_hand: Count; reserved: Count; reorder_level: Count }) {
  const onHand = Number(row.on_hand);
  const reserved = Number(row.reserved);
  return { onHand, reserved, available: onHand - reserved, reorderLevel: Number(row.reorder_level) };
}
