import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Order, ShopClient } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  placedOrder as placeOrder,
  standIn,
  useTestShopWithMail,
} from '../../../test/factory';
import { signedInAs } from '../../../test/support';
import { createOrderMailer, notifyOrderEvent } from '../orders/notifications';

/**
 * Payment screenshots through real HTTP, with mail through a real SMTP server on loopback: a customer sends one,
 * staff accept (the order is paid, its stock sold) or reject it (the customer is told why); screenshots are private;
 * a screenshot sent for two orders is flagged. And the mails an order sends along its way.
 */
const PUBLIC_URL = 'https://shop.example.test';

const shop = useTestShopWithMail({ env: { BAKONG_POLL_MS: '3600000', PUBLIC_URL } });

const stockOf = (productId: string) => shop.staff.getProductStock({ params: { id: productId } });

let shade = 0;
/** A phone screenshot of a bank app; each one different, unless the same bytes are sent on purpose. */
const screenshot = () =>
  sharp({
    create: { width: 390, height: 844, channels: 3, background: { r: 200, g: shade++ % 256, b: 40 } },
  })
    .png()
    .toBuffer();

const asFile = (bytes: Buffer, type = 'image/png') => new Blob([new Uint8Array(bytes)], { type });

async function placedOrder(options: { fulfilment?: 'pickup' | 'delivery'; locale?: 'km' } = {}) {
  const product = await aProductWithStock(shop, {
    stock: 5,
    priceCents: 3500,
    name: 'Mechanical keyboard',
    category: 'keyboards-mice',
  });
  const customer = await aCustomer(shop.server, options.locale ? { locale: options.locale } : {});
  const { api, order } = await placeOrder(shop.server, {
    customer,
    items: [{ productId: product.id, quantity: 2 }],
    ...(options.fulfilment && { fulfilment: options.fulfilment }),
  });
  return { api, order, product, token: customer.token };
}

const upload = async (api: ShopClient, order: Order, bytes?: Buffer) =>
  api.uploadPaymentProof({
    params: { id: order.id },
    file: asFile(bytes ?? (await screenshot())),
    fileName: 'proof.png',
  });

const mailTo = (order: Order, subject: RegExp) =>
  shop.smtp.waitFor((m) => m.to === order.customer.email && subject.test(m.subject));

describe('payment screenshots', () => {
  it('a customer sends one; staff see it in the queue and accept it: the order is paid, its stock sold', async () => {
    const { api, order, product } = await placedOrder();
    const proof = await upload(api, order);
    expect(proof).toMatchObject({ status: 'pending', reason: null, reviewedAt: null });
    // Sending a screenshot changes nothing by itself.
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('pending_payment');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 2 });

    const queue = await shop.staff.listPaymentProofs({ query: { status: 'pending', pageSize: 100 } });
    expect(queue.items.find((p) => p.id === proof.id)).toMatchObject({
      orderId: order.id,
      orderNumber: order.number,
      orderStatus: 'pending_payment',
      amount: 7000,
      currency: 'USD',
      customer: { email: order.customer.email },
      duplicateOfOrderId: null,
      uploadedAt: proof.uploadedAt,
    });

    const accepted = await shop.staff.reviewPaymentProof({
      params: { id: proof.id },
      body: { decision: 'accept' },
    });
    expect(accepted).toMatchObject({
      status: 'accepted',
      orderStatus: 'paid',
      reviewedBy: { name: 'staff' },
    });
    const paid = await api.getOrder({ params: { id: order.id } });
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).not.toBeNull();
    expect(paid.events.slice(1).map((e) => [e.to, e.actor, e.reason])).toEqual([
      ['payment_review', 'staff', 'payment proof accepted'],
      ['paid', 'staff', 'payment proof accepted'],
    ]);
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 0 });
    expect((await api.getOrderPayment({ params: { id: order.id } })).status).toBe('paid');
    expect((await api.listOrderPaymentProofs({ params: { id: order.id } })).items).toMatchObject([
      { id: proof.id, status: 'accepted' },
    ]);
    expect(
      (await shop.staff.listPaymentProofs({ query: { pageSize: 100 } })).items.some((p) => p.id === proof.id),
    ).toBe(false);

    const mail = await mailTo(order, /Payment received/);
    expect(mail.subject).toContain(order.number);
    expect(mail.text).toContain('$70.00');

    // Paid now: no more screenshots, and the decision was final.
    expect(await failure(upload(api, order))).toMatchObject({ status: 409 });
    expect(
      await failure(
        shop.staff.reviewPaymentProof({ params: { id: proof.id }, body: { decision: 'accept' } }),
      ),
    ).toMatchObject({ status: 409 });
  });

  it('an order whose QR runs out while a screenshot waits is held for staff instead of expiring', async () => {
    const { api, order, product } = await placedOrder();
    const proof = await upload(api, order);
    await shop.server.database.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 60_000, watch_until: Date.now() - 1, next_check_at: 0 })
      .where('order_id', '=', order.id)
      .execute();
    await shop.server.payments.runOnce();
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('payment_review');
    expect(await stockOf(product.id)).toMatchObject({ reserved: 2 });
    await shop.staff.reviewPaymentProof({ params: { id: proof.id }, body: { decision: 'accept' } });
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('paid');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('a rejected screenshot leaves the order waiting for payment and mails the customer why', async () => {
    const { api, order, product } = await placedOrder();
    const proof = await upload(api, order);
    expect(
      await failure(
        shop.staff.reviewPaymentProof({ params: { id: proof.id }, body: { decision: 'reject' } }),
      ),
    ).toMatchObject({ status: 400, fields: { reason: expect.any(String) } });

    const reason = 'The screenshot shows $7.00, not $70.00 <please check>';
    const rejected = await shop.staff.reviewPaymentProof({
      params: { id: proof.id },
      body: { decision: 'reject', reason },
    });
    expect(rejected).toMatchObject({ status: 'rejected', reason, orderStatus: 'pending_payment' });
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('pending_payment');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 2 });
    expect((await api.listOrderPaymentProofs({ params: { id: order.id } })).items).toMatchObject([
      { id: proof.id, status: 'rejected', reason },
    ]);

    const mail = await mailTo(order, /payment screenshot/);
    expect(mail.subject).toContain(order.number);
    expect(mail.subject).not.toContain('$7.00');
    expect(mail.text).toContain(reason);
    expect(mail.html).toContain('&lt;please check&gt;');
    expect(mail.text).toContain(`${PUBLIC_URL}/orders/${order.id}`);

    for (const decision of ['accept', 'reject'] as const) {
      expect(
        await failure(
          shop.staff.reviewPaymentProof({ params: { id: proof.id }, body: { decision, reason: 'again' } }),
        ),
      ).toMatchObject({ status: 409 });
    }
    // A better screenshot may follow.
    expect(await upload(api, order)).toMatchObject({ status: 'pending' });
  });

  it('only pictures, judged by their content: a text file named .png is refused, and so is a huge file', async () => {
    const { api, order } = await placedOrder();
    const text = Buffer.from('I paid, promise!\n'.repeat(100));
    expect(
      await failure(
        api.uploadPaymentProof({ params: { id: order.id }, file: asFile(text), fileName: 'proof.png' }),
      ),
    ).toMatchObject({ status: 400, fields: { file: expect.any(String) } });
    expect(await failure(api.uploadPaymentProof({ params: { id: order.id } } as never))).toMatchObject({
      status: 400,
      fields: { file: 'required' },
    });
    const huge = Buffer.concat([await screenshot(), Buffer.alloc(8 * 1024 * 1024)]);
    expect(await failure(upload(api, order, huge))).toMatchObject({
      status: 413,
      fields: { file: expect.any(String) },
    });
    expect((await api.listOrderPaymentProofs({ params: { id: order.id } })).items).toEqual([]);
  });

  it('screenshots are private: the customer and staff see them, as a WebP without metadata; others get 404', async () => {
    const { api, order, token } = await placedOrder();
    const phonePhoto = await sharp({
      create: { width: 900, height: 1600, channels: 3, background: '#1f7a4d' },
    })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Pocket 12' } })
      .toBuffer();
    const proof = await api.uploadPaymentProof({
      params: { id: order.id },
      file: asFile(phonePhoto, 'image/jpeg'),
      fileName: 'IMG_0042.jpg',
    });

    const image = await api.getPaymentProofImage({ params: { id: proof.id } });
    expect(image.type).toBe('image/webp');
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 900, height: 1600 });
    expect(meta.exif).toBeUndefined();
    expect((await shop.staff.getPaymentProofImage({ params: { id: proof.id } })).type).toBe('image/webp');
    for (const bearer of [token, shop.staffUser.token]) {
      const response = await fetch(`${shop.server.url}/api/v1/payment-proofs/${proof.id}/image`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      await response.body?.cancel();
    }
    expect((await shop.staff.listOrderPaymentProofs({ params: { id: order.id } })).items).toHaveLength(1);

    const stranger = (await signedInAs(shop.server.database.db, 'customer')).client(shop.server.url);
    for (const call of [
      () => upload(stranger, order),
      () => stranger.listOrderPaymentProofs({ params: { id: order.id } }),
      () => stranger.getPaymentProofImage({ params: { id: proof.id } }),
    ])
      expect(await failure(call())).toMatchObject({ status: 404 });
    const anonymous = await fetch(`${shop.server.url}/api/v1/payment-proofs/${proof.id}/image`);
    expect(anonymous.status).toBe(401);
    // Not under the public files either, whatever the key.
    const key = `proofs/${order.id.toLowerCase()}/${proof.id.toLowerCase()}.webp`;
    expect((await fetch(`${shop.server.url}/files/${key}`)).status).toBe(404);
  });

  it('the same screenshot sent for a second order is flagged to staff', async () => {
    const bytes = await screenshot();
    const first = await placedOrder();
    const second = await placedOrder();
    await upload(first.api, first.order, bytes);
    // Sent twice for the same order (a retried upload): the same proof, not a duplicate.
    const again = await upload(first.api, first.order, bytes);
    expect((await first.api.listOrderPaymentProofs({ params: { id: first.order.id } })).items).toEqual([
      again,
    ]);
    const reused = await upload(second.api, second.order, bytes);

    const queue = await shop.staff.listPaymentProofs({ query: { pageSize: 100 } });
    expect(queue.items.find((p) => p.id === reused.id)).toMatchObject({
      orderId: second.order.id,
      duplicateOfOrderId: first.order.id,
      duplicateOfOrderNumber: first.order.number,
    });
    expect(queue.items.find((p) => p.id === again.id)).toMatchObject({ duplicateOfOrderId: null });
  });

  it('customers cannot review screenshots nor see the queue', async () => {
    const { api, order } = await placedOrder();
    const proof = await upload(api, order);
    expect(
      await failure(api.reviewPaymentProof({ params: { id: proof.id }, body: { decision: 'accept' } })),
    ).toMatchObject({ status: 403 });
    expect(await failure(api.listPaymentProofs({ query: {} }))).toMatchObject({ status: 403 });
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('pending_payment');
    expect(
      await failure(
        shop.staff.reviewPaymentProof({ params: { id: 'NO-SUCH-PROOF' }, body: { decision: 'accept' } }),
      ),
    ).toMatchObject({ status: 404 });
  });

  it('an order that ended unpaid takes no screenshot, and one sent before cannot pay it any more', async () => {
    const { api, order } = await placedOrder();
    const proof = await upload(api, order);
    await api.cancelOrder({ params: { id: order.id } });
    expect(await failure(upload(api, order))).toMatchObject({ status: 409 });
    expect(
      await failure(
        shop.staff.reviewPaymentProof({ params: { id: proof.id }, body: { decision: 'accept' } }),
      ),
    ).toMatchObject({ status: 409 });
    // Nothing was half done: the proof still waits for a decision.
    expect((await api.listOrderPaymentProofs({ params: { id: order.id } })).items).toMatchObject([
      { status: 'pending' },
    ]);
  });
});

describe('order mails', () => {
  it('placing an order mails its number, total and the link to pay, in the customer’s language', async () => {
    const { order } = await placedOrder();
    const mail = await mailTo(order, new RegExp(`${order.number}\\b`));
    expect(mail.subject).toMatch(/^Your order W-\d+/);
    expect(mail.text).toContain('$70.00');
    expect(mail.text).toContain(`${PUBLIC_URL}/orders/${order.id}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/orders/${order.id}"`);

    const khmer = await placedOrder({ locale: 'km' });
    const km = await mailTo(khmer.order, new RegExp(`${khmer.order.number}\\b`));
    expect(km.subject).toContain('ការបញ្ជាទិញ');
    expect(km.text).toContain(`${PUBLIC_URL}/orders/${khmer.order.id}`);
  });

  it('staff moving orders along mails "ready for pickup" and "on its way"; a Bakong payment mails its receipt', async () => {
    const pickup = await placedOrder();
    await shop.staff.reviewPaymentProof({
      params: { id: (await upload(pickup.api, pickup.order)).id },
      body: { decision: 'accept' },
    });
    for (const to of ['processing', 'ready_for_pickup'] as const)
      await shop.staff.transitionOrder({ params: { id: pickup.order.id }, body: { to } });
    const ready = await mailTo(pickup.order, /ready for pickup/);
    expect(ready.subject).toContain(pickup.order.number);

    const delivery = await placedOrder({ fulfilment: 'delivery' });
    const { khqr } = await delivery.api.getOrderPayment({ params: { id: delivery.order.id } });
    await standIn(shop.server, 'pay', { qr: khqr }); // answered 200
    await shop.server.database.db
      .updateTable('payments')
      .set({ next_check_at: 0 })
      .where('order_id', '=', delivery.order.id)
      .execute();
    await shop.server.payments.runOnce();
    const receipt = await mailTo(delivery.order, /Payment received/);
    expect(receipt.text).toContain('on its way');
    for (const to of ['processing', 'out_for_delivery'] as const)
      await shop.staff.transitionOrder({ params: { id: delivery.order.id }, body: { to } });
    const shipped = await mailTo(delivery.order, /on its way/);
    expect(shipped.subject).toContain(delivery.order.number);
    expect(shipped.text).toContain(`${PUBLIC_URL}/orders/${delivery.order.id}`);

    await mailTo(delivery.order, /^Your order/);
    const sent = shop.smtp.messages
      .filter((m) => m.to === delivery.order.customer.email)
      .map((m) => m.subject);
    expect(sent).toHaveLength(3); // placed, paid, on its way: nothing for "processing"
  });

  it('an order without an email (a walk-in at the counter) mails nobody', async () => {
    const { order } = await placedOrder();
    const db = shop.server.database.db;
    const row = await db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('email_outbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await db.transaction().execute(async (tx) => {
      const walkIn = { ...row, channel: 'pos', user_id: null, customer_email: null };
      const mailer = createOrderMailer(shop.server.url);
      await notifyOrderEvent(mailer, tx, walkIn, null, 'pending_payment');
      await notifyOrderEvent(mailer, tx, walkIn, 'pending_payment', 'paid');
    });
    expect(await count()).toBe(before);
  });
});
