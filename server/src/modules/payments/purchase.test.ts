import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopClient } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  checkPaymentsNow,
  failure,
  placedOrder,
  standIn,
  startTestShop,
} from '../../../test/factory';
import { signedInAs, type TestServer } from '../../../test/support';
import { DEMO_MERCHANT_ACCOUNT } from './merchant';

/**
 * The online purchase through real HTTP against the Bakong stand-in mounted in the server: order, KHQR, payment,
 * confirmation by the payment job, and the way to pickup or delivery; and what happens when money does not match
 * or Bakong cannot be reached.
 */
const { BakongKHQR } = createRequire(import.meta.url)('bakong-khqr') as {
  BakongKHQR: {
    verify(qr: string): { isValid: boolean };
    decode(qr: string): { data: Record<string, unknown> };
  };
};

let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop({ env: { BAKONG_POLL_MS: '3600000' } }));
});
afterAll(() => server?.stop());

const stockOf = (productId: string) => staff.getProductStock({ params: { id: productId } });

async function orderOf(
  quantity: number,
  priceCents: number,
  currency: 'USD' | 'KHR' = 'USD',
  fulfilment: 'pickup' | 'delivery' = 'pickup',
) {
  const product = await aProductWithStock(
    { admin, staff },
    { stock: 5, priceCents, name: 'Wireless mouse', category: 'keyboards-mice' },
  );
  const customer = await aCustomer(server);
  const { api, order } = await placedOrder(server, {
    customer,
    items: [{ productId: product.id, quantity }],
    currency,
    fulfilment,
    address: { recipient: 'Dara', houseStreet: '#8, St. 310' },
  });
  return { product, api, order, userId: customer.userId };
}

describe('buying online with KHQR', () => {
  it('the order QR decodes to its amount, currency, order number and the shop account, with a valid CRC', async () => {
    const { api, order } = await orderOf(1, 1234, 'USD');
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    expect(payment).toMatchObject({
      status: 'pending',
      amount: 1234,
      currency: 'USD',
      receiverName: DEMO_MERCHANT_ACCOUNT.name,
    });
    expect(BakongKHQR.verify(payment.khqr).isValid).toBe(true);
    const decoded = BakongKHQR.decode(payment.khqr).data;
    expect(decoded).toMatchObject({
      billNumber: order.number,
      bakongAccountID: DEMO_MERCHANT_ACCOUNT.accountId,
      transactionCurrency: '840',
    });
    expect(Number(decoded.transactionAmount)).toBe(12.34);

    const khr = await orderOf(2, 1999, 'KHR');
    const riel = await khr.api.getOrderPayment({ params: { id: khr.order.id } });
    expect(riel).toMatchObject({ currency: 'KHR', amount: khr.order.totalKhr });
    expect(riel.amount % 100).toBe(0);
    expect(BakongKHQR.decode(riel.khqr).data).toMatchObject({ transactionCurrency: '116' });
  });

  it('pickup: paid through Bakong, then processing, ready for pickup and picked up', async () => {
    const { api, order, product } = await orderOf(2, 4500);
    const { khqr } = await api.getOrderPayment({ params: { id: order.id } });
    await standIn(server, 'pay', { qr: khqr });
    expect((await api.getOrderPayment({ params: { id: order.id } })).status).toBe('pending'); // until the job asks Bakong
    await checkPaymentsNow(server);
    expect(await api.getOrderPayment({ params: { id: order.id } })).toMatchObject({
      status: 'paid',
      orderStatus: 'paid',
    });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 0 });

    for (const to of ['processing', 'ready_for_pickup', 'picked_up'] as const)
      await staff.transitionOrder({ params: { id: order.id }, body: { to } });
    const done = await api.getOrder({ params: { id: order.id } });
    expect(done.events.map((e) => [e.to, e.actor])).toEqual([
      ['pending_payment', 'customer'],
      ['paid', 'system'],
      ['processing', 'staff'],
      ['ready_for_pickup', 'staff'],
      ['picked_up', 'staff'],
    ]);
  });

  it('delivery: paid, out for delivery, delivered', async () => {
    const { api, order } = await orderOf(1, 9900, 'USD', 'delivery');
    // In Phnom Penh (the saved address's province): the capital's rate, today or tomorrow.
    expect(order).toMatchObject({
      deliveryFeeCents: 150,
      deliveryDays: { min: 0, max: 1 },
      totalCents: 10_050,
      deliveryAddress: { recipient: 'Dara' },
    });
    await standIn(server, 'pay', { qr: (await api.getOrderPayment({ params: { id: order.id } })).khqr });
    await checkPaymentsNow(server);
    for (const to of ['processing', 'out_for_delivery', 'delivered'] as const)
      await staff.transitionOrder({ params: { id: order.id }, body: { to } });
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('delivered');
  });
});

describe('when money or Bakong misbehaves', () => {
  it('the wrong amount or currency never pays the order: it goes to staff review', async () => {
    const wrongAmount = await orderOf(1, 2000);
    await standIn(server, 'pay', {
      qr: (await wrongAmount.api.getOrderPayment({ params: { id: wrongAmount.order.id } })).khqr,
      amount: 19.99,
    });
    const wrongCurrency = await orderOf(1, 2000);
    await standIn(server, 'pay', {
      qr: (await wrongCurrency.api.getOrderPayment({ params: { id: wrongCurrency.order.id } })).khqr,
      currency: 'KHR',
      amount: 82000,
    });
    await checkPaymentsNow(server);
    for (const { api, order, product } of [wrongAmount, wrongCurrency]) {
      expect(await api.getOrderPayment({ params: { id: order.id } })).toMatchObject({
        status: 'review',
        orderStatus: 'payment_review',
      });
      expect((await api.getOrder({ params: { id: order.id } })).paidAt).toBeNull();
      expect(await stockOf(product.id)).toMatchObject({ reserved: 1 }); // still held for the customer
    }
  });

  it('Bakong down or refusing our token leaves payments pending and retried, never expired early', async () => {
    const { api, order, product } = await orderOf(1, 3000);
    const afterGrace = Date.now() + 60 * 60_000;
    for (const mode of ['500', '401', '403', '504']) {
      await standIn(server, 'failure', { mode });
      await server.payments.runOnce(afterGrace);
      await server.database.db
        .updateTable('payments')
        .set({ next_check_at: 0 })
        .where('order_id', '=', order.id)
        .execute();
      expect((await api.getOrder({ params: { id: order.id } })).status).toBe('pending_payment');
    }
    expect(server.logLines.some((l) => l.includes('renew BAKONG_TOKEN'))).toBe(true);
    await standIn(server, 'failure', { mode: 'none' });

    // Bakong answers again: not paid, and well past expiry plus grace → the order expires and gives its stock back.
    await server.payments.runOnce(afterGrace);
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('expired');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await failure(api.renewOrderPayment({ params: { id: order.id } }))).toMatchObject({ status: 409 });
  });

  it('an expired QR can be renewed while stock is reserved; the old QR is still watched and honoured', async () => {
    const { api, order } = await orderOf(1, 5000);
    const first = await api.getOrderPayment({ params: { id: order.id } });
    expect(await failure(api.renewOrderPayment({ params: { id: order.id } }))).toMatchObject({ status: 409 });
    await server.database.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 1 })
      .where('md5', '=', first.md5)
      .execute();
    expect((await api.getOrderPayment({ params: { id: order.id } })).status).toBe('expired');

    const renewed = await api.renewOrderPayment({ params: { id: order.id } });
    expect(renewed).toMatchObject({ status: 'pending' });
    expect(renewed.md5).not.toBe(first.md5);
    await standIn(server, 'pay', { qr: first.khqr, allowExpired: true });
    await server.database.db
      .updateTable('payments')
      .set({ next_check_at: 0 })
      .where('order_id', '=', order.id)
      .execute();
    await checkPaymentsNow(server);
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('paid');
  });

  it("another customer's order and payment are 404", async () => {
    const { order } = await orderOf(1, 1000);
    const stranger = (await signedInAs(server.database.db, 'customer')).client(server.url);
    expect(await failure(stranger.getOrderPayment({ params: { id: order.id } }))).toMatchObject({
      status: 404,
    });
    expect(await failure(stranger.renewOrderPayment({ params: { id: order.id } }))).toMatchObject({
      status: 404,
    });
  });
});
