import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { ApiError, Notification, PushItem } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  pairTestCounter,
  payAndCheck,
  placedOrder,
  startTestShop,
  type TestCounter,
  type TestShop,
} from './factory';
import { noticeBakongTokenExpiry } from '../src/modules/notifications/producers';
import { phonePhoto } from './pictures';
import { spawnServer, type ServerProcess } from './processes';
import { browserClient } from './support';

/**
 * Notifications (issue 17): the shop's events write them for the right people in the event's own transaction, each
 * person reads and marks only their own, chooses what also goes by mail, and hears of new ones live over a stream
 * that any server process serves, whichever process made the change. One shop for the file, and a second server
 * process on its database for the scenario that needs one.
 */
let shop: TestShop;
let counter: TestCounter;
let second: ServerProcess | undefined;

beforeAll(async () => {
  shop = await startTestShop({ seed: 'none' });
  await shop.admin.createCategory({
    body: { slug: 'accessories', name: 'Accessories', nameKm: 'គ្រឿងបន្ថែម', specKind: 'accessory' },
  });
  await shop.admin.createBrand({ body: { name: 'Ugreen' } });
  counter = await pairTestCounter(shop, 'Front counter');
});
afterAll(async () => {
  await second?.stop();
  await shop?.stop();
});

const db = () => shop.server.database.db;
const kindsOf = (items: Notification[]) => items.map((n) => n.kind);

/** A server-sent event stream read as the page's EventSource would, with the caller's bearer token. */
async function openStream(baseUrl: string, token: string | null) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/notifications/events`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: controller.signal,
  });
  const events: { event: string; data: string; at: number }[] = [];
  let ended = false;
  if (response.ok) {
    void (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event) events.push({ event, data: data ?? '', at: Date.now() });
          }
        }
      } catch {
        // aborted
      }
      ended = true;
    })();
  } else await response.body?.cancel();
  return {
    response,
    events,
    ended: () => ended,
    notifications: () =>
      events.filter((e) => e.event === 'notification').map((e) => JSON.parse(e.data) as Notification),
    close: () => controller.abort(),
  };
}

async function pushed(items: unknown[]) {
  return counter.client.pushItems({
    body: { items } as unknown as Parameters<typeof counter.client.pushItems>[0]['body'],
  });
}

function aCounterSale(productId: string, quantity: number): PushItem {
  return {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId: shop.staffUser.userId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: [{ productId, quantity, unitPriceCents: 2000 }],
    payments: [
      { method: 'cash', currency: 'USD', amount: 2000 * quantity, tendered: 2000 * quantity, change: 0 },
    ],
  };
}

describe('what the shop tells whom', () => {
  it('a paid web order: its customer hears each step, every staff member and admin hears of the order', async () => {
    const mouse = await aProductWithStock(shop, { stock: 20, name: 'Mouse' });
    const customer = await aCustomer(shop.server);
    const stranger = await aCustomer(shop.server);
    const { order } = await placedOrder(shop.server, {
      items: [{ productId: mouse.id, quantity: 1 }],
      customer,
    });
    const payment = await customer.api.getOrderPayment({ params: { id: order.id } });
    await payAndCheck(shop.server, payment.khqr);
    await shop.staff.transitionOrder({ params: { id: order.id }, body: { to: 'processing' } });
    await shop.staff.transitionOrder({ params: { id: order.id }, body: { to: 'ready_for_pickup' } });

    const mine = await customer.api.listNotifications({ query: {} });
    expect(mine.items.map((n) => [n.kind, n.params.status, n.link])).toEqual([
      ['order_step', 'ready_for_pickup', `/orders/${order.id}`],
      ['order_step', 'processing', `/orders/${order.id}`],
      ['order_step', 'paid', `/orders/${order.id}`],
    ]);
    expect(mine.unread).toBe(3);
    expect((await stranger.api.listNotifications({ query: {} })).items).toEqual([]);

    for (const staffer of [shop.staff, shop.admin]) {
      const theirs = await staffer.listNotifications({ query: {} });
      const news = theirs.items.find(
        (n) => n.kind === 'new_web_order' && n.params.orderNumber === order.number,
      );
      expect(news).toMatchObject({
        link: `/back-office/orders/${order.id}`,
        params: { total: '$25.00', fulfilment: 'pickup' },
        readAt: null,
      });
      // Staff are never told a customer's own steps.
      expect(kindsOf(theirs.items)).not.toContain('order_step');
    }
  });

  it('a payment screenshot, low stock, a counter shortfall and a parked item reach staff, not customers', async () => {
    const ssd = await aProductWithStock(shop, { stock: 4, name: 'SSD', lowStockThreshold: 2 });
    const customer = await aCustomer(shop.server);
    const { order } = await placedOrder(shop.server, {
      items: [{ productId: ssd.id, quantity: 2 }],
      customer,
    });
    const shot = new Blob([new Uint8Array(await phonePhoto(390, 844))], { type: 'image/jpeg' });
    await customer.api.uploadPaymentProof({ params: { id: order.id }, file: shot, fileName: 'paid.jpg' });
    // Two on the shelf for the web, two reserved: a counter selling three leaves a shortfall of one.
    const cable = await aProductWithStock(shop, { stock: 1, name: 'Cable' });
    const results = await pushed([
      aCounterSale(cable.id, 2),
      { id: ulid(), type: 'stock_count', at: Date.now(), staffId: shop.staffUser.userId },
    ]);
    expect(results.results.map((r) => r.status)).toEqual(['applied', 'parked']);

    const staff = (await shop.staff.listNotifications({ query: { limit: 50 } })).items;
    expect(staff.find((n) => n.kind === 'payment_proof')).toMatchObject({
      params: { orderNumber: order.number },
      link: '/back-office/payments/proofs',
    });
    expect(staff.find((n) => n.kind === 'low_stock' && n.params.productName === ssd.name)).toMatchObject({
      params: { available: 2, threshold: 2 },
      link: '/back-office/stock/low',
    });
    expect(staff.find((n) => n.kind === 'counter_shortfall')).toMatchObject({
      params: { units: 1 },
      link: '/back-office/stock/shortfalls',
    });
    expect(staff.find((n) => n.kind === 'parked_item')).toMatchObject({
      params: { counter: 'Front counter' },
      link: '/back-office/people/parked',
    });
    const customers = (await customer.api.listNotifications({ query: {} })).items;
    expect(kindsOf(customers)).toEqual([]);
  });

  it('the Bakong token about to expire: staff are told once per expiry day, by the hourly upkeep', async () => {
    const now = Date.now();
    const expiresAt = now + 3 * 86_400_000;
    const status = async () => ({ source: 'settings', expiresAt });
    await noticeBakongTokenExpiry(db(), status, now);
    await noticeBakongTokenExpiry(db(), status, now + 3_600_000);
    // The stand-in's token, or one far from expiring, tells nobody.
    await noticeBakongTokenExpiry(db(), async () => ({ source: 'standin', expiresAt }), now);
    await noticeBakongTokenExpiry(
      db(),
      async () => ({ source: 'settings', expiresAt: now + 90 * 86_400_000 }),
      now,
    );
    const told = (await shop.admin.listNotifications({ query: { limit: 50 } })).items.filter(
      (n) => n.kind === 'bakong_token',
    );
    expect(told.map((n) => [n.params.day, n.link])).toEqual([
      [new Date(expiresAt).toISOString().slice(0, 10), '/back-office/settings'],
    ]);
  });
});

describe('reading', () => {
  it('pages newest first, marks one and then all read; nobody marks or sees another person’s', async () => {
    const hub = await aProductWithStock(shop, { stock: 20, name: 'USB hub' });
    const customer = await aCustomer(shop.server);
    const other = await aCustomer(shop.server);
    const { order } = await placedOrder(shop.server, {
      items: [{ productId: hub.id, quantity: 1 }],
      customer,
    });
    await payAndCheck(shop.server, (await customer.api.getOrderPayment({ params: { id: order.id } })).khqr);
    await shop.staff.transitionOrder({ params: { id: order.id }, body: { to: 'processing' } });
    await shop.staff.transitionOrder({ params: { id: order.id }, body: { to: 'ready_for_pickup' } });

    const first = await customer.api.listNotifications({ query: { limit: 2 } });
    expect(first.items).toHaveLength(2);
    expect(first.nextBefore).toBe(first.items[1]!.id);
    const rest = await customer.api.listNotifications({ query: { limit: 2, before: first.nextBefore! } });
    expect(rest.items.map((n) => n.params.status)).toEqual(['paid']);
    expect(rest.nextBefore).toBeNull();

    const target = first.items[0]!;
    expect(
      (await failure<ApiError>(other.api.markNotificationRead({ params: { id: target.id } }))).status,
    ).toBe(404);
    expect(await other.api.markAllNotificationsRead({})).toMatchObject({ unread: 0, items: [] });
    expect((await customer.api.listNotifications({ query: {} })).unread).toBe(3);

    const afterOne = await customer.api.markNotificationRead({ params: { id: target.id } });
    expect(afterOne.unread).toBe(2);
    expect(afterOne.items.find((n) => n.id === target.id)!.readAt).toEqual(expect.any(Number));
    expect((await customer.api.markAllNotificationsRead({})).unread).toBe(0);
  });

  it('a stranger gets 401 on every route and on the stream', async () => {
    const stranger = browserClient(shop.server.url).client;
    const calls: (() => Promise<unknown>)[] = [
      () => stranger.listNotifications({ query: {} }),
      () => stranger.markNotificationRead({ params: { id: 'x' } }),
      () => stranger.markAllNotificationsRead({}),
      () => stranger.getNotificationPreferences({}),
      () => stranger.setNotificationPreferences({ body: { items: [] } }),
    ];
    for (const call of calls) expect((await failure<ApiError>(call())).status).toBe(401);
    const stream = await openStream(shop.server.url, null);
    expect(stream.response.status).toBe(401);
    const forged = await openStream(shop.server.url, 'not-a-session-token');
    expect(forged.response.status).toBe(401);
  });
});

describe('mail preferences', () => {
  it('offer each role its kinds, never the ones mailed their own way, and mail what was chosen', async () => {
    const customer = await aCustomer(shop.server);
    const offered = await customer.api.getNotificationPreferences({});
    expect(offered.items.map((p) => [p.kind, p.mailable, p.mail])).toEqual([
      ['order_step', false, false],
      ['preorder_step', true, false],
      ['support_reply', false, false],
    ]);
    // A staff kind, or one already mailed, is not the customer's to choose: left alone.
    const chosen = await customer.api.setNotificationPreferences({
      body: {
        items: [
          { kind: 'preorder_step', mail: true },
          { kind: 'order_step', mail: true },
          { kind: 'low_stock', mail: true },
        ],
      },
    });
    expect(chosen.items.filter((p) => p.mail).map((p) => p.kind)).toEqual(['preorder_step']);

    const staffPrefs = await shop.staff.setNotificationPreferences({
      body: { items: [{ kind: 'low_stock', mail: true }] },
    });
    expect(staffPrefs.items.find((p) => p.kind === 'low_stock')).toMatchObject({
      mail: true,
      mailable: true,
    });
    expect(staffPrefs.items.map((p) => p.kind)).toContain('new_web_order');

    const before = Date.now();
    const gpu = await aProductWithStock(shop, { stock: 3, name: 'GPU', lowStockThreshold: 1 });
    await placedOrder(shop.server, { items: [{ productId: gpu.id, quantity: 2 }] });
    const mails = await db()
      .selectFrom('email_outbox')
      .select(['to_address', 'subject'])
      .where('template', '=', 'notification')
      .where('created_at', '>=', before)
      .execute();
    // Only the staff member who asked; the admin did not.
    expect(mails).toEqual([
      { to_address: shop.staffUser.email, subject: expect.stringContaining('Low stock') },
    ]);
  });
});

describe('live', () => {
  it('a staff member hears of a web order within 2 s of its payment, made by another server process', async () => {
    second = await spawnServer({
      DATABASE_URL: shop.server.databaseUrl,
      DATA_DIR: shop.server.dataDir,
      SEED: 'none',
    });
    const cable = await aProductWithStock(shop, { stock: 20, name: 'HDMI cable' });
    const customer = await aCustomer(shop.server);
    const { order } = await placedOrder(shop.server, {
      items: [{ productId: cable.id, quantity: 1 }],
      customer,
    });
    const shot = new Blob([new Uint8Array(await phonePhoto(390, 844, '#116644'))], { type: 'image/jpeg' });
    const proof = await customer.api.uploadPaymentProof({
      params: { id: order.id },
      file: shot,
      fileName: 'paid.jpg',
    });

    const staffStream = await openStream(shop.server.url, shop.staffUser.token);
    const customerStream = await openStream(shop.server.url, customer.token);
    await expect.poll(() => staffStream.events.map((e) => e.event)).toContain('ready');
    await expect.poll(() => customerStream.events.map((e) => e.event)).toContain('ready');

    // The other process accepts the screenshot: the order turns paid there.
    const paidAt = Date.now();
    await shop.staffUser.client(second.url).reviewPaymentProof({
      params: { id: proof.id },
      body: { decision: 'accept', transactionRef: 'TX-12345' },
    });
    await expect
      .poll(() => staffStream.notifications().find((n) => n.kind === 'new_web_order'), { timeout: 2_000 })
      .toMatchObject({ params: { orderNumber: order.number }, link: `/back-office/orders/${order.id}` });
    const heard = staffStream.events.find(
      (e) => e.event === 'notification' && e.data.includes('new_web_order'),
    )!;
    expect(heard.at - paidAt).toBeLessThan(2_000);
    await expect
      .poll(() => customerStream.notifications().map((n) => n.params.status), { timeout: 2_000 })
      .toContain('paid');
    // Nobody hears another's: the customer's stream carries no staff news.
    expect(kindsOf(customerStream.notifications())).toEqual(['order_step']);

    // Signing out ends the stream.
    await customer.api.logout({});
    await expect
      .poll(() => customerStream.events.map((e) => e.event), { timeout: 3_000 })
      .toContain('signed-out');
    await expect.poll(() => customerStream.ended(), { timeout: 3_000 }).toBe(true);
    staffStream.close();
  });
});
