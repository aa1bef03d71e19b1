import { describe, expect, it } from 'vitest';
import { holdLimitOf, type ApiError, type ShopClient } from '@shop/shared';
import { clientFrom } from '../../../test/client-address';
import {
  aProductWithStock,
  checkPaymentsNow,
  failure,
  payAndCheck,
  useTestShopWithMail,
} from '../../../test/factory';
import { startSession } from '../accounts/sessions';
import { createActiveUser } from '../accounts/users';
import { inTransaction } from '../../db/transaction';
import { setSetting } from '../settings/service';
import { DEFAULT_HOLD_LIMITS, HOLD_LIMITS_KEY, type HoldLimits } from './hold-limits';

/**
 * Stock that cannot be hoarded (issue 9, finding 9): what one customer, one browser and one network address may hold
 * unpaid, how long a hold lasts however often its QR is renewed, and what happens to a payment review that keeps
 * stock for long. Real HTTP from different loopback addresses, the real database, mail through the real outbox to
 * a loopback SMTP server, payments through the Bakong stand-in and the payment job.
 */
const shop = useTestShopWithMail({ env: { BAKONG_POLL_MS: '3600000' } });

const productWithStock = (stock: number, priceCents = 1500) =>
  aProductWithStock(shop, { stock, priceCents, name: 'Graphics card' });

/** A new customer account and its credentials. */
async function account() {
  const email = `holder-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const password = 'holder-password-4821';
  const user = await createActiveUser(shop.server.database.db, {
    email,
    password,
    name: 'Holder',
    role: 'customer',
  });
  return { id: user.id, email, password };
}

/** A customer's app (bearer session, no cookies) connecting from `address`. */
async function customerFrom(address: string) {
  const { id } = await account();
  const { token } = await startSession(shop.server.database.db, id);
  return clientFrom(shop.server.url, address, { token }).client;
}

const order = (api: ShopClient, productId: string, quantity = 1) =>
  api.placeOrder({ body: { items: [{ productId, quantity }], fulfilment: 'pickup', currency: 'USD' } });

const setHoldLimits = (limits: Partial<HoldLimits>) =>
  inTransaction(shop.server.database.db, (tx) => setSetting(tx, HOLD_LIMITS_KEY, limits));

const stockOf = (productId: string) => shop.staff.getProductStock({ params: { id: productId } });

describe('what one customer may hold unpaid', () => {
  it('at most 3 unpaid orders, even when 8 arrive at once; cancelling one frees a place', async () => {
    const product = await productWithStock(50);
    const api = await customerFrom('127.0.0.2');
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => order(api, product.id)));
    const placed = attempts.filter((a) => a.status === 'fulfilled');
    expect(placed).toHaveLength(DEFAULT_HOLD_LIMITS.unpaidOrders);
    for (const refused of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
      expect(refused.reason).toMatchObject({
        status: 409,
        message: expect.stringContaining('3 orders waiting'),
      });
      expect(holdLimitOf((refused.reason as ApiError).fields)).toEqual({
        kind: 'unpaid_orders',
        by: 'customer',
        max: 3,
        productId: null,
      });
    }
    // The refused ones reserved nothing.
    expect(await stockOf(product.id)).toMatchObject({ onHand: 50, reserved: 3 });

    const [first] = placed as PromiseFulfilledResult<Awaited<ReturnType<typeof order>>>[];
    await api.cancelOrder({ params: { id: first!.value.id } });
    await expect(order(api, product.id)).resolves.toMatchObject({ status: 'pending_payment' });
    expect(await failure(order(api, product.id))).toMatchObject({ status: 409 });
  });

  it("at most half of a product's stock and 5 units across unpaid orders, also when orders race", async () => {
    const scarce = await productWithStock(4);
    const api = await customerFrom('127.0.0.3');
    const tooMany = await failure(order(api, scarce.id, 3));
    expect(tooMany).toMatchObject({
      status: 409,
      message: expect.stringContaining('at most 2 can wait unpaid'),
    });
    expect(holdLimitOf(tooMany.fields)).toEqual({
      kind: 'product_units',
      by: 'customer',
      max: 2,
      productId: scarce.id,
    });
    expect(tooMany.fields).toHaveProperty(`items.${scarce.id}`);
    await order(api, scarce.id, 2);
    expect(await failure(order(api, scarce.id, 1))).toMatchObject({ status: 409 });
    // Someone else can still buy the other half.
    await expect(order(await customerFrom('127.0.0.3'), scarce.id, 2)).resolves.toBeDefined();

    const plenty = await productWithStock(40);
    const racer = await customerFrom('127.0.0.3');
    const race = await Promise.allSettled(Array.from({ length: 6 }, () => order(racer, plenty.id, 2)));
    // 2 + 2 units, and a third order of 2 would make 6 > 5.
    expect(race.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    expect(await stockOf(plenty.id)).toMatchObject({ reserved: 4 });
  });
});

describe('what one browser and one network may hold unpaid', () => {
  it('a second account made in the same browser starts from what the first one holds (the cart cookie)', async () => {
    const product = await productWithStock(30);
    const [first, second] = [await account(), await account()];
    const browser = clientFrom(shop.server.url, '127.0.0.4', { cookies: true });
    await browser.client.login({ body: { email: first.email, password: first.password } });
    for (let i = 0; i < 3; i++) await order(browser.client, product.id);
    expect(browser.cookies.has('cart')).toBe(true); // given with the first order: it had no cart before
    await browser.client.logout({});

    await browser.client.login({ body: { email: second.email, password: second.password } });
    const refused = await failure(order(browser.client, product.id));
    expect(refused).toMatchObject({ status: 409, message: expect.stringContaining('This browser') });
    expect(holdLimitOf(refused.fields)).toMatchObject({ kind: 'unpaid_orders', by: 'browser', max: 3 });

    // The same second account from another device (no cookie, another address) is not held back.
    const { token } = await startSession(shop.server.database.db, second.id);
    const phone = clientFrom(shop.server.url, '127.0.0.5', { token }).client;
    await expect(order(phone, product.id)).resolves.toMatchObject({ status: 'pending_payment' });
  });

  it('one address holds only so many unpaid orders, whoever places them (a shop setting); others are not affected', async () => {
    const product = await productWithStock(40);
    await setHoldLimits({ addressUnpaidOrders: 4 });
    try {
      for (let i = 0; i < 4; i++) await order(await customerFrom('127.0.0.6'), product.id);
      const refused = await failure(order(await customerFrom('127.0.0.6'), product.id));
      expect(refused).toMatchObject({ status: 409, message: expect.stringContaining('your network') });
      expect(holdLimitOf(refused.fields)).toMatchObject({ kind: 'unpaid_orders', by: 'address', max: 4 });
      await expect(order(await customerFrom('127.0.0.7'), product.id)).resolves.toBeDefined();
    } finally {
      await setHoldLimits({});
    }
  });
});

describe('the counters an order moves', () => {
  /** What a holder's counters hold now, by product ('' is the count of unpaid orders). */
  const heldBy = async (holderPrefix: string, productIds: string[]) => {
    const rows = await shop.server.database.db
      .selectFrom('hold_counters')
      .select(['holder', 'product_id', 'held'])
      .where('holder', 'like', `${holderPrefix}%`)
      .where('product_id', 'in', ['', ...productIds])
      .execute();
    return Object.fromEntries(
      rows.map((r) => [`${r.holder.split(':')[0]} ${r.product_id || 'orders'}`, Number(r.held)]),
    );
  };
  const feedOf = (productIds: string[]) =>
    shop.server.database.db
      .selectFrom('change_log')
      .select('seq')
      .where('entity', '=', 'stock')
      .where('entity_id', 'in', productIds)
      .execute();

  it('an order of two products moves each holder by its units in one go; one refused at the last counter moves nothing', async () => {
    const [gpu, cable] = [await productWithStock(30), await productWithStock(30)];
    const ids = [gpu.id, cable.id];
    const { id: userId } = await account();
    const { token } = await startSession(shop.server.database.db, userId);
    const api = clientFrom(shop.server.url, '127.0.0.11', { token }).client;
    const both = {
      items: [
        { productId: gpu.id, quantity: 2 },
        { productId: cable.id, quantity: 1 },
      ],
      fulfilment: 'pickup' as const,
      currency: 'USD' as const,
    };
    await setHoldLimits({ addressUnpaidOrders: 1, stockSharePercent: 100 });
    try {
      await api.placeOrder({ body: both });
      const customerHeld = await heldBy(`customer:${userId}`, ids);
      expect(customerHeld).toEqual({
        'customer orders': 1,
        [`customer ${gpu.id}`]: 2,
        [`customer ${cable.id}`]: 1,
      });
      const feedBefore = await feedOf(ids);
      const stockBefore = await Promise.all(ids.map(stockOf));

      // The network's count of unpaid orders refuses it, after the customer's counters passed: all goes back.
      const refused = await failure(api.placeOrder({ body: both }));
      expect(holdLimitOf(refused.fields)).toMatchObject({ kind: 'unpaid_orders', by: 'address', max: 1 });
      expect(await heldBy(`customer:${userId}`, ids)).toEqual(customerHeld);
      expect(await feedOf(ids)).toEqual(feedBefore);
      expect(await Promise.all(ids.map(stockOf))).toEqual(stockBefore);
    } finally {
      await setHoldLimits({});
    }
  });
});

describe('how long a hold lasts', () => {
  /** Makes the order's current QR run out now, as time passing would. */
  const expireQr = (orderId: string) =>
    shop.server.database.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 1 })
      .where('order_id', '=', orderId)
      .where('status', '=', 'pending')
      .execute();

  it('a QR is renewed at most twice, the pay page is told how often is left, and then the order expires', async () => {
    const product = await productWithStock(5);
    const api = await customerFrom('127.0.0.8');
    const placed = await order(api, product.id);
    const first = await api.getOrderPayment({ params: { id: placed.id } });
    expect(first).toMatchObject({ renewalsLeft: 2 });
    expect(first.holdEndsAt - placed.createdAt).toBe(DEFAULT_HOLD_LIMITS.holdMinutes * 60_000);

    for (const left of [1, 0]) {
      await expireQr(placed.id);
      const renewed = await api.renewOrderPayment({ params: { id: placed.id } });
      expect(renewed).toMatchObject({ status: 'pending', renewalsLeft: left });
      expect(renewed.expiresAt).toBeLessThanOrEqual(first.holdEndsAt);
    }
    await expireQr(placed.id);
    expect(await api.getOrderPayment({ params: { id: placed.id } })).toMatchObject({
      status: 'expired',
      renewalsLeft: 0,
    });
    const refused = await failure(api.renewOrderPayment({ params: { id: placed.id } }));
    expect(refused).toMatchObject({ status: 409, fields: { renewalsLeft: '0' } });

    // The payment job ends it as any unpaid order: stock back, and the customer holds nothing any more.
    await checkPaymentsNow(shop.server, first.holdEndsAt + 60 * 60_000);
    expect((await api.getOrder({ params: { id: placed.id } })).status).toBe('expired');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 0 });
    const counters = await shop.server.database.db
      .selectFrom('hold_counters')
      .select((eb) => eb.fn.sum<number>('held').as('held'))
      .where('product_id', '=', product.id)
      .executeTakeFirstOrThrow();
    expect(Number(counters.held)).toBe(0);
  });

  it('no QR outlives the hour after placement, whatever renewals are left', async () => {
    const product = await productWithStock(5);
    const api = await customerFrom('127.0.0.8');
    const placed = await order(api, product.id);
    // Fifty minutes later: a renewed QR runs only to the end of the hour.
    const endsAt = Date.now() + 10 * 60_000;
    await shop.server.database.db
      .updateTable('order_holds')
      .set({ ends_at: endsAt })
      .where('order_id', '=', placed.id)
      .execute();
    await expireQr(placed.id);
    const renewed = await api.renewOrderPayment({ params: { id: placed.id } });
    expect(renewed).toMatchObject({ renewalsLeft: 1, expiresAt: endsAt, holdEndsAt: endsAt });
    // The hour is over: no more QR codes, though one renewal is left.
    await shop.server.database.db
      .updateTable('order_holds')
      .set({ ends_at: Date.now() - 1 })
      .where('order_id', '=', placed.id)
      .execute();
    await expireQr(placed.id);
    expect((await api.getOrderPayment({ params: { id: placed.id } })).renewalsLeft).toBe(0);
    expect(await failure(api.renewOrderPayment({ params: { id: placed.id } }))).toMatchObject({
      status: 409,
    });
  });
});

describe('a payment review that holds stock', () => {
  it('mails staff once, then admins, and after a day gives the stock back; accepting then sells what is in stock', async () => {
    const product = await productWithStock(2, 2000);
    const api = await customerFrom('127.0.0.9');
    const placed = await order(api, product.id, 1);
    const { khqr } = await api.getOrderPayment({ params: { id: placed.id } });
    // Paid, but not what the order asked: it goes to staff review and keeps its unit.
    // The stand-in must take the payment (200).
    await payAndCheck(shop.server, khqr, 19.5);
    expect((await api.getOrder({ params: { id: placed.id } })).status).toBe('payment_review');
    const start = Date.now();
    const minutes = (n: number) => start + n * 60_000;
    const mailsAbout = (to: string) =>
      shop.smtp.messages.filter((m) => m.to === to && m.subject.includes(placed.number));

    await shop.server.payments.runOnce(minutes(10));
    await shop.server.mail.runOnce();
    expect(mailsAbout(shop.staffUser.email)).toHaveLength(0);

    await shop.server.payments.runOnce(minutes(31));
    const notice = await shop.smtp.waitFor(
      (m) => m.to === shop.staffUser.email && m.subject.includes(placed.number),
    );
    expect(notice.subject).toMatch(/^Payment review waiting/);
    expect(notice.text).toContain('did not match');
    await shop.smtp.waitFor(
      (m) => m.to === shop.adminUser.email && m.subject.startsWith('Payment review waiting'),
    );
    await shop.server.payments.runOnce(minutes(45));
    await shop.server.mail.runOnce();
    expect(mailsAbout(shop.staffUser.email)).toHaveLength(1);

    await shop.server.payments.runOnce(minutes(121));
    await shop.smtp.waitFor(
      (m) => m.to === shop.adminUser.email && m.subject.startsWith('Overdue payment review'),
    );
    await shop.server.payments.runOnce(minutes(180));
    await shop.server.mail.runOnce();
    expect(mailsAbout(shop.staffUser.email)).toHaveLength(1); // escalations go to admins only
    expect(mailsAbout(shop.adminUser.email)).toHaveLength(2);
    expect(await stockOf(product.id)).toMatchObject({ onHand: 2, reserved: 1 });

    // A day in review: the unit goes back on sale, the order stays in review for staff, marked in its timeline.
    await shop.server.payments.runOnce(minutes(24 * 60 + 1));
    expect(await stockOf(product.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    const released = await api.getOrder({ params: { id: placed.id } });
    expect(released.status).toBe('payment_review');
    expect(released.events.at(-1)).toMatchObject({
      from: 'payment_review',
      to: 'payment_review',
      actor: 'system',
      reason: expect.stringContaining('went back on sale'),
    });
    // Released once: later passes change nothing.
    await shop.server.payments.runOnce(minutes(25 * 60));
    expect(await stockOf(product.id)).toMatchObject({ reserved: 0 });

    // Both units sold meanwhile: accepting the payment is refused with what is missing, nothing is oversold.
    await order(await customerFrom('127.0.0.10'), product.id, 1);
    await order(await customerFrom('127.0.0.11'), product.id, 1);
    const refused = await failure(
      shop.staff.transitionOrder({ params: { id: placed.id }, body: { to: 'paid' } }),
    );
    expect(refused).toMatchObject({ status: 409, fields: { [`items.${product.id}`]: expect.any(String) } });
    expect(refused.message).toContain('went back on sale');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 2, reserved: 2 });

    // Stock received: accepting sells the unit from the shelf (the reservations of the others stay whole).
    await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 1 } });
    const accepted = await shop.staff.transitionOrder({
      params: { id: placed.id },
      body: { to: 'paid', reason: 'customer paid the difference at the counter' },
    });
    expect(accepted.status).toBe('paid');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
  });

  it('sent back to waiting for payment: one more QR for the customer, and the order still ends with its hold', async () => {
    const product = await productWithStock(3, 2000);
    const api = await customerFrom('127.0.0.13');
    const placed = await order(api, product.id, 1);
    const { khqr } = await api.getOrderPayment({ params: { id: placed.id } });
    await payAndCheck(shop.server, khqr, 19.5);
    // Its hour is over and its renewals used up by the time staff look at it.
    await shop.server.database.db
      .updateTable('order_holds')
      .set({ ends_at: Date.now() - 1, renewals_left: 0 })
      .where('order_id', '=', placed.id)
      .execute();
    await shop.server.database.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 1 })
      .where('order_id', '=', placed.id)
      .execute();
    await shop.staff.transitionOrder({
      params: { id: placed.id },
      body: { to: 'pending_payment', reason: 'please pay the full amount' },
    });
    const reopened = await api.getOrderPayment({ params: { id: placed.id } });
    expect(reopened).toMatchObject({ status: 'expired', renewalsLeft: 1 });
    expect(reopened.holdEndsAt).toBeGreaterThan(Date.now());

    // The customer does not take the new QR: when the reopened hold ends, the order ends and the unit is back.
    await shop.server.payments.runOnce(reopened.holdEndsAt + 1);
    expect((await api.getOrder({ params: { id: placed.id } })).status).toBe('expired');
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('a review decided in time keeps its reservation and sells it as usual', async () => {
    const product = await productWithStock(2, 2000);
    const api = await customerFrom('127.0.0.12');
    const placed = await order(api, product.id, 1);
    const { khqr } = await api.getOrderPayment({ params: { id: placed.id } });
    await payAndCheck(shop.server, khqr, 19.5);
    await shop.server.payments.runOnce(Date.now() + 60 * 60_000);
    await shop.staff.transitionOrder({ params: { id: placed.id }, body: { to: 'paid' } });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 1, reserved: 0 });
    // The review ended: no later notice, no release.
    await shop.server.payments.runOnce(Date.now() + 48 * 60 * 60_000);
    expect(await stockOf(product.id)).toMatchObject({ onHand: 1, reserved: 0 });
  });
});
