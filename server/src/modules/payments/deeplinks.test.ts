import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ShopClient } from '@shop/shared';
import {
  aProductWithStock,
  payAndCheck,
  placedOrder as placeOrder,
  standIn,
  startTestShop,
} from '../../../test/factory';
import type { TestServer } from '../../../test/support';

/**
 * The bank-app link of an order's KHQR, asked of the Bakong stand-in mounted in the server: it comes with the
 * payment answer while the QR can be paid, is asked for once per QR, and an outage or a hanging Bakong leaves the
 * answer without a link but never fails or holds it up.
 */
const PUBLIC_URL = 'https://shop.example.test';

let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop({ env: { BAKONG_POLL_MS: '3600000', PUBLIC_URL } }));
});
afterAll(() => server?.stop());
afterEach(() => standIn(server, 'failure', { mode: 'none' }));

async function placedOrder() {
  const product = await aProductWithStock(
    { admin, staff },
    { stock: 2, priceCents: 3900, name: 'Webcam', category: 'keyboards-mice' },
  );
  return placeOrder(server, { items: [{ productId: product.id, quantity: 1 }] });
}

describe('bank-app links for payment QRs', () => {
  it('a payable QR comes with its link, asked once and kept: a later outage does not take it away', async () => {
    const { api, order } = await placedOrder();
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    expect(payment.status).toBe('pending');
    expect(payment.deeplink).toMatch(/^https:\/\/bakong\.page\.link\/[\w-]+$/);
    await standIn(server, 'failure', { mode: '500' });
    expect((await api.getOrderPayment({ params: { id: order.id } })).deeplink).toBe(payment.deeplink);

    // Each QR has its own link.
    const other = await placedOrder();
    await standIn(server, 'failure', { mode: 'none' });
    const otherLink = (await other.api.getOrderPayment({ params: { id: other.order.id } })).deeplink;
    expect(otherLink).toMatch(/^https:\/\/bakong\.page\.link\//);
    expect(otherLink).not.toBe(payment.deeplink);
  });

  it('Bakong down: the payment answer still comes, with its QR and without a link', async () => {
    const { api, order } = await placedOrder();
    await standIn(server, 'failure', { mode: '500' });
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    expect(payment).toMatchObject({ status: 'pending', deeplink: null });
    expect(payment.khqr).toMatch(/^000201/);
    // The server's clock comes with it, for pages on devices whose clock is off.
    expect(Math.abs(payment.serverNow - Date.now())).toBeLessThan(5_000);
  });

  it('Bakong hanging: the payment answer does not wait for it', async () => {
    const { api, order } = await placedOrder();
    await standIn(server, 'failure', { mode: 'timeout' });
    const started = Date.now();
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(payment).toMatchObject({ status: 'pending', deeplink: null });
  });

  it('a paid QR has no link: a bank app must not offer to pay it again', async () => {
    const { api, order } = await placedOrder();
    const { khqr, deeplink } = await api.getOrderPayment({ params: { id: order.id } });
    expect(deeplink).not.toBeNull();
    await payAndCheck(server, khqr);
    expect(await api.getOrderPayment({ params: { id: order.id } })).toMatchObject({
      status: 'paid',
      deeplink: null,
    });
  });
});
