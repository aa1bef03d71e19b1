import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { PushItem, SalePayment } from '@shop/shared';
import {
  aProductWithStock,
  checkPaymentsNow,
  failure,
  payAndCheck,
  placedOrder,
  useTestShopWithCounters,
} from '../../../test/factory';
import { UNCLAIMED_AFTER_MS } from './counter-khqr';

/**
 * The back office's payments (issue 13 item 4), through the real routes with the Bakong stand-in and the payment
 * job: KHQRs paid but not as asked, with what Bakong reported; payments the server could not vouch for, matched with
 * the bank statement or refunded, once, with a note and an audit row.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Front'], { env: { BAKONG_POLL_MS: '3600000' } });
const db = () => shop.server.database.db;

async function counterSale(payments: SalePayment[], priceCents = 2000) {
  const cable = await aProductWithStock(shop, { stock: 5, name: 'USB-C cable' });
  const item: PushItem = {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId: shop.staffUser.userId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: [{ productId: cable.id, quantity: 1, unitPriceCents: priceCents }],
    payments,
  };
  const [result] = (await counter.client.pushItems({ body: { items: [item] } })).results;
  expect(result).toMatchObject({ status: 'applied' });
  const [payment] = await db()
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', result!.orderId!)
    .where('method', '=', 'khqr')
    .execute();
  return { orderId: result!.orderId!, orderNumber: result!.orderNumber!, receipt: item, payment: payment! };
}

describe('payments in review', () => {
  it('a web KHQR paid short: listed with what Bakong reported until staff settle the order', async () => {
    const ssd = await aProductWithStock(shop, { stock: 3, priceCents: 4250, name: 'SSD' });
    const { order, api } = await placedOrder(shop.server, { items: [{ productId: ssd.id, quantity: 1 }] });
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    await payAndCheck(shop.server, payment.khqr, 40);

    const { items } = await shop.staff.listPaymentsInReview({ query: {} });
    const item = items.find((i) => i.order?.id === order.id);
    expect(item).toMatchObject({
      order: { id: order.id, number: order.number, status: 'payment_review' },
      customer: { email: order.customer.email },
      asked: { amount: 4250, currency: 'USD' },
      reported: { amount: 4000, currency: 'USD', toAccountId: expect.any(String), hash: expect.any(String) },
      problems: ['paid 4000 instead of 4250'],
      md5: payment.md5,
      reconciledAt: null,
    });

    await shop.staff.transitionOrder({
      params: { id: order.id },
      body: { to: 'paid', reason: 'customer paid the rest in cash' },
    });
    const open = await shop.staff.listPaymentsInReview({ query: {} });
    expect(open.items.map((i) => i.id)).not.toContain(item!.id);
    const all = await shop.staff.listPaymentsInReview({ query: { state: 'all' } });
    expect(all.items.find((i) => i.id === item!.id)).toMatchObject({ order: { status: 'paid' } });
  });

  it("a counter's KHQR paid in the wrong amount: in review without an order, settled by reconciling it", async () => {
    const id = ulid();
    const asked = await counter.client.requestCounterKhqr({ body: { id, amount: 1500, currency: 'USD' } });
    await payAndCheck(shop.server, asked.khqr, 10);

    const review = (await shop.staff.listPaymentsInReview({ query: {} })).items.find((i) => i.id === id);
    expect(review).toMatchObject({
      order: null,
      customer: null,
      deviceId: counter.id,
      asked: { amount: 1500, currency: 'USD' },
      reported: { amount: 1000 },
      problems: ['paid 1000 instead of 1500'],
    });
    const toReconcile = (await shop.staff.listPaymentsToReconcile({ query: {} })).items.find(
      (i) => i.id === id,
    );
    expect(toReconcile).toMatchObject({ kind: 'mismatch', order: null, deviceId: counter.id, amount: 1500 });

    await shop.staff.reconcilePayment({
      params: { id },
      body: { outcome: 'refunded', note: 'sent $10 back by ABA to the payer' },
    });
    expect((await shop.staff.listPaymentsInReview({ query: {} })).items.map((i) => i.id)).not.toContain(id);
  });
});

describe('payments to reconcile', () => {
  it('a static KHQR staff confirmed at the counter: matched with the statement once, with a note and an audit row', async () => {
    const sale = await counterSale([{ method: 'khqr', currency: 'USD', amount: 2000, staffConfirmed: true }]);
    const { items } = await shop.staff.listPaymentsToReconcile({ query: {} });
    expect(items.find((i) => i.id === sale.payment.id)).toMatchObject({
      kind: 'static_qr',
      problem: null,
      order: {
        id: sale.orderId,
        number: sale.orderNumber,
        receiptNumber: (sale.receipt as { receiptNumber: string }).receiptNumber,
      },
      method: 'khqr',
      amount: 2000,
      currency: 'USD',
      receivedBy: { id: shop.staffUser.userId },
      reconciled: null,
    });

    expect(
      await failure(
        shop.staff.reconcilePayment({
          params: { id: sale.payment.id },
          body: { outcome: 'matched', note: '' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { note: expect.any(String) } });
    expect(
      await failure(
        shop.staff.reconcilePayment({
          params: { id: sale.payment.id },
          body: { outcome: 'lost' as never, note: 'statement line 14' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { outcome: expect.any(String) } });

    const done = await shop.staff.reconcilePayment({
      params: { id: sale.payment.id },
      body: { outcome: 'matched', note: 'ABA statement 7 Dec, line 14' },
    });
    expect(done).toMatchObject({
      id: sale.payment.id,
      reconciled: {
        at: expect.any(Number),
        by: { id: shop.staffUser.userId, name: 'staff' },
        outcome: 'matched',
        note: 'ABA statement 7 Dec, line 14',
      },
    });
    expect(
      await failure(
        shop.admin.reconcilePayment({
          params: { id: sale.payment.id },
          body: { outcome: 'refunded', note: 'trying again' },
        }),
      ),
    ).toMatchObject({ status: 409 });

    expect((await shop.staff.listPaymentsToReconcile({ query: {} })).items.map((i) => i.id)).not.toContain(
      sale.payment.id,
    );
    const settled = await shop.staff.listPaymentsToReconcile({ query: { status: 'reconciled' } });
    expect(settled.items[0]).toMatchObject({ id: sale.payment.id, reconciled: { outcome: 'matched' } });
    expect(
      (await shop.staff.getAdminOrder({ params: { id: sale.orderId } })).payments.find(
        (p) => p.id === sale.payment.id,
      ),
    ).toMatchObject({ needsReconciliation: true, reconciledAt: done.reconciled!.at });

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'after_json'])
      .where('entity', '=', 'payment')
      .where('entity_id', '=', sale.payment.id)
      .where('action', '=', 'payment.reconciled')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(shop.staffUser.userId);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
      outcome: 'matched',
      note: 'ABA statement 7 Dec, line 14',
    });
  });

  it('two staff settling the same payment at once: one is recorded, the other told it was done (409)', async () => {
    const sale = await counterSale([{ method: 'khqr', currency: 'KHR', amount: 8000, staffConfirmed: true }]);
    const attempts = await Promise.allSettled(
      [shop.staff, shop.admin].map((client, i) =>
        client.reconcilePayment({
          params: { id: sale.payment.id },
          body: { outcome: 'matched', note: `statement line ${i}` },
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(
      attempts.filter((a) => a.status === 'rejected').map((a) => (a.reason as { status: number }).status),
    ).toEqual([409]);
    const audit = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', sale.payment.id)
      .where('action', '=', 'payment.reconciled')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a counter KHQR the server never made: listed as unverified with the reason', async () => {
    const sale = await counterSale([{ method: 'khqr', currency: 'USD', amount: 2000, md5: 'f'.repeat(32) }]);
    const { items } = await shop.staff.listPaymentsToReconcile({ query: { pageSize: 100 } });
    expect(items.find((i) => i.id === sale.payment.id)).toMatchObject({
      kind: 'unverified',
      problem: 'the server never made this KHQR',
      order: { id: sale.orderId },
    });
  });

  it('a counter KHQR paid and never taken by a sale: listed as unclaimed a day later', async () => {
    const id = ulid();
    const asked = await counter.client.requestCounterKhqr({ body: { id, amount: 900, currency: 'USD' } });
    await payAndCheck(shop.server, asked.khqr);
    expect(
      (await shop.staff.listPaymentsToReconcile({ query: { pageSize: 100 } })).items.map((i) => i.id),
    ).not.toContain(id);
    await checkPaymentsNow(shop.server, Date.now() + UNCLAIMED_AFTER_MS + 60_000);
    const { items } = await shop.staff.listPaymentsToReconcile({ query: { pageSize: 100 } });
    expect(items.find((i) => i.id === id)).toMatchObject({
      kind: 'unclaimed',
      order: null,
      deviceId: counter.id,
      md5: asked.md5,
      bakongHash: expect.any(String),
      amount: 900,
    });
  });

  it('only payments to reconcile can be reconciled: cash, a paid web KHQR and unknown ids are 404', async () => {
    const cash = await counterSale([
      { method: 'cash', currency: 'USD', amount: 2000, tendered: 2000, change: 0 },
    ]);
    const [cashPayment] = await db()
      .selectFrom('payments')
      .select('id')
      .where('order_id', '=', cash.orderId)
      .execute();
    const ssd = await aProductWithStock(shop, { stock: 3, priceCents: 4250, name: 'SSD' });
    const { order, api } = await placedOrder(shop.server, { items: [{ productId: ssd.id, quantity: 1 }] });
    await payAndCheck(shop.server, (await api.getOrderPayment({ params: { id: order.id } })).khqr);
    const [webPayment] = await db()
      .selectFrom('payments')
      .select('id')
      .where('order_id', '=', order.id)
      .execute();
    for (const id of [cashPayment!.id, webPayment!.id, 'no-such-payment'])
      expect(
        await failure(
          shop.staff.reconcilePayment({ params: { id }, body: { outcome: 'matched', note: 'statement' } }),
        ),
        id,
      ).toMatchObject({ status: 404 });
    // A customer cannot see or settle any of it.
    expect(await failure(api.listPaymentsToReconcile({ query: {} }))).toMatchObject({ status: 403 });
    expect(await failure(api.listPaymentsInReview({ query: {} }))).toMatchObject({ status: 403 });
    expect(
      await failure(
        api.reconcilePayment({
          params: { id: webPayment!.id },
          body: { outcome: 'matched', note: 'statement' },
        }),
      ),
    ).toMatchObject({ status: 403 });
  });
});
