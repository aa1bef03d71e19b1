import { handsOverGoods, warrantyUntil, type OrderStatus } from '@shop/shared';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict, Invalid } from '../../http/errors';
import { orderLinesWithSerialized } from './repo';
import { moveSerials, serialsInStock, soldSerialCounts } from './serials-repo';

/**
 * Serial numbers leave with the goods. At the order's first handover step (out for delivery, or picked up) staff name
 * the serial of every unit of a serialized product still on the order; those units become sold to this order and
 * their warranty runs from that moment. Lines named at an earlier step (a second delivery attempt) need nothing.
 * Returns the serials sold now, by line id, for the audit row.
 */
export async function sellSerialsAtHandover(
  tx: Tx,
  order: OrderTable,
  to: OrderStatus,
  given: Record<string, string[]> = {},
  now = Date.now(),
): Promise<Record<string, string[]>> {
  if (!handsOverGoods(to)) {
    if (Object.keys(given).length > 0)
      throw new Invalid('Serial numbers are named when the goods are handed over', {
        serials: 'only when the order goes out for delivery or is picked up',
      });
    return {};
  }
  const lines = await orderLinesWithSerialized(tx, order.id);
  const named = await soldSerialCounts(tx, order.number);

  const problems: Record<string, string> = {};
  for (const lineId of Object.keys(given)) {
    if (!lines.some((l) => l.id === lineId)) problems[`serials.${lineId}`] = 'not a line of this order';
  }
  const toSell: { line: (typeof lines)[number]; serials: string[] }[] = [];
  for (const line of lines) {
    const serials = given[line.id];
    const field = `serials.${line.id}`;
    if (line.serialized !== 1) {
      if (serials) problems[field] = 'this product has no serial numbers';
      continue;
    }
    const alreadyNamed = Number(named.find((n) => n.product_id === line.product_id)?.n ?? 0);
    const needed = Number(line.quantity) - Number(line.cancelled_quantity) - alreadyNamed;
    if (needed <= 0) {
      if (serials) problems[field] = 'named already when the goods were first handed over';
      continue;
    }
    if (serials?.length !== needed) {
      problems[field] = `give ${needed} serial number${needed === 1 ? '' : 's'}`;
      continue;
    }
    if (new Set(serials).size !== serials.length) {
      problems[field] = 'serial numbers must be different';
      continue;
    }
    const inStock = await serialsInStock(tx, line.product_id, serials);
    // Compared exactly in code: MySQL's collation would match "abc1" to "ABC1", SQLite would not.
    const missing = serials.filter((s) => !inStock.includes(s));
    if (missing.length) problems[field] = `not in stock for this product: ${missing.join(', ')}`;
    else toSell.push({ line, serials });
  }
  if (Object.keys(problems).length)
    throw new Invalid('Name the serial numbers of the units handed over', problems);

  const sold: Record<string, string[]> = {};
  for (const { line, serials } of toSell) {
    const updated = await moveSerials(tx, line.product_id, serials, 'in_stock', {
      status: 'sold',
      reference: order.number,
      sold_at: now,
      warranty_until: warrantyUntil(now, Number(line.warranty_months)),
      updated_at: now,
    });
    if (updated !== serials.length)
      throw new Conflict('Some of these serial numbers were just sold with another order', {
        [`serials.${line.id}`]: 'no longer in stock',
      });
    sold[line.id] = serials;
  }
  return sold;
}
