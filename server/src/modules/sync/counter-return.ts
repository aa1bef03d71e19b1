import type { PushItem } from '@shop/shared';
import { newId } from '../../db/ids';
import type { CounterReturnLineTable } from '../../db/schema';
import { Invalid, NotFound } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { applyMovements, movementEffects } from '../inventory/ledger';
import { moveSerials, soldSerialsOf } from '../orders/serials-repo';
import { requireSeller, requireShift, staffActor, type ApplyContext, type Applied } from './counter-context';
import { findSaleOrder, insertReturn, saleLines, takeBackUnits } from './return-repo';

/**
 * Goods brought back to the counter against an earlier sale (found by its receipt: the sale's pushed id or its
 * order id). The units go back on the shelf through the ledger (movement `return`), serialized units back in stock
 * by serial number, and the money given back is kept per method and currency (counter_refunds), so the shift's Z
 * report knows the cash that left the drawer. The sale itself stays as it was, handed over, with its returns beside
 * it. Returning more than was sold (less what came back before) parks the return.
 */
type ReturnItem = Extract<PushItem, { type: 'return' }>;

export async function applyReturn(ctx: ApplyContext, item: ReturnItem): Promise<Applied> {
  const { tx } = ctx;
  await requireSeller(tx, item.staffId);
  if (item.shiftId) await requireShift(ctx, item.shiftId);
  const order = await findSaleOrder(tx, item.saleId);
  if (!order) throw new NotFound(`Unknown sale ${item.saleId}`);
  if (order.status !== 'picked_up' && order.status !== 'delivered')
    throw new Invalid(`Order ${order.number} is ${order.status.replace(/_/g, ' ')}: nothing was handed over`);
  const lines = await saleLines(tx, order.id);

  // Units still returnable per sale line as last seen; a product sold on two lines is taken back from the first
  // first. Each take is a conditional update on the current row (takeBackUnits): the database has the last word.
  const left = new Map(
    lines.map((l) => [
      l.id,
      Number(l.quantity) - Number(l.cancelled_quantity) - Number(l.returned_quantity ?? 0),
    ]),
  );
  const returnId = item.id;
  const returned: CounterReturnLineTable[] = [];
  for (const wanted of item.lines) {
    let quantity = wanted.quantity;
    for (const line of lines.filter((l) => l.product_id === wanted.productId)) {
      const take = Math.min(quantity, left.get(line.id)!);
      if (take <= 0) continue;
      if (!(await takeBackUnits(tx, line.id, take))) break;
      left.set(line.id, left.get(line.id)! - take);
      quantity -= take;
      returned.push({
        id: newId(),
        return_id: returnId,
        order_item_id: line.id,
        product_id: line.product_id,
        quantity: take,
        value_cents: Math.round((Number(line.line_total_cents) * take) / Number(line.quantity)),
      });
    }
    if (quantity > 0)
      throw new Invalid(`More of ${wanted.productId} returned than order ${order.number} sold`);
  }

  for (const wanted of item.lines) {
    const line = lines.find((l) => l.product_id === wanted.productId)!;
    const serials = wanted.serials ?? [];
    if (Number(line.serialized) !== 1) {
      if (serials.length) throw new Invalid(`${line.name} has no serial numbers`);
      continue;
    }
    const sold = await soldSerialsOf(tx, wanted.productId, order.number);
    const unknown = serials.filter((s) => !sold.includes(s));
    if (serials.length !== wanted.quantity || new Set(serials).size !== serials.length || unknown.length)
      throw new NotFound(
        `${line.name}: name the ${wanted.quantity} serial number(s) sold with order ${order.number}` +
          (unknown.length ? ` (not sold with it: ${unknown.join(', ')})` : ''),
      );
    await moveSerials(tx, wanted.productId, serials, 'sold', {
      status: 'in_stock',
      reference: `return ${returnId}`,
      sold_at: null,
      warranty_until: null,
      updated_at: ctx.now,
    });
  }

  await insertReturn(
    tx,
    {
      id: returnId,
      order_id: order.id,
      device_id: ctx.counter.id,
      staff_id: item.staffId,
      shift_id: item.shiftId ?? null,
      reason: item.reason,
      at: item.at,
    },
    returned,
    item.refunds.map((r) => ({
      id: newId(),
      return_id: returnId,
      method: r.method,
      currency: r.currency,
      amount_minor: r.amount,
      at: item.at,
    })),
  );
  await recordAudit(
    tx,
    staffActor(item.staffId),
    {
      action: 'pos.return',
      entity: 'order',
      entityId: order.id,
      after: {
        returnId,
        lines: item.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        refunds: item.refunds,
        reason: item.reason,
      },
    },
    ctx.now,
  );
  // The stock last: applyMovements ends with the change feed, whose counter row is best held briefly.
  await applyMovements(
    tx,
    item.lines.map((l) => ({
      productId: l.productId,
      type: 'return' as const,
      ...movementEffects.return(l.quantity),
      reason: item.reason,
      reference: order.number,
      actorId: item.staffId,
    })),
    ctx.now,
  );
  return { orderId: order.id, orderNumber: order.number };
}
