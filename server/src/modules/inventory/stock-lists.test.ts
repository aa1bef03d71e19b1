import { describe, expect, it } from 'vitest';
import { aProductWithStock, failure, pairTestCounter, placedOrder, useTestShop } from '../../../test/factory';

/** The back office's stock lists through real HTTP: what to reorder, what the shelves hold at cost, and history. */
const shop = useTestShop();

describe('low stock', () => {
  it('lists active products at or below their reorder level, the furthest below first', async () => {
    const tag = `LOW${Date.now().toString(36).toUpperCase()}`;
    const below = await aProductWithStock(shop, { sku: `${tag}-A`, stock: 3, reorderLevel: 8 });
    const at = await aProductWithStock(shop, { sku: `${tag}-B`, stock: 4, reorderLevel: 4 });
    await aProductWithStock(shop, { sku: `${tag}-C`, stock: 9, reorderLevel: 8 });
    // Without a reorder level, the low-stock threshold decides.
    const byThreshold = await aProductWithStock(shop, { sku: `${tag}-D`, stock: 1, lowStockThreshold: 2 });
    await aProductWithStock(shop, { sku: `${tag}-E`, stock: 0, reorderLevel: 5, active: false });

    const list = await shop.staff.listLowStock({ query: { q: tag } });
    expect(list.items.map((i) => [i.productId, i.available, i.reorderLevel, i.shortfall])).toEqual([
      [below.id, 3, 8, 5],
      [byThreshold.id, 1, 2, 1],
      [at.id, 4, 4, 0],
    ]);
    expect(list.total).toBe(3);
    const paged = await shop.staff.listLowStock({ query: { q: tag, sort: 'name', pageSize: 2, page: 2 } });
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(1);
  });

  it('searches % and _ as themselves, in names and SKUs, on both dialects', async () => {
    const tag = `W${Date.now().toString(36).toUpperCase()}`;
    const underscored = await aProductWithStock(shop, { sku: `${tag}_1`, stock: 0, reorderLevel: 2 });
    await aProductWithStock(shop, { sku: `${tag}X1`, stock: 0, reorderLevel: 2 });
    const found = async (q: string) =>
      (await shop.staff.listLowStock({ query: { q } })).items.map((i) => i.productId);
    expect(await found(`${tag}_1`)).toEqual([underscored.id]);
    expect(await found(`${tag}%`)).toEqual([]);
    expect(await found('%')).toEqual([]);
  });

  it('staff may set nothing through it, and a reorder level comes from the admin product route', async () => {
    const product = await aProductWithStock(shop, { stock: 2 });
    const changed = await shop.admin.updateProduct({ params: { id: product.id }, body: { reorderLevel: 6 } });
    expect(changed.reorderLevel).toBe(6);
    const list = await shop.staff.listLowStock({ query: { q: product.sku } });
    expect(list.items[0]).toMatchObject({ productId: product.id, reorderLevel: 6, shortfall: 4 });
    expect(
      await failure(shop.staff.updateProduct({ params: { id: product.id }, body: { reorderLevel: 1 } })),
    ).toMatchObject({
      status: 403,
    });
  });
});

describe('stock valuation at cost', () => {
  it('values stock on hand at cost price and counts products without a cost price apart', async () => {
    const tag = `VAL${Date.now().toString(36).toUpperCase()}`;
    const costed = await aProductWithStock(shop, { sku: `${tag}-A`, stock: 4, costCents: 1250 });
    const pricier = await aProductWithStock(shop, { sku: `${tag}-B`, stock: 1, costCents: 90000 });
    const uncosted = await aProductWithStock(shop, { sku: `${tag}-C`, stock: 7 });
    await aProductWithStock(shop, { sku: `${tag}-D`, stock: 0, costCents: 500 });

    const valuation = await shop.admin.getStockValuation({ query: { q: tag } });
    expect(valuation.items.map((i) => [i.productId, i.onHand, i.costCents, i.valueCents])).toEqual([
      [pricier.id, 1, 90000, 90000],
      [costed.id, 4, 1250, 5000],
      [uncosted.id, 7, null, null],
    ]);
    expect(valuation.totals).toEqual({
      products: 3,
      units: 12,
      valueCents: 95000,
      uncostedProducts: 1,
      uncostedUnits: 7,
    });
    const apart = await shop.admin.getStockValuation({ query: { q: tag, costed: 'no' } });
    expect(apart.items.map((i) => i.productId)).toEqual([uncosted.id]);
  });

  it('the cost price never reaches staff, customers or counters', async () => {
    const product = await aProductWithStock(shop, { stock: 2, costCents: 424243 });
    expect((await shop.admin.getAdminProduct({ params: { id: product.id } })).costCents).toBe(424243);
    expect(await failure(shop.staff.getStockValuation({ query: {} }))).toMatchObject({ status: 403 });
    expect(await failure(shop.staff.getAdminProduct({ params: { id: product.id } }))).toMatchObject({
      status: 403,
    });
    const publicAnswers = [
      await (await fetch(`${shop.server.url}/api/v1/products/${product.slug}`)).text(),
      await (await fetch(`${shop.server.url}/api/v1/products?q=${product.sku}`)).text(),
      JSON.stringify(await shop.staff.getProductStock({ params: { id: product.id } })),
      JSON.stringify(await counterView(product.id)),
    ];
    for (const answer of publicAnswers) {
      expect(answer).toContain(product.id);
      expect(answer).not.toMatch(/cost/i);
      expect(answer).not.toContain('424243');
    }
  });
});

/** What a paired counter's pull says of a product. */
async function counterView(productId: string) {
  const counter = await pairTestCounter(shop);
  const seen: unknown[] = [];
  for (let after = 0, more = true; more;) {
    const page = await counter.client.listChanges({ query: { after, limit: 1000 } });
    seen.push(...page.changes.filter((c) => c.entityId === productId));
    after = page.cursor;
    more = page.hasMore;
  }
  return seen;
}

describe('stock history', () => {
  it('lists every movement newest first, paged, with who moved it and the order it belongs to', async () => {
    const product = await aProductWithStock(shop, { stock: 0, priceCents: 1000 });
    for (let i = 1; i <= 3; i++)
      await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: i } });
    await shop.staff.recordStockMovement({
      body: { productId: product.id, type: 'adjust', quantity: -1, reason: 'dropped on the floor' },
    });
    const { order } = await placedOrder(shop.server, { items: [{ productId: product.id, quantity: 2 }] });

    const first = await shop.staff.getProductStock({ params: { id: product.id }, query: { pageSize: 2 } });
    expect(first).toMatchObject({ onHand: 5, reserved: 2, movementsTotal: 5, page: 1, pageSize: 2 });
    expect(first.movements[0]).toMatchObject({
      type: 'reserve',
      reference: order.number,
      order: { id: order.id, number: order.number, channel: 'web', receiptNumber: null },
    });
    expect(first.movements[1]).toMatchObject({
      type: 'adjust',
      reason: 'dropped on the floor',
      actorId: shop.staffUser.userId,
      actorName: 'staff',
      order: null,
    });
    const rest = await shop.staff.getProductStock({
      params: { id: product.id },
      query: { page: 2, pageSize: 2 },
    });
    const last = await shop.staff.getProductStock({
      params: { id: product.id },
      query: { page: 3, pageSize: 2 },
    });
    expect([...rest.movements, ...last.movements].map((m) => m.onHandDelta)).toEqual([3, 2, 1]);
    // Without a query the first 50, as before the history was paged.
    expect((await shop.staff.getProductStock({ params: { id: product.id } })).movements).toHaveLength(5);
  });
});
