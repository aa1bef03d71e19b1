import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { PushItem } from '@shop/shared';
import { aProductWithStock, useTestShopWithCounters } from '../../../test/factory';

/**
 * A discount over the cashier's limit, approved at the counter by an admin's PIN: the sale is pushed with the
 * admin's id and the server keeps who approved it in the sale's audit row.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Front counter']);
const saleAudit = async (orderId: string) =>
  JSON.parse(
    (
      await shop.server.database.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'pos.sale')
        .where('entity_id', '=', orderId)
        .executeTakeFirstOrThrow()
    ).after_json as string,
  ) as Record<string, unknown>;

function aDiscountedSale(productId: string, approvedBy?: string): PushItem {
  return {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId: shop.staffUser.userId,
    receiptNumber: `R-${ulid().slice(-10)}`,
    lines: [{ productId, quantity: 1, unitPriceCents: 100_00 }],
    discountCents: 40_00,
    ...(approvedBy && { discountApprovedBy: approvedBy }),
    payments: [{ method: 'cash', currency: 'USD', amount: 60_00, tendered: 60_00 }],
  };
}

describe('a counter sale with a discount an admin approved', () => {
  it("keeps the approving admin in the sale's audit row; a sale without one says nothing of it", async () => {
    const ssd = await aProductWithStock(shop, { stock: 5, name: 'Approved SSD' });
    const { results } = await counter.client.pushItems({
      body: { items: [aDiscountedSale(ssd.id, shop.adminUser.userId), aDiscountedSale(ssd.id)] },
    });
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await saleAudit(results[0]!.orderId!)).toMatchObject({
      discountApprovedBy: shop.adminUser.userId,
    });
    expect(await saleAudit(results[1]!.orderId!)).not.toHaveProperty('discountApprovedBy');
  });
});
