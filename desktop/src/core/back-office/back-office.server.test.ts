import { createShopClient, type ShopClient } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aProductWithStock,
  payAndCheck,
  placedOrder,
  startTestShopWithMail,
  type TestShopWithMail,
} from '../../../../server/test/factory';
import { picture } from '../../../../server/test/pictures';
import {
  checkDraft,
  findPreOrderable,
  quotePreOrder,
  type PreOrderDraft,
} from '../../renderer/back-office/pre-orders/counter-pre-order';
import { extractCode } from '../../../../server/test/smtp';
import { createPosCore, type PosCore } from '../core';
import { cashierSignedIn } from '../test-support/cashier';
import { aStaffMemberWithPin, counterFolders, type StaffWithPassword } from '../test-support/real-shop';

/**
 * The back office at a counter against the real server (SMTP on loopback): the cashier signed in here proves
 * themselves again with the password and the mailed code, the core keeps that server session for the screens'
 * requests and ends it when the back office closes; nobody else's session, nor the device's token, is ever used.
 */
let shop: TestShopWithMail;
let clerk: StaffWithPassword;
let owner: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShopWithMail();
  [clerk, owner] = [await aStaffMemberWithPin(shop), await aStaffMemberWithPin(shop, 'admin')];
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

const sessionsOf = async (userId: string) =>
  (
    await shop.server.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('expires_at', '>', Date.now())
      .execute()
  ).length;

async function counterWith(
  cashier: StaffWithPassword,
  config: { backOfficeIdleMs?: number } = {},
  now?: () => number,
) {
  const core = createPosCore({
    dataDir: folders.make(),
    appVersion: '0.1.0-test',
    config,
    ...(now && { now }),
  });
  const { pairingCode } = await shop.admin.createDevice({ body: { name: 'Back room' } });
  await core.commands.pair({ serverUrl: shop.server.url, pairingCode });
  await core.pullNow();
  await cashierSignedIn(core, cashier.id);
  return core;
}

/** Opens the back office for the cashier at `core` with their password and the code mailed to them. */
async function openedBy(core: PosCore, who: StaffWithPassword) {
  const seen = new Set(shop.smtp.messages);
  const started = await core.commands.openBackOffice({ password: who.password });
  if ('opened' in started) return started.opened;
  const mail = await shop.smtp.waitFor((m) => !seen.has(m) && m.to.includes(who.email), 10_000);
  return core.commands.confirmBackOfficeCode({ challengeId: started.challengeId, code: extractCode(mail) });
}

const get = (core: PosCore, path: string) => core.commands.serverRequest({ method: 'GET', path });

/** The screens' typed client, its requests carried by the core as the back office's serverFetch does. */
const clientThrough = (core: PosCore): ShopClient =>
  createShopClient({
    fetch: async (input, init = {}) => {
      const answer = await core.commands.serverRequest({
        method: init.method ?? 'GET',
        path: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        ...(typeof init.body === 'string' && { body: { json: init.body } }),
      });
      return new Response(answer.status === 204 ? null : (answer.text ?? ''), {
        status: answer.status,
        ...(answer.contentType && { headers: { 'content-type': answer.contentType } }),
      });
    },
  });

describe('the back office at a counter', () => {
  it('opens with the password and mailed code, works as that person, and ends their session on sign-out', async () => {
    const core = await counterWith(clerk);
    const c = core.commands;
    await expect(get(core, '/api/v1/admin/orders')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await c.backOffice()).toBeNull();

    const before = await sessionsOf(clerk.id);
    expect(await openedBy(core, clerk)).toEqual({ id: clerk.id, name: 'Sreyleak', role: 'staff' });
    expect(await c.backOffice()).toMatchObject({ id: clerk.id, role: 'staff' });
    expect(await sessionsOf(clerk.id)).toBe(before + 1);

    const orders = await get(core, '/api/v1/admin/orders?limit=5');
    expect(orders).toMatchObject({ status: 200 });
    expect(JSON.parse(orders.text!)).toHaveProperty('items');
    // The server decides what staff may do: the shop's settings are an admin's.
    expect(await get(core, '/api/v1/admin/settings')).toMatchObject({ status: 403 });
    // A JSON body travels as text and comes back as the server's refusal, field by field.
    const bad = await c.serverRequest({
      method: 'POST',
      path: '/api/v1/admin/products',
      body: { json: JSON.stringify({ name: '' }) },
    });
    expect(bad.status).toBe(403);

    await c.signOut();
    expect(await c.backOffice()).toBeNull();
    expect(await sessionsOf(clerk.id)).toBe(before);
    await expect(get(core, '/api/v1/admin/orders')).rejects.toMatchObject({ code: 'forbidden' });
    core.close();
  });

  it('sends an admin’s picture upload as a form', async () => {
    const core = await counterWith(owner);
    await openedBy(core, owner);
    const { items } = await shop.admin.listProducts({ query: {} });
    const png = await picture(400, 300).png().toBuffer();
    const uploaded = await core.commands.serverRequest({
      method: 'POST',
      path: `/api/v1/admin/products/${items[0]!.id}/images`,
      body: {
        form: [
          { name: 'alt', value: 'Front view' },
          { name: 'file', fileName: 'front.png', type: 'image/png', base64: png.toString('base64') },
        ],
      },
    });
    expect(uploaded.status).toBe(201);
    const detail = JSON.parse(uploaded.text!) as { images: { alt: string; url: string }[] };
    expect(detail.images.at(-1)).toMatchObject({ alt: 'Front view' });
    const image = await core.commands
      .serverRequest({
        method: 'GET',
        path: new URL(detail.images.at(-1)!.url, shop.server.url).pathname,
      })
      .catch((error: unknown) => error);
    // Pictures are served outside /api/v1: the back office shows them from the server's address, not through here.
    expect(image).toMatchObject({ code: 'invalid' });
    core.close();
  });

  it('refuses requests aimed anywhere but the API, and bodies that are not JSON text or a form', async () => {
    // Each test its own person: the server mails a sign-in code at most once a minute per account.
    const manager = await aStaffMemberWithPin(shop, 'admin');
    const core = await counterWith(manager);
    await openedBy(core, manager);
    const c = core.commands;
    for (const path of [
      'http://127.0.0.1:9/api/v1/admin/orders',
      '//127.0.0.1:9/api/v1/admin/orders',
      '/api/v1/../../etc/passwd',
      '/api/v1/admin/%2e%2e/x\\y',
      '/health',
      '/api/v1/admin/orders#x',
      '@127.0.0.1:9/api/v1/',
    ])
      await expect(c.serverRequest({ method: 'GET', path })).rejects.toMatchObject({ code: 'invalid' });
    await expect(c.serverRequest({ method: 'TRACE', path: '/api/v1/admin/orders' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(
      c.serverRequest({
        method: 'POST',
        path: '/api/v1/admin/products',
        body: { raw: 'x' } as unknown as { json: string },
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
    // The device's own token never travels with these: the sync routes see a person's session and refuse it.
    const pull = await get(core, '/api/v1/sync/changes?after=0');
    expect(pull.status).toBe(401);
    core.close();
  });

  it('is for the cashier signed in here only: a wrong password, a counter code, a switch or idling close it', async () => {
    const [first, second, third] = [
      await aStaffMemberWithPin(shop),
      await aStaffMemberWithPin(shop),
      await aStaffMemberWithPin(shop),
    ];
    let clock = Date.now();
    const core = await counterWith(first, { backOfficeIdleMs: 60_000 }, () => clock);
    const c = core.commands;
    // The core sends the email of the cashier signed in here: somebody else's password does not open it.
    await expect(c.openBackOffice({ password: owner.password })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.openBackOffice({ password: '' })).rejects.toMatchObject({ code: 'invalid' });

    // A code mailed for signing in at the counter does not open the back office.
    const seen = new Set(shop.smtp.messages);
    const counterSignIn = await c.signInOnline({ email: first.email, password: first.password });
    if (!('challengeId' in counterSignIn)) throw new Error('staff always get a mailed code');
    const mail = await shop.smtp.waitFor((m) => !seen.has(m) && m.to.includes(first.email), 10_000);
    await expect(
      c.confirmBackOfficeCode({ challengeId: counterSignIn.challengeId, code: extractCode(mail) }),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(await c.backOffice()).toBeNull();

    // Idle past its limit: closed, and its server session ended.
    await cashierSignedIn(core, second.id);
    const before = await sessionsOf(second.id);
    await openedBy(core, second);
    expect(await sessionsOf(second.id)).toBe(before + 1);
    clock += 59_000;
    expect(await get(core, '/api/v1/admin/orders')).toMatchObject({ status: 200 });
    clock += 59_000;
    expect(await c.backOffice()).not.toBeNull();
    clock += 61_000;
    expect(await c.backOffice()).toBeNull();
    await expect(get(core, '/api/v1/admin/orders')).rejects.toMatchObject({ code: 'forbidden' });
    await expect.poll(() => sessionsOf(second.id)).toBe(before);

    // Another cashier takes the counter by PIN: the back office closes with it, its session ended.
    await cashierSignedIn(core, third.id);
    const thirds = await sessionsOf(third.id);
    await openedBy(core, third);
    await cashierSignedIn(core, first.id);
    expect(await c.backOffice()).toBeNull();
    await expect.poll(() => sessionsOf(third.id)).toBe(thirds);
    core.close();
  }, 60_000);

  it('rings the bell: the core listens while the back office is open and tells the screens of new ones', async () => {
    const keeper = await aStaffMemberWithPin(shop);
    const core = await counterWith(keeper);
    core.startSync();
    const told: { unread: number; live: boolean }[] = [];
    const stop = core.onEvent((name, data) => {
      if (name === 'notifications') told.push(data as { unread: number; live: boolean });
    });
    expect(await core.commands.notifications()).toMatchObject({ open: false, live: false });
    await openedBy(core, keeper);
    await expect
      .poll(() => core.commands.notifications(), { timeout: 10_000 })
      .toMatchObject({ open: true, live: true });

    // A customer's order paid on the server: the bell hears of it within moments.
    const { items } = await shop.admin.listProducts({ query: {} });
    const { order, api } = await placedOrder(shop.server, {
      items: [{ productId: items[0]!.id, quantity: 1 }],
    });
    await payAndCheck(shop.server, (await api.getOrderPayment({ params: { id: order.id } })).khqr);
    await expect
      .poll(async () => (await core.commands.notifications()).items.map((n) => n.params.orderNumber), {
        timeout: 5_000,
      })
      .toContain(order.number);
    expect(told.at(-1)?.unread).toBeGreaterThan(0);
    expect((await core.commands.markAllNotificationsRead()).unread).toBe(0);

    // Closed: the bell says so, quietly.
    await core.commands.closeBackOffice();
    await expect.poll(() => core.commands.notifications(), { timeout: 5_000 }).toMatchObject({ open: false });
    stop();
    core.close();
  });

  it('closes itself when the server ends the session (signed out elsewhere, disabled)', async () => {
    const leaving = await aStaffMemberWithPin(shop);
    const core = await counterWith(leaving);
    await openedBy(core, leaving);
    await shop.server.database.db.deleteFrom('sessions').where('user_id', '=', leaving.id).execute();
    expect(await get(core, '/api/v1/admin/orders')).toMatchObject({ status: 401 });
    expect(await core.commands.backOffice()).toBeNull();
    core.close();
  });

  it('takes a pre-order at the counter: the form finds the product, quotes the deposit the server asks, cash or KHQR', async () => {
    const gpu = await aProductWithStock(shop, {
      stock: 0,
      priceCents: 89_950,
      name: 'Radeon RX 9070 XT counter',
      category: 'accessories',
    });
    await shop.admin.updateProduct({
      params: { id: gpu.id },
      body: { preOrder: { expectedOn: '2027-01-15', depositPercent: 25 } },
    });
    // Out of stock but without pre-orders: never offered.
    await aProductWithStock(shop, { stock: 0, name: 'Radeon RX 9070 XT counter box' });
    const cashier = await aStaffMemberWithPin(shop);
    const core = await counterWith(cashier);
    await openedBy(core, cashier);
    const client = clientThrough(core);

    const found = await findPreOrderable(client, 'Radeon RX 9070 XT counter');
    expect(found).toEqual([
      expect.objectContaining({
        id: gpu.id,
        priceCents: 89_950,
        preOrder: { expectedOn: '2027-01-15', depositPercent: 25 },
      }),
    ]);
    const { rielPerUsd } = await client.getShopInfo({});
    const quote = quotePreOrder(found[0]!, 2, rielPerUsd);
    const draft: PreOrderDraft = {
      product: found[0]!,
      quantity: 2,
      currency: 'KHR',
      name: 'Dara',
      phone: '012 345 678',
      email: '',
      depositBy: 'cash',
      tendered: '1',
    };
    expect(checkDraft(draft, quote)).toMatchObject({ ok: false, errors: { tendered: 'short' } });
    expect(checkDraft({ ...draft, name: ' ', phone: '12' }, quote)).toMatchObject({
      ok: false,
      errors: { name: 'invalid', phone: 'invalid' },
    });
    const tendered = Math.ceil(quote.depositKhr / 50_000) * 50_000 + 50_000;
    const cash = checkDraft({ ...draft, tendered: String(tendered) }, quote);
    if (!cash.ok) throw new Error(JSON.stringify(cash.errors));
    expect(cash.change).toBe(tendered - quote.depositKhr);
    const inCash = await client.placeCounterPreOrder({ body: cash.body });
    expect(inCash).toMatchObject({
      channel: 'pos',
      status: 'preorder_placed',
      totalKhr: quote.totalKhr,
      preOrder: { deposit: quote.depositKhr, depositPaid: quote.depositKhr },
    });

    const byQr = checkDraft(
      { ...draft, currency: 'USD', quantity: 1, depositBy: 'khqr', tendered: '' },
      quote,
    );
    if (!byQr.ok) throw new Error(JSON.stringify(byQr.errors));
    const waiting = await client.placeCounterPreOrder({ body: byQr.body });
    expect(waiting).toMatchObject({
      status: 'preorder_deposit',
      preOrder: { deposit: quotePreOrder(found[0]!, 1, rielPerUsd).depositCents },
    });
    const qr = await client.getOrderPayment({ params: { id: waiting.id } });
    expect(qr).toMatchObject({ status: 'pending', amount: waiting.preOrder!.deposit, currency: 'USD' });
    await payAndCheck(shop.server, qr.khqr);
    expect(await client.getOrderPayment({ params: { id: waiting.id } })).toMatchObject({ status: 'paid' });
    const { items } = await client.listPreOrders({ query: { productId: gpu.id } });
    expect(items.map((i) => [i.number, i.status])).toEqual([
      [inCash.number, 'preorder_placed'],
      [waiting.number, 'preorder_placed'],
    ]);
    // The server's refusals come back as they are: this product is no longer out of stock.
    await shop.staff.recordStockMovement({ body: { productId: gpu.id, type: 'receive', quantity: 5 } });
    await expect(client.placeCounterPreOrder({ body: byQr.body })).rejects.toMatchObject({ status: 409 });
    core.close();
  });
});
