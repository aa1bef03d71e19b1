import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Order, PreOrderDepositPercent, ProductDetail, ShopClient } from '@shop/shared';
import { inTransaction } from '../src/db/transaction';
import { setSetting } from '../src/modules/settings/service';
import {
  aCustomer,
  aProductWithStock,
  checkPaymentsNow,
  failure,
  payAndCheck,
  placedOrder,
  startTestShop,
  type TestCustomer,
} from './factory';
import { browserClient, type TestServer } from './support';

/**
 * Pre-orders through real HTTP on one server (docs/decisions/0019-pre-orders.md): a product out of stock taken on
 * pre-order with a deposit, paid at the Bakong stand-in, confirmed by staff, served first-come by the receipt that
 * brings stock (its units reserved before anyone else can buy them), the rest paid, a lapse past the deadline serving
 * the next in line, and cancellations whose deposit the shop's rule refunds or keeps.
 */
let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop({ env: { BAKONG_POLL_MS: '3600000' } }));
});
afterAll(() => server?.stop());

const DAY = 24 * 60 * 60_000;

/** A graphics card out of stock that the shop takes pre-orders of, with `percent` down. */
async function aPreOrderableGpu(
  percent: PreOrderDepositPercent,
  priceCents = 89_900,
): Promise<ProductDetail> {
  const product = await aProductWithStock(
    { admin, staff },
    { stock: 0, priceCents, name: 'GeForce RTX 5080', category: 'accessories' },
  );
  return admin.updateProduct({
    params: { id: product.id },
    body: { preOrder: { expectedOn: '2026-02-01', depositPercent: percent } },
  });
}

async function preOrdered(
  product: ProductDetail,
  currency: 'USD' | 'KHR' = 'USD',
  customer?: TestCustomer,
): Promise<{ order: Order; customer: TestCustomer }> {
  const who = customer ?? (await aCustomer(server));
  const order = await who.api.placePreOrder({ body: { productId: product.id, quantity: 1, currency } });
  return { order, customer: who };
}

/** Pre-ordered, its deposit paid at the stand-in and seen by the payment job, and confirmed by staff. */
async function confirmedPreOrder(product: ProductDetail) {
  const placed = await preOrdered(product);
  const { khqr } = await placed.customer.api.getOrderPayment({ params: { id: placed.order.id } });
  await payAndCheck(server, khqr);
  await staff.confirmPreOrder({ params: { id: placed.order.id } });
  return placed;
}

const statusOf = async (id: string) => (await staff.getOrder({ params: { id } })).status;
const receive = (productId: string, quantity: number) =>
  staff.recordStockMovement({ body: { productId, type: 'receive', quantity } });
const mailsOf = (template: string) =>
  server.database.db
    .selectFrom('email_outbox')
    .select(['to_address', 'template'])
    .where('template', '=', template)
    .execute();

describe('who may do what with pre-orders', () => {
  it('strangers, customers and other customers are refused', async () => {
    const product = await aPreOrderableGpu(25);
    const { order } = await preOrdered(product);
    const other = await aCustomer(server);
    const stranger = browserClient(server.url).client; // a visitor's browser, its CSRF token and all

    const codes = await Promise.all([
      failure<ApiError>(
        stranger.placePreOrder({ body: { productId: product.id, quantity: 1, currency: 'USD' } }),
      ),
      failure<ApiError>(stranger.listPreOrders({ query: {} })),
      failure<ApiError>(other.api.listPreOrders({ query: {} })),
      failure<ApiError>(other.api.confirmPreOrder({ params: { id: order.id } })),
      failure<ApiError>(other.api.takePreOrderCash({ params: { id: order.id }, body: { tendered: 100 } })),
      failure<ApiError>(
        other.api.placeCounterPreOrder({
          body: {
            productId: product.id,
            quantity: 1,
            currency: 'USD',
            customer: { name: 'Dara', phone: '012345678' },
            depositBy: 'cash',
          },
        }),
      ),
      failure<ApiError>(other.api.payPreOrderRest({ params: { id: order.id } })),
      failure<ApiError>(other.api.getOrder({ params: { id: order.id } })),
      failure<ApiError>(other.api.cancelOrder({ params: { id: order.id } })),
    ]);
    expect(codes.map((e) => e.status)).toEqual([401, 401, 403, 403, 403, 403, 404, 404, 404]);
    expect(await statusOf(order.id)).toBe('preorder_deposit');
  });

  it('only products out of stock that take pre-orders can be pre-ordered', async () => {
    const plain = await aProductWithStock({ admin, staff }, { stock: 0 });
    const inStock = await aProductWithStock({ admin, staff }, { stock: 2 });
    await admin.updateProduct({
      params: { id: inStock.id },
      body: { preOrder: { expectedOn: null, depositPercent: 0 } },
    });
    const customer = await aCustomer(server);
    for (const productId of [plain.id, inStock.id]) {
      const refused = await failure<ApiError>(
        customer.api.placePreOrder({ body: { productId, quantity: 1, currency: 'USD' } }),
      );
      expect(refused.status).toBe(409);
    }
    expect((await customer.api.getProduct({ params: { idOrSlug: plain.id } })).preOrder).toBeNull();
  });
});

describe('deposits', () => {
  it('0, 25, 50 and 100 % of the price, in cents or in riel rounded to 100', async () => {
    const product = await aPreOrderableGpu(0, 89_999);
    expect((await server.client.getProduct({ params: { idOrSlug: product.slug } })).preOrder).toEqual({
      expectedOn: '2026-02-01',
      depositPercent: 0,
    });
    // 0 %: nothing to pay, the pre-order waits for staff at once.
    const free = (await preOrdered(product)).order;
    expect(free).toMatchObject({ status: 'preorder_placed', preOrder: { deposit: 0, balance: 89_999 } });
    expect((await failure<ApiError>(staff.getOrderPayment({ params: { id: free.id } }))).status).toBe(404);

    for (const [percent, cents] of [
      [25, 22_500], // 224.9975 → half up to the cent
      [50, 45_000], // 449.995
      [100, 89_999],
    ] as const) {
      await admin.updateProduct({
        params: { id: product.id },
        body: { preOrder: { expectedOn: '2026-02-01', depositPercent: percent } },
      });
      const { order, customer } = await preOrdered(product);
      expect(order).toMatchObject({
        status: 'preorder_deposit',
        preOrder: { depositPercent: percent, deposit: cents, depositPaid: 0, expectedOn: '2026-02-01' },
      });
      expect(await customer.api.getOrderPayment({ params: { id: order.id } })).toMatchObject({
        status: 'pending',
        amount: cents,
        currency: 'USD',
      });
    }

    await admin.updateProduct({
      params: { id: product.id },
      body: { preOrder: { expectedOn: null, depositPercent: 25 } },
    });
    const { order: riel, customer } = await preOrdered(product, 'KHR');
    const deposit = riel.preOrder!.deposit;
    expect(deposit % 100).toBe(0);
    expect(Math.abs(deposit - riel.totalKhr / 4)).toBeLessThanOrEqual(50);
    expect(await customer.api.getOrderPayment({ params: { id: riel.id } })).toMatchObject({
      amount: deposit,
      currency: 'KHR',
    });
  });
});

describe('stock arriving serves pre-orders first-come', () => {
  it('three pre-orders, two units: the first two are reserved and told, a web customer cannot buy them, the third waits; past the deadline the next one is served', async () => {
    const product = await aPreOrderableGpu(25);
    const first = await confirmedPreOrder(product);
    const second = await confirmedPreOrder(product);
    const third = await confirmedPreOrder(product);
    expect((await staff.getOrder({ params: { id: first.order.id } })).preOrder).toMatchObject({
      deposit: 22_475,
      depositPaid: 22_475,
    });
    const line = await staff.listPreOrders({ query: { productId: product.id } });
    expect(line.items.map((p) => [p.number, p.status])).toEqual(
      [first, second, third].map((p) => [p.order.number, 'preorder_confirmed']),
    );

    await receive(product.id, 2);
    expect(await Promise.all([first, second, third].map((p) => statusOf(p.order.id)))).toEqual([
      'preorder_arrived',
      'preorder_arrived',
      'preorder_confirmed',
    ]);
    expect(await staff.getProductStock({ params: { id: product.id } })).toMatchObject({
      onHand: 2,
      reserved: 2,
      available: 0,
    });
    const shopper = await failure<ApiError>(
      placedOrder(server, { items: [{ productId: product.id, quantity: 1 }] }),
    );
    expect(shopper.status).toBe(409);
    const told = (await mailsOf('pre-order-arrived')).map((m) => m.to_address);
    expect(told).toEqual(expect.arrayContaining([first.customer.email, second.customer.email]));
    expect(told).not.toContain(third.customer.email);
    // And in their bell, with a link to the order; the third hears nothing yet.
    const bell = await first.customer.api.listNotifications({ query: {} });
    expect(bell.items[0]).toMatchObject({ kind: 'preorder_step', link: `/orders/${first.order.id}` });
    expect(String(bell.items[0]!.params.message)).toContain('It has arrived');
    const thirdBell = await third.customer.api.listNotifications({ query: {} });
    expect(thirdBell.items.filter((n) => String(n.params.message ?? '').includes('arrived'))).toEqual([]);

    // The first pays the rest by KHQR: paid, its unit sold; staff get it ready.
    const rest = await first.customer.api.payPreOrderRest({ params: { id: first.order.id } });
    expect(rest).toMatchObject({ status: 'pending', amount: 89_900 - 22_475 });
    await payAndCheck(server, rest.khqr);
    expect(await staff.getOrder({ params: { id: first.order.id } })).toMatchObject({
      status: 'paid',
      preOrder: { depositPaid: 22_475, balance: 0 },
    });
    for (const to of ['processing', 'ready_for_pickup'] as const)
      await staff.transitionOrder({ params: { id: first.order.id }, body: { to } });
    expect(await statusOf(first.order.id)).toBe('ready_for_pickup');

    // The second never pays: past the deadline its unit goes to the third, and its deposit is owed back.
    await checkPaymentsNow(server, Date.now() + 4 * DAY);
    expect(await statusOf(second.order.id)).toBe('expired');
    expect(await statusOf(third.order.id)).toBe('preorder_arrived');
    expect(await staff.getProductStock({ params: { id: product.id } })).toMatchObject({
      onHand: 1,
      reserved: 1,
    });
    const owed = await staff.listRefundsOwed({ query: { status: 'open' } });
    expect(owed.items.filter((r) => r.orderId === second.order.id).map((r) => r.amount)).toEqual([22_475]);
    expect((await staff.getOrder({ params: { id: second.order.id } })).preOrder?.depositOutcome).toBe(
      'refund_owed',
    );
  });

  it('at the counter: a cash deposit, then the rest in cash at pickup', async () => {
    const product = await aPreOrderableGpu(50, 10_000);
    const order = await staff.placeCounterPreOrder({
      body: {
        productId: product.id,
        quantity: 1,
        currency: 'USD',
        customer: { name: 'Sokha', phone: '012345678' },
        depositBy: 'cash',
        tendered: 6_000,
      },
    });
    expect(order).toMatchObject({
      channel: 'pos',
      status: 'preorder_placed',
      preOrder: { depositPaid: 5_000 },
    });
    await staff.confirmPreOrder({ params: { id: order.id } });
    await receive(product.id, 1);
    expect(await statusOf(order.id)).toBe('preorder_arrived');
    const paid = await staff.takePreOrderCash({ params: { id: order.id }, body: { tendered: 5_000 } });
    expect(paid.status).toBe('paid');
    expect(await staff.getProductStock({ params: { id: product.id } })).toMatchObject({
      onHand: 0,
      reserved: 0,
    });
  });
});

describe('cancelling', () => {
  it("by the customer before it is served: the deposit refunded or kept, as the shop's rule says", async () => {
    const product = await aPreOrderableGpu(25);
    const refunded = await confirmedPreOrder(product);
    await refunded.customer.api.cancelOrder({ params: { id: refunded.order.id } });
    expect(await refunded.customer.api.getOrder({ params: { id: refunded.order.id } })).toMatchObject({
      status: 'cancelled',
      preOrder: { depositOutcome: 'refund_owed' },
    });

    await inTransaction(server.database.db, (tx) =>
      setSetting(tx, 'orders.preOrders', { depositOnCancel: 'keep', holdDays: 3 }),
    );
    try {
      const kept = await confirmedPreOrder(product);
      await staff.transitionOrder({ params: { id: kept.order.id }, body: { to: 'cancelled' } });
      expect((await staff.getOrder({ params: { id: kept.order.id } })).preOrder?.depositOutcome).toBe('kept');
      const owed = await staff.listRefundsOwed({ query: { status: 'open' } });
      const ids = owed.items.map((r) => r.orderId);
      expect(ids).toContain(refunded.order.id);
      expect(ids).not.toContain(kept.order.id);
    } finally {
      await inTransaction(server.database.db, (tx) =>
        setSetting(tx, 'orders.preOrders', { depositOnCancel: 'refund', holdDays: 3 }),
      );
    }
  });

  it('a customer cannot cancel once the stock is reserved for them; staff can, and the next is served', async () => {
    const product = await aPreOrderableGpu(0);
    const first = await preOrdered(product);
    const second = await preOrdered(product);
    for (const p of [first, second]) await staff.confirmPreOrder({ params: { id: p.order.id } });
    await receive(product.id, 1);
    const refused = await failure<ApiError>(
      first.customer.api.cancelOrder({ params: { id: first.order.id } }),
    );
    expect(refused.status).toBe(409);
    await staff.transitionOrder({ params: { id: first.order.id }, body: { to: 'cancelled' } });
    expect(await statusOf(second.order.id)).toBe('preorder_arrived');
  });
});
