import { describe, expect, it } from 'vitest';
import {
  aProductWithStock,
  checkPaymentsNow,
  failure,
  placedOrder,
  standIn,
  useTestShopWithMail,
} from '../../../test/factory';
import { signedInAs } from '../../../test/support';

/**
 * Money paid for an order that no longer waits for it (issue 9, finding 10): recorded as owed back, staff mailed,
 * listed and marked refunded through the back office's route. Payments through the Bakong stand-in and the payment
 * job, mail through the outbox to a loopback SMTP server.
 */
const shop = useTestShopWithMail({ env: { BAKONG_POLL_MS: '3600000' } });

async function placed(currency: 'USD' | 'KHR' = 'USD') {
  const product = await aProductWithStock(shop, { stock: 3, priceCents: 4250, name: 'SSD' });
  const { api, order } = await placedOrder(shop.server, {
    items: [{ productId: product.id, quantity: 1 }],
    currency,
  });
  return { api, order, payment: await api.getOrderPayment({ params: { id: order.id } }) };
}

describe('money paid for an order that no longer waits for it', () => {
  it('a cancelled order paid anyway: owed back, staff mailed, listed, marked refunded once', async () => {
    const { api, order, payment } = await placed();
    await api.cancelOrder({ params: { id: order.id } });
    await standIn(shop.server, 'pay', { qr: payment.khqr });
    await checkPaymentsNow(shop.server);
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('cancelled');

    const { items } = await shop.staff.listRefundsOwed({ query: {} });
    const owed = items.find((item) => item.orderId === order.id);
    expect(owed).toMatchObject({
      orderNumber: order.number,
      orderStatus: 'cancelled',
      amount: 4250,
      currency: 'USD',
      md5: payment.md5,
      bakongHash: expect.any(String),
      status: 'open',
      refundedBy: null,
      customer: { email: order.customer.email },
    });

    const mail = await shop.smtp.waitFor(
      (m) => m.to === shop.staffUser.email && m.subject.includes(order.number),
    );
    expect(mail.subject).toMatch(/^Money to refund/);
    expect(mail.text).toContain('$42.50');
    expect(mail.text).toContain(owed!.bakongHash!);

    // Another pass of the job finds nothing new: the payment is owed back once.
    await checkPaymentsNow(shop.server);
    expect(
      (await shop.staff.listRefundsOwed({ query: {} })).items.filter((item) => item.orderId === order.id),
    ).toHaveLength(1);

    const refunded = await shop.staff.markRefunded({
      params: { id: owed!.id },
      body: { note: 'sent back by ABA transfer, ref 0042' },
    });
    expect(refunded).toMatchObject({
      status: 'refunded',
      note: 'sent back by ABA transfer, ref 0042',
      refundedBy: { name: 'staff' },
      refundedAt: expect.any(Number),
    });
    expect(
      await failure(shop.staff.markRefunded({ params: { id: owed!.id }, body: { note: 'again' } })),
    ).toMatchObject({ status: 409 });
    expect(
      await failure(shop.staff.markRefunded({ params: { id: 'no-such-record' }, body: { note: 'nothing' } })),
    ).toMatchObject({ status: 404 });
    expect((await shop.staff.listRefundsOwed({ query: {} })).items.map((i) => i.id)).not.toContain(owed!.id);
    expect((await shop.admin.listRefundsOwed({ query: { status: 'refunded' } })).items[0]).toMatchObject({
      id: owed!.id,
    });
    const audit = await shop.server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'refund_owed')
      .where('entity_id', '=', owed!.id)
      .orderBy('created_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['refund_owed.found', 'refund_owed.refunded']);
  });

  it('both QR codes of an order paid: the later payment is owed back, in riel', async () => {
    const { api, order, payment: first } = await placed('KHR');
    await shop.server.database.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 1 })
      .where('md5', '=', first.md5)
      .execute();
    const second = await api.renewOrderPayment({ params: { id: order.id } });
    await standIn(shop.server, 'pay', { qr: second.khqr });
    await checkPaymentsNow(shop.server);
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('paid');

    // The customer's other phone paid the first QR too, just in time.
    await standIn(shop.server, 'pay', { qr: first.khqr, allowExpired: true });
    await checkPaymentsNow(shop.server);
    const owed = (await shop.staff.listRefundsOwed({ query: {} })).items.find((i) => i.orderId === order.id);
    expect(owed).toMatchObject({
      orderStatus: 'paid',
      currency: 'KHR',
      amount: order.totalKhr,
      md5: first.md5,
    });
  });

  it('a wrong amount paid for a cancelled order is owed back as it was paid', async () => {
    const { api, order, payment } = await placed();
    await api.cancelOrder({ params: { id: order.id } });
    await standIn(shop.server, 'pay', { qr: payment.khqr, amount: 40 });
    await checkPaymentsNow(shop.server);
    const owed = (await shop.staff.listRefundsOwed({ query: {} })).items.find((i) => i.orderId === order.id);
    expect(owed).toMatchObject({ orderStatus: 'cancelled', currency: 'USD', amount: 4000 });
  });

  it('nobody but staff and admins sees or settles what is owed', async () => {
    const customer = (await signedInAs(shop.server.database.db, 'customer')).client(shop.server.url);
    expect(await failure(customer.listRefundsOwed({ query: {} }))).toMatchObject({ status: 403 });
    expect(await failure(shop.server.client.listRefundsOwed({ query: {} }))).toMatchObject({ status: 401 });
    const { items } = await shop.staff.listRefundsOwed({ query: {} });
    expect(
      await failure(
        customer.markRefunded({ params: { id: items[0]?.id ?? 'x' }, body: { note: 'mine now' } }),
      ),
    ).toMatchObject({ status: 403 });
  });
});
