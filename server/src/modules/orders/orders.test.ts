import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, type ShopClient } from '@shop/shared';
import { startSession } from '../accounts/sessions';
import { createActiveUser } from '../accounts/users';
import { aCustomer, aProductWithStock, aSavedAddress, failure, startTestShop } from '../../../test/factory';
import { browserClient, type TestServer } from '../../../test/support';
import { createOrderMailer } from './notifications';
import { transitionOrder } from './service';
import { HOLD_LIMITS_KEY } from './hold-limits';

let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  // These tests buy a product's whole stock; the share one customer may hold unpaid is tested in holds.test.ts.
  ({ server, admin, staff } = await startTestShop({
    settings: { [HOLD_LIMITS_KEY]: { stockSharePercent: 100 } },
  }));
});
afterAll(() => server?.stop());

const customer = () => aCustomer(server);

/** A fresh product with exactly `stock` units, so tests do not share counters. */
const productWithStock = (stock: number, priceCents = 2500) =>
  aProductWithStock({ admin, staff }, { stock, priceCents, name: 'USB-C cable' });

const stockOf = async (productId: string) => staff.getProductStock({ params: { id: productId } });

describe('cart', () => {
  it('a guest cart follows the guest into their account at sign-in, with quantities added up', async () => {
    const product = await productWithStock(10);
    const guest = browserClient(server.url);
    const guestCart = await guest.client.addCartItem({ body: { productId: product.id, quantity: 2 } });
    expect(guestCart).toMatchObject({
      itemCount: 2,
      subtotal: { usdCents: 5000, khr: 205_000 },
      canCheckout: true,
    });
    expect(guest.cookies.has('cart')).toBe(true);

    const email = `merge-${Date.now()}@example.test`;
    const { id: userId } = await createActiveUser(server.database.db, {
      email,
      password: 'merge-password-123',
      name: 'Merge',
      role: 'customer',
    });
    const { token } = await startSession(server.database.db, userId);
    const account = createShopClient({
      baseUrl: server.url,
      headers: () => ({ authorization: `Bearer ${token}` }),
    });
    await account.addCartItem({ body: { productId: product.id, quantity: 1 } });
    await guest.client.login({ body: { email, password: 'merge-password-123' } });
    const merged = await guest.client.getCart({});
    expect(merged.lines).toMatchObject([{ productId: product.id, quantity: 3 }]);
    // The guest cart is gone; its cookie stays as the browser's mark for the limits on unpaid orders.
    expect(guest.cookies.has('cart')).toBe(true);
    expect(
      await server.database.db.selectFrom('carts').select('id').where('id', '=', guestCart.id!).execute(),
    ).toEqual([]);
  });

  it('checks quantities against availability and always prices from the catalog', async () => {
    const product = await productWithStock(3, 1000);
    const { api } = await customer();
    expect(await failure(api.addCartItem({ body: { productId: product.id, quantity: 4 } }))).toMatchObject({
      status: 409,
      message: 'Only 3 available',
    });
    const cart = await api.addCartItem({ body: { productId: product.id, quantity: 3 } });
    await admin.updateProduct({ params: { id: product.id }, body: { priceCents: 1250 } });
    expect((await api.getCart({})).lines[0]).toMatchObject({
      unitPriceCents: 1250,
      lineTotal: { usdCents: 3750, khr: 153_800 },
    });

    // Someone else buys one: the line now asks for more than there is, and checkout is refused until fixed.
    await (
      await customer()
    ).api.placeOrder({
      body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });
    const short = await api.getCart({});
    expect(short).toMatchObject({
      canCheckout: false,
      lines: [{ problem: 'not_enough_stock', available: 2 }],
    });
    const fixed = await api.updateCartItem({ params: { id: cart.lines[0]!.id }, body: { quantity: 2 } });
    expect(fixed.canCheckout).toBe(true);
    expect(
      await failure((await customer()).api.removeCartItem({ params: { id: cart.lines[0]!.id } })),
    ).toMatchObject({ status: 404 });
  });
});

describe('placing orders', () => {
  it('places an order from the cart: prices snapshotted, stock reserved, cart emptied, KHR rounded to 100 riel', async () => {
    const product = await productWithStock(5, 1999);
    const { api } = await customer();
    await api.addCartItem({ body: { productId: product.id, quantity: 2 } });
    const order = await api.placeOrder({ body: { fulfilment: 'pickup', currency: 'KHR' } });
    expect(order).toMatchObject({
      status: 'pending_payment',
      channel: 'web',
      number: expect.stringMatching(/^W-\d+$/),
      subtotalCents: 3998,
      deliveryFeeCents: 0,
      totalCents: 3998,
      totalKhr: 163_900, // 39.98 × 4,100 = 163,918 → 163,900
      currency: 'KHR',
      nextStatuses: ['cancelled'],
      items: [{ productId: product.id, quantity: 2, unitPriceCents: 1999 }],
    });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect((await api.getCart({})).lines).toEqual([]);
    await admin.updateProduct({ params: { id: product.id }, body: { priceCents: 2999 } });
    expect((await api.getOrder({ params: { id: order.id } })).items[0]!.unitPriceCents).toBe(1999);
  });

  it('answers the order as it is read back afterwards: lines, delivery, totals, first event', async () => {
    const [first, second] = [await productWithStock(5, 1999), await productWithStock(5, 350)];
    const { api } = await customer();
    const address = await aSavedAddress(api, { province: 'Kandal' });
    const placed = await api.placeOrder({
      body: {
        items: [
          { productId: second.id, quantity: 2 },
          { productId: first.id, quantity: 1 },
        ],
        fulfilment: 'delivery',
        addressId: address.id,
        currency: 'KHR',
        note: 'ring twice',
      },
    });
    expect(placed.items.map((i) => [i.productId, i.quantity])).toEqual([
      [second.id, 2],
      [first.id, 1],
    ]);
    expect(placed.deliveryAddress).not.toBeNull();
    expect(await api.getOrder({ params: { id: placed.id } })).toEqual(placed);
  });

  it('an Idempotency-Key answers a retried request with the first order, even when both arrive at once', async () => {
    const product = await productWithStock(10);
    const { api, token } = await customer();
    const body = {
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup' as const,
      currency: 'USD' as const,
    };
    const send = (key: string, payload: unknown = body) =>
      fetch(`${server.url}/api/v1/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(payload),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string } }));
    const [a, b, c] = await Promise.all([
      send('checkout-key-1'),
      send('checkout-key-1'),
      send('checkout-key-1'),
    ]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect(await stockOf(product.id)).toMatchObject({ reserved: 1 });
    expect((await send('checkout-key-1', { ...body, currency: 'KHR' })).status).toBe(409);
    expect((await api.listOrders({ query: {} })).total).toBe(1);
  });

  it('100 concurrent orders for the last 3 units make exactly 3 orders', async () => {
    const product = await productWithStock(3);
    const buyers = await Promise.all([customer(), customer(), customer(), customer()]);
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        buyers[i % buyers.length]!.api.placeOrder({
          body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        }),
      ),
    );
    const placed = attempts.filter((a) => a.status === 'fulfilled');
    expect(placed).toHaveLength(3);
    for (const lost of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
      expect(lost.reason).toMatchObject({ status: 409 });
    }
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    const orders = await server.database.db
      .selectFrom('order_items')
      .select('order_id')
      .where('product_id', '=', product.id)
      .execute();
    expect(orders).toHaveLength(3);
  });

  it('refuses an empty cart, a foreign address and an inactive product with field errors', async () => {
    const { api } = await customer();
    expect(await failure(api.placeOrder({ body: { fulfilment: 'pickup', currency: 'USD' } }))).toMatchObject({
      status: 400,
      fields: { items: expect.any(String) },
    });
    expect(
      await failure(api.placeOrder({ body: { fulfilment: 'delivery', currency: 'USD' } })),
    ).toMatchObject({ status: 400, fields: { addressId: expect.any(String) } });
    const product = await productWithStock(2);
    expect(
      await failure(
        api.placeOrder({
          body: {
            items: [{ productId: product.id, quantity: 1 }],
            fulfilment: 'delivery',
            addressId: 'someone-elses',
            currency: 'USD',
          },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { addressId: 'no such address' } });
  });

  it('refuses an inactive product, named in the items or waiting in the cart, and reserves nothing', async () => {
    const product = await productWithStock(2);
    const { api } = await customer();
    await api.addCartItem({ body: { productId: product.id, quantity: 1 } });
    await admin.updateProduct({ params: { id: product.id }, body: { active: false } });

    const noLongerSold = {
      status: 400,
      code: 'invalid',
      message: 'Some products are no longer sold',
      fields: { items: product.id },
    };
    expect(
      await failure(
        api.placeOrder({
          body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        }),
      ),
    ).toMatchObject(noLongerSold);
    expect(await failure(api.placeOrder({ body: { fulfilment: 'pickup', currency: 'USD' } }))).toMatchObject(
      noLongerSold,
    );
    // Nor can it be put in a cart again.
    expect(await failure(api.addCartItem({ body: { productId: product.id, quantity: 1 } }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });

    expect(await stockOf(product.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    expect((await api.listOrders({ query: {} })).total).toBe(0);
  });
});

describe('the order lifecycle', () => {
  it("customers cancel unpaid orders (stock given back) and never see other customers' orders", async () => {
    const product = await productWithStock(4);
    const { api } = await customer();
    const order = await api.placeOrder({
      body: { items: [{ productId: product.id, quantity: 3 }], fulfilment: 'pickup', currency: 'USD' },
    });
    expect(await failure((await customer()).api.getOrder({ params: { id: order.id } }))).toMatchObject({
      status: 404,
    });
    expect(await failure((await customer()).api.cancelOrder({ params: { id: order.id } }))).toMatchObject({
      status: 404,
    });

    const cancelled = await api.cancelOrder({ params: { id: order.id } });
    expect(cancelled).toMatchObject({ status: 'cancelled', nextStatuses: [] });
    expect(cancelled.events.map((e) => [e.from, e.to, e.actor])).toEqual([
      [null, 'pending_payment', 'customer'],
      ['pending_payment', 'cancelled', 'customer'],
    ]);
    expect(await stockOf(product.id)).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await failure(api.cancelOrder({ params: { id: order.id } }))).toMatchObject({ status: 409 });
  });

  it('sells the reservation when paid, then staff move it to pickup; illegal moves are 409', async () => {
    const product = await productWithStock(2);
    const { api } = await customer();
    const order = await api.placeOrder({
      body: { items: [{ productId: product.id, quantity: 2 }], fulfilment: 'pickup', currency: 'USD' },
    });
    expect(
      await failure(staff.transitionOrder({ params: { id: order.id }, body: { to: 'processing' } })),
    ).toMatchObject({ status: 409 });
    expect(
      await failure(staff.transitionOrder({ params: { id: order.id }, body: { to: 'paid' } })),
    ).toMatchObject({ status: 409 });
    expect(
      await failure(api.transitionOrder({ params: { id: order.id }, body: { to: 'paid' } })),
    ).toMatchObject({ status: 403 });

    // Payment confirmation is the system's transition (a matching Bakong check).
    await transitionOrder(
      server.database.db,
      { orderId: order.id, to: 'paid', actor: 'system', actorId: null },
      createOrderMailer(server.url),
    );
    expect(await stockOf(product.id)).toMatchObject({ onHand: 0, reserved: 0 });
    for (const to of ['processing', 'ready_for_pickup', 'picked_up'] as const) {
      await staff.transitionOrder({ params: { id: order.id }, body: { to } });
    }
    const done = await api.getOrder({ params: { id: order.id } });
    expect(done.events.map((e) => e.to)).toEqual([
      'pending_payment',
      'paid',
      'processing',
      'ready_for_pickup',
      'picked_up',
    ]);
    expect(done.paidAt).toEqual(expect.any(Number));
    expect(
      await failure(staff.transitionOrder({ params: { id: order.id }, body: { to: 'cancelled' } })),
    ).toMatchObject({ status: 409 });
    expect((await staff.listOrders({ query: { status: 'picked_up' } })).items.map((o) => o.id)).toContain(
      order.id,
    );
  });
});
