import type { ShortfallItem } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { listShortfallRows, resolveShortfallRow } from './counter-repo';

/**
 * Units a counter sold beyond what the server had (sale.ts): the sale stood, the stock did not go negative, and
 * staff see them here until they have counted the shelf and put the stock right (an adjustment or a receipt), then
 * mark them resolved, saying how.
 */
export async function listShortfalls(db: Db): Promise<{ items: ShortfallItem[] }> {
  return { items: (await listShortfallRows(db, { open: true })).map(toShortfall) };
}

export async function resolveShortfall(
  db: Db,
  staff: Actor & { userId: string },
  id: string,
  resolution: string,
  now = Date.now(),
): Promise<ShortfallItem> {
  await inTransaction(db, async (tx) => {
    if (!(await resolveShortfallRow(tx, id, staff.userId, resolution, now))) {
      const [row] = await listShortfallRows(tx, { id });
      if (!row) throw new NotFound('There is no shortfall with this id');
      throw new Conflict('This shortfall was resolved already');
    }
    await recordAudit(
      tx,
      staff,
      { action: 'stock.shortfall_resolve', entity: 'stock_shortfall', entityId: id, after: { resolution } },
      now,
    );
  });
  const [row] = await listShortfallRows(db, { id });
  return toShortfall(row!);
}

function toShortfall(row: Awaited<ReturnType<typeof listShortfallRows>>[number]): ShortfallItem {
  return {
    id: row.id,
    productId: row.product_id,
    productName: row.product_name,
    sku: row.sku,
    orderId: row.order_id,
    orderNumber: row.order_number,
    deviceId: row.device_id,
    deviceName: row.device_name,
    quantity: Number(row.quantity),
    createdAt: Number(row.created_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    resolvedBy: row.resolved_by === null ? null : { id: row.resolved_by, name: row.resolver_name ?? '' },
    resolution: row.resolution,
  };
}
