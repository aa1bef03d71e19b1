import { settingKeys, wishlistLimit } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, aProductWithStock, failure, startTestShop, type TestShop } from '../../../test/factory';
import { browserClient } from '../../../test/support';
import { mergeIntoWishlist } from './service';

/**
 * Wishlists through real HTTP on a real database (issue 15): a customer keeps products with their price and stock as
 * they are now, adding twice keeps one, nobody reaches another account's list, a visitor's hearts join the account
 * at sign-in, and the list stops at its limit with a clear answer.
 */
let shop: TestShop;
beforeAll(async () => {
  shop = await startTestShop({
    settings: {
      [settingKeys.pricing]: { rielPerUsd: 4000, deliveryFeeCents: 200, freeDeliveryFromCents: 10_000 },
    },
  });
});
afterAll(() => shop?.stop());

describe('a wishlist', () => {
  it('keeps a product once, with its price in dollars and riel, stock and date, and lets it go', async () => {
    const customer = await aCustomer(shop.server);
    const product = await aProductWithStock(shop, { name: 'Gaming mouse', priceCents: 2599, stock: 10 });
    const before = Date.now();
    await customer.api.addToWishlist({ params: { id: product.id } });
    const twice = await customer.api.addToWishlist({ params: { id: product.id } });
    expect(twice.total).toBe(1);
    expect(twice.limit).toBe(wishlistLimit);
    expect(twice.items).toEqual([
      {
        productId: product.id,
        slug: product.slug,
        name: product.name,
        imageUrl: product.imageUrl,
        // $25.99 at 4,000 riel to the dollar is 103,960 riel, shown rounded to 100 riel as the catalog does.
        price: { usdCents: 2599, khr: 104_000 },
        compareAtCents: null,
        availability: 'in_stock',
        addedAt: expect.any(Number),
      },
    ]);
    expect(twice.items[0]!.addedAt).toBeGreaterThanOrEqual(before);

    // The price and stock are the catalog's now, not when it was added.
    await shop.admin.updateProduct({ params: { id: product.id }, body: { priceCents: 1999 } });
    await shop.staff.recordStockMovement({
      body: { productId: product.id, type: 'adjust', quantity: -10, reason: 'Counted again' },
    });
    const now = await customer.api.getWishlist({});
    expect(now.items[0]).toMatchObject({
      price: { usdCents: 1999, khr: 80_000 },
      availability: 'out_of_stock',
    });

    const emptied = await customer.api.removeFromWishlist({ params: { id: product.id } });
    expect(emptied).toMatchObject({ items: [], total: 0 });
    expect(await failure(customer.api.removeFromWishlist({ params: { id: product.id } }))).toMatchObject({
      status: 404,
    });
  });

  it('shows a product taken off sale as unavailable, newest first; unknown or unsold products are 404', async () => {
    const customer = await aCustomer(shop.server);
    const older = await aProductWithStock(shop, { name: 'Old webcam', stock: 2 });
    const newer = await aProductWithStock(shop, { name: 'New webcam', stock: 2 });
    await customer.api.addToWishlist({ params: { id: older.id } });
    await customer.api.addToWishlist({ params: { id: newer.id } });
    await shop.admin.updateProduct({ params: { id: older.id }, body: { active: false } });

    const list = await customer.api.getWishlist({});
    expect(list.items.map((i) => [i.productId, i.availability])).toEqual([
      [newer.id, 'low_stock'],
      [older.id, 'unavailable'],
    ]);
    // Gone from sale: it cannot be added anew, but the customer may still take it off.
    const other = await aCustomer(shop.server);
    expect(await failure(other.api.addToWishlist({ params: { id: older.id } }))).toMatchObject({
      status: 404,
    });
    expect(await failure(other.api.addToWishlist({ params: { id: 'no-such-product' } }))).toMatchObject({
      status: 404,
    });
    expect((await customer.api.removeFromWishlist({ params: { id: older.id } })).total).toBe(1);
  });

  it("is its owner's alone: other customers, staff and strangers neither see nor change it", async () => {
    const owner = await aCustomer(shop.server);
    const product = await aProductWithStock(shop, { name: 'Mechanical keyboard' });
    await owner.api.addToWishlist({ params: { id: product.id } });

    const other = await aCustomer(shop.server);
    expect((await other.api.getWishlist({})).items).toEqual([]);
    expect(await failure(other.api.removeFromWishlist({ params: { id: product.id } }))).toMatchObject({
      status: 404,
    });
    expect((await shop.staff.getWishlist({})).items).toEqual([]);
    expect(await failure(shop.admin.removeFromWishlist({ params: { id: product.id } }))).toMatchObject({
      status: 404,
    });
    const stranger = browserClient(shop.server.url).client;
    expect(await failure(stranger.getWishlist({}))).toMatchObject({ status: 401 });
    expect(await failure(stranger.addToWishlist({ params: { id: product.id } }))).toMatchObject({
      status: 401,
    });
    expect(await failure(stranger.mergeWishlist({ body: { productIds: [product.id] } }))).toMatchObject({
      status: 401,
    });

    expect((await owner.api.getWishlist({})).items.map((i) => i.productId)).toEqual([product.id]);
  });

  it('takes in the hearts a visitor gave before signing in: in their order, once, products on sale only', async () => {
    const customer = await aCustomer(shop.server);
    const kept = await aProductWithStock(shop, { name: 'Laptop stand' });
    const first = await aProductWithStock(shop, { name: 'USB hub' });
    const second = await aProductWithStock(shop, { name: 'Monitor arm' });
    const offSale = await aProductWithStock(shop, { name: 'Discontinued cable' });
    await shop.admin.updateProduct({ params: { id: offSale.id }, body: { active: false } });
    await customer.api.addToWishlist({ params: { id: kept.id } });

    const merged = await customer.api.mergeWishlist({
      body: { productIds: [first.id, kept.id, offSale.id, 'no-such-product', second.id, first.id] },
    });
    expect(merged.notMerged).toEqual([]);
    // The last one hearted is the newest; the one kept already stays as it was.
    expect(merged.items.map((i) => i.productId)).toEqual([second.id, first.id, kept.id]);

    expect(await failure(customer.api.mergeWishlist({ body: { productIds: [] } }))).toMatchObject({
      status: 400,
    });

    // Tabs signing in at once send the same hearts: each product is kept once, and no call fails. Called on the
    // service itself, so that the calls really overlap (each reads before any inserts).
    const third = await aProductWithStock(shop, { name: 'Desk mat' });
    const fourth = await aProductWithStock(shop, { name: 'Cable tray' });
    const answers = await Promise.all(
      [0, 1, 2].map(() => mergeIntoWishlist(shop.server.database.db, customer.userId, [third.id, fourth.id])),
    );
    expect(answers.map((answer) => answer.notMerged)).toEqual([[], [], []]);
    const after = await customer.api.getWishlist({});
    expect(after.items.map((i) => i.productId).sort()).toEqual(
      [kept.id, first.id, second.id, third.id, fourth.id].sort(),
    );
  });

  it(`stops at ${wishlistLimit} products: adding is 409, a merge names what did not fit, too long a merge is 400`, async () => {
    const customer = await aCustomer(shop.server);
    const demo = await shop.server.database.db
      .selectFrom('products')
      .select('id')
      .where('active', '=', 1)
      .orderBy('id')
      .limit(wishlistLimit + 3)
      .execute();
    const ids = demo.map((row) => row.id);
    expect(ids).toHaveLength(wishlistLimit + 3);

    const tooMany = await failure(customer.api.mergeWishlist({ body: { productIds: ids } }));
    expect(tooMany).toMatchObject({
      status: 400,
      fields: { productIds: expect.stringMatching(/at most 200/) },
    });
    expect((await customer.api.getWishlist({})).total).toBe(0);

    await customer.api.addToWishlist({ params: { id: ids[0]! } });
    const filled = await customer.api.mergeWishlist({
      body: { productIds: ids.slice(1, wishlistLimit + 1) },
    });
    // One place was taken: the oldest heart of the merge does not fit, the newest ones do.
    expect(filled.notMerged).toEqual([ids[1]]);
    expect(filled.total).toBe(wishlistLimit);
    expect(filled.items).toHaveLength(wishlistLimit);
    expect(filled.items[0]!.productId).toBe(ids[wishlistLimit]);

    const full = await failure(customer.api.addToWishlist({ params: { id: ids[wishlistLimit + 1]! } }));
    expect(full).toMatchObject({ status: 409, message: expect.stringMatching(/at most 200/) });
    // A product already kept is still "added": the heart of a full list stays on.
    expect((await customer.api.addToWishlist({ params: { id: ids[0]! } })).total).toBe(wishlistLimit);
    // Taking one off makes room again.
    await customer.api.removeFromWishlist({ params: { id: ids[0]! } });
    expect((await customer.api.addToWishlist({ params: { id: ids[wishlistLimit + 1]! } })).total).toBe(
      wishlistLimit,
    );
  });
});
