import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { GuestContact, PlaceGuestOrderInput } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  payAndCheck,
  useTestShopWithMail,
} from '../../../test/factory';
import { browserClient } from '../../../test/support';

/**
 * Guest checkout through real HTTP and a real SMTP server on loopback (issue 15): an order with a name, a phone and
 * an email; its mails list the lines and link to its page with a token of their own; only such a token opens the
 * order; an email that belongs to an account leaves the account as it was; the account made afterwards claims it.
 * Guests act from their own client addresses (TRUST_PROXY), as separate phones would. A guest's order takes three
 * payment screenshots an hour here, to reach that limit cheaply.
 */
const PUBLIC_URL = 'https://shop.example.test';
const shop = useTestShopWithMail({
  env: { BAKONG_POLL_MS: '3600000', PUBLIC_URL, TRUST_PROXY: '1', PAYMENT_PROOFS_PER_HOUR_PER_USER: '3' },
});

let ipCounter = 0;
const guestBrowser = () => browserClient(shop.server.url, { ip: `10.15.0.${++ipCounter}` });
let emailCounter = 0;
const guestEmail = () => `guest.${++emailCounter}.${Date.now()}@example.test`;
const mailTo = (to: string, subject: RegExp) =>
  shop.smtp.waitFor((m) => m.to === to && subject.test(m.subject), 10_000);
const tokenIn = (text: string, orderId: string) =>
  new RegExp(`${PUBLIC_URL}/orders/${orderId}#access=([A-Za-z0-9_-]{43})`).exec(text)?.[1];

async function aGuestOrder(contact: Partial<GuestContact> = {}, input: Partial<PlaceGuestOrderInput> = {}) {
  const product = await aProductWithStock(shop, { stock: 4, priceCents: 4_990, name: 'Wireless mouse' });
  const browser = guestBrowser();
  const guest = { name: 'Sokha Chan', phone: '012 345 678', email: guestEmail(), ...contact };
  const placed = await browser.client.placeGuestOrder({
    body: {
      guest,
      items: [{ productId: product.id, quantity: 2 }],
      fulfilment: 'pickup',
      currency: 'USD',
      ...input,
    },
  });
  return { ...placed, product, browser, guest };
}

describe('a guest orders with a name, a phone and an email', () => {
  it('reserves the stock, mails the lines and a tokened link; the link opens that order and its payment', async () => {
    const { order, accessToken, product, guest } = await aGuestOrder();
    expect(order).toMatchObject({
      status: 'pending_payment',
      customer: { id: null, name: 'Sokha Chan', email: guest.email },
      items: [{ productId: product.id, quantity: 2 }],
      totalCents: 9_980,
    });
    const stored = await shop.server.database.db
      .selectFrom('orders')
      .select(['customer_phone', 'user_id'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ customer_phone: '+85512345678', user_id: null });
    expect(await shop.staff.getProductStock({ params: { id: product.id } })).toMatchObject({ reserved: 2 });

    const mail = await mailTo(guest.email, /Your order/);
    // Nobody has proven the mailbox is the guest's: no name, and the shop's words only.
    expect(mail.text).toMatch(/^Hello,/);
    expect(mail.text).not.toContain('Sokha');
    expect(mail.text).toContain(`2 × ${product.name}: $99.80`);
    expect(mail.text).toMatch(/Total: \$99\.80\nTotal in riel: [\d,]+៛/);
    expect(mail.text).toContain(`Bring your order number ${order.number}`);
    const mailed = tokenIn(mail.text, order.id);
    expect(mailed).toBeDefined();
    expect(mailed).not.toBe(accessToken);

    // The mailed link, opened on another phone; and the placing browser's own token.
    const phone = guestBrowser().client;
    expect(await phone.openGuestOrder({ params: { id: order.id }, body: { token: mailed! } })).toMatchObject({
      id: order.id,
      number: order.number,
    });
    const payment = await phone.getGuestOrderPayment({
      params: { id: order.id },
      body: { token: accessToken },
    });
    expect(payment).toMatchObject({ status: 'pending', amount: 9_980, currency: 'USD' });
    // Only hashes are kept.
    const keys = await shop.server.database.db
      .selectFrom('order_access_tokens')
      .select('token_hash')
      .where('order_id', '=', order.id)
      .execute();
    expect(keys).toHaveLength(2);
    expect(keys.map((k) => k.token_hash)).not.toContain(mailed);
  });

  it('a wrong, foreign or absent token opens nothing; no signed-in customer sees it either', async () => {
    const mine = await aGuestOrder();
    const other = await aGuestOrder();
    const stranger = guestBrowser().client;
    const id = mine.order.id;
    const refused = [
      () => stranger.openGuestOrder({ params: { id }, body: { token: 'x'.repeat(43) } }),
      () => stranger.openGuestOrder({ params: { id }, body: { token: other.accessToken } }),
      () => stranger.getGuestOrderPayment({ params: { id }, body: { token: other.accessToken } }),
      () => stranger.renewGuestOrderPayment({ params: { id }, body: { token: other.accessToken } }),
      () => stranger.cancelGuestOrder({ params: { id }, body: { token: other.accessToken } }),
    ];
    for (const call of refused) expect(await failure(call())).toMatchObject({ status: 404 });
    expect(
      await failure(
        stranger.openGuestOrder({ params: { id: mine.order.id }, body: {} as { token: string } }),
      ),
    ).toMatchObject({ status: 400, fields: { token: expect.any(String) } });
    expect(await failure(stranger.getOrder({ params: { id: mine.order.id } }))).toMatchObject({
      status: 401,
    });
    const customer = await aCustomer(shop.server);
    expect(await failure(customer.api.getOrder({ params: { id: mine.order.id } }))).toMatchObject({
      status: 404,
    });
    // Still pending: the refused cancel did nothing.
    const opened = await mine.browser.client.openGuestOrder({
      params: { id: mine.order.id },
      body: { token: mine.accessToken },
    });
    expect(opened.status).toBe('pending_payment');
  });

  it('wrong tokens from one network are limited; a right one is never counted', async () => {
    const { order, accessToken } = await aGuestOrder();
    const prober = guestBrowser().client;
    for (let i = 0; i < 30; i++)
      await failure(
        prober.openGuestOrder({ params: { id: order.id }, body: { token: `${i}`.padEnd(43, 'y') } }),
      );
    expect(
      await failure(prober.openGuestOrder({ params: { id: order.id }, body: { token: accessToken } })),
    ).toMatchObject({ status: 429 });
  });

  it("an email of an existing account: the order joins no account, and the account's details stay as they were", async () => {
    const owner = await aCustomer(shop.server, { name: 'Dara Owner', phone: '+85599888777' });
    const before = await owner.api.getMe({});
    const { order, browser } = await aGuestOrder({
      email: owner.email,
      name: 'Someone Else',
      phone: '097 123 4567',
    });
    expect(order.customer).toEqual({ id: null, name: 'Someone Else', email: owner.email });
    expect(browser.cookies.has('session')).toBe(false);
    expect(await failure(browser.client.getMe({}))).toMatchObject({ status: 401 });
    expect(await owner.api.getMe({})).toEqual(before);
    expect((await owner.api.listOrders({ query: {} })).items.map((o) => o.id)).not.toContain(order.id);
  });

  it('pays and gives stock back exactly as a signed-in order does', async () => {
    const paid = await aGuestOrder();
    const qr = await paid.browser.client.getGuestOrderPayment({
      params: { id: paid.order.id },
      body: { token: paid.accessToken },
    });
    await payAndCheck(shop.server, qr.khqr);
    const after = await paid.browser.client.getGuestOrderPayment({
      params: { id: paid.order.id },
      body: { token: paid.accessToken },
    });
    expect(after.status).toBe('paid');
    expect(await shop.staff.getProductStock({ params: { id: paid.product.id } })).toMatchObject({
      onHand: 2,
      reserved: 0,
    });
    const receipt = await mailTo(paid.guest.email, /Payment received/);
    expect(receipt.text).toContain(`2 × ${paid.product.name}`);
    expect(tokenIn(receipt.text, paid.order.id)).toBeDefined();

    const cancelled = await aGuestOrder();
    const answer = await cancelled.browser.client.cancelGuestOrder({
      params: { id: cancelled.order.id },
      body: { token: cancelled.accessToken },
    });
    expect(answer.status).toBe('cancelled');
    expect(await shop.staff.getProductStock({ params: { id: cancelled.product.id } })).toMatchObject({
      onHand: 4,
      reserved: 0,
    });
  });

  it('delivers to an address typed at checkout, and its mail does not repeat that address', async () => {
    const { order, guest } = await aGuestOrder(
      { locale: 'km' },
      {
        fulfilment: 'delivery',
        address: {
          houseStreet: '#12, St. 63',
          sangkat: 'Boeung Keng Kang 1',
          khan: 'Chamkarmon',
          province: 'Phnom Penh',
        },
      },
    );
    expect(order.deliveryAddress).toEqual({
      recipient: 'Sokha Chan',
      phone: '+85512345678',
      lines: ['#12, St. 63', 'Boeung Keng Kang 1', 'Chamkarmon, Phnom Penh'],
      province: 'Phnom Penh',
    });
    const mail = await mailTo(guest.email, /ការបញ្ជាទិញ/);
    expect(mail.text).toMatch(/^ជម្រាបសួរ,/);
    expect(mail.text).toContain('សរុបជារៀល');
    expect(mail.text).not.toContain('St. 63');
  });

  it('staff find it by the phone however they type it', async () => {
    const { order } = await aGuestOrder({ phone: '097 765 4321' });
    for (const q of ['097 765 4321', '0977654321', '+855 97 765 4321'])
      expect((await shop.staff.listAdminOrders({ query: { q } })).items.map((o) => o.id)).toContain(order.id);
  });

  it('refuses a phone that is not Cambodian, naming the field', async () => {
    const refused = await failure(aGuestOrder({ phone: '+66 81 234 5678' }));
    expect(refused).toMatchObject({
      status: 400,
      fields: { 'guest.phone': expect.stringMatching(/012 345 678/) },
    });
  });
});

describe('an account made afterwards', () => {
  it('claims the order with its token once signed in to the account of its email; nobody else can', async () => {
    const { order, accessToken, browser, guest } = await aGuestOrder();
    const other = await aCustomer(shop.server);
    expect(
      await failure(other.api.claimGuestOrder({ params: { id: order.id }, body: { token: accessToken } })),
    ).toMatchObject({ status: 404 });

    // The order page offers the sign-up with the order's email; the mailed code proves the address.
    await browser.client.register({
      body: { email: guest.email, password: 'a long and easy sentence', name: 'Sokha' },
    });
    const code = /^\s*(\d{6})\s*$/m.exec((await mailTo(guest.email, /verify/i)).text)![1]!;
    const signedIn = await browser.client.verifyEmail({ body: { email: guest.email, code } });
    const claimed = await browser.client.claimGuestOrder({
      params: { id: order.id },
      body: { token: accessToken },
    });
    expect(claimed.customer.id).toBe(signedIn.user.id);
    expect((await browser.client.listOrders({ query: {} })).items.map((o) => o.id)).toContain(order.id);
    expect((await browser.client.getOrder({ params: { id: order.id } })).id).toBe(order.id);
    // Claimed once: the other customer still gets nothing, and claiming again answers the same order.
    expect(
      await failure(other.api.claimGuestOrder({ params: { id: order.id }, body: { token: accessToken } })),
    ).toMatchObject({ status: 404 });
    const again = await browser.client.claimGuestOrder({
      params: { id: order.id },
      body: { token: accessToken },
    });
    expect(again.id).toBe(order.id);
  });
});

let shade = 0;
/** A phone screenshot of a bank app; each one different. */
const screenshot = async () =>
  new Blob(
    [
      new Uint8Array(
        await sharp({
          create: { width: 390, height: 844, channels: 3, background: { r: 30, g: shade++ % 256, b: 200 } },
        })
          .png()
          .toBuffer(),
      ),
    ],
    { type: 'image/png' },
  );

type Guest = Awaited<ReturnType<typeof aGuestOrder>>;
const sendProof = async (guest: Guest, orderToken = guest.accessToken, file?: Blob) =>
  guest.browser.client.uploadGuestPaymentProof({
    params: { id: guest.order.id },
    orderToken,
    file: file ?? (await screenshot()),
    fileName: 'bank-app.png',
  });
const proofsSeenBy = (guest: Guest, token = guest.accessToken) =>
  guest.browser.client.listGuestPaymentProofs({ params: { id: guest.order.id }, body: { token } });

describe('a guest sends a payment screenshot with the token of the link', () => {
  it("staff see it as the guest's and accept it: the order is paid, its stock sold, the guest mailed", async () => {
    const guest = await aGuestOrder();
    const proof = await sendProof(guest);
    expect(proof).toMatchObject({ status: 'pending', reason: null, reviewedAt: null });
    expect((await proofsSeenBy(guest)).items).toEqual([proof]);
    const stored = await shop.server.database.db
      .selectFrom('payment_proofs')
      .select('uploaded_by')
      .where('id', '=', proof.id)
      .executeTakeFirstOrThrow();
    expect(stored.uploaded_by).toBeNull();

    const queue = await shop.staff.listPaymentProofs({ query: { status: 'pending', pageSize: 100 } });
    expect(queue.items.find((p) => p.id === proof.id)).toMatchObject({
      orderId: guest.order.id,
      sentByGuest: true,
      customer: { id: null, name: 'Sokha Chan', email: guest.guest.email },
      amount: 9_980,
    });
    const accepted = await shop.staff.reviewPaymentProof({
      params: { id: proof.id },
      body: { decision: 'accept' },
    });
    expect(accepted).toMatchObject({ status: 'accepted', orderStatus: 'paid', sentByGuest: true });
    const order = await shop.staff.getAdminOrder({ params: { id: guest.order.id } });
    expect(order.proofs).toMatchObject([{ id: proof.id, sentByGuest: true, status: 'accepted' }]);
    expect(await shop.staff.getProductStock({ params: { id: guest.product.id } })).toMatchObject({
      onHand: 2,
      reserved: 0,
    });

    const mail = await mailTo(guest.guest.email, /Payment received/);
    expect(mail.text).toMatch(/^Hello,/);
    expect(tokenIn(mail.text, guest.order.id)).toBeDefined();
    const page = await guest.browser.client.openGuestOrder({
      params: { id: guest.order.id },
      body: { token: guest.accessToken },
    });
    expect(page.status).toBe('paid');
    expect((await proofsSeenBy(guest)).items).toMatchObject([{ id: proof.id, status: 'accepted' }]);
    // Paid: the link takes no more screenshots.
    expect(await failure(sendProof(guest))).toMatchObject({ status: 409 });
  });

  it("refuses no token, a wrong one and another order's before reading the file; a cancelled order takes none", async () => {
    const mine = await aGuestOrder();
    const other = await aGuestOrder();
    const huge = new Blob([new Uint8Array(9 * 1024 * 1024)], { type: 'image/png' });
    for (const [token, file] of [
      ['', undefined],
      ['x'.repeat(43), undefined],
      [other.accessToken, undefined],
      // A wrong token with a file past the limit: 404, not 413, as the file is never read.
      [other.accessToken, huge],
    ] as const)
      expect(await failure(sendProof(mine, token, file))).toMatchObject({ status: 404 });
    expect(await failure(proofsSeenBy(mine, other.accessToken))).toMatchObject({ status: 404 });
    // With its token: the same checks as a customer's screenshot.
    expect(await failure(sendProof(mine, mine.accessToken, huge))).toMatchObject({ status: 413 });
    const text = new Blob(['I paid, promise!\n'.repeat(100)], { type: 'image/png' });
    expect(await failure(sendProof(mine, mine.accessToken, text))).toMatchObject({
      status: 400,
      fields: { file: expect.any(String) },
    });
    expect((await proofsSeenBy(mine)).items).toEqual([]);

    await other.browser.client.cancelGuestOrder({
      params: { id: other.order.id },
      body: { token: other.accessToken },
    });
    expect(await failure(sendProof(other))).toMatchObject({ status: 409 });
  });

  it('a rejected screenshot mails the guest why; an order takes only so many an hour, from any network', async () => {
    const guest = await aGuestOrder();
    const proof = await sendProof(guest);
    const reason = 'The screenshot shows $9.98, not $99.80';
    await shop.staff.reviewPaymentProof({ params: { id: proof.id }, body: { decision: 'reject', reason } });
    const mail = await mailTo(guest.guest.email, /payment screenshot/);
    expect(mail.text).toContain(reason);
    expect(tokenIn(mail.text, guest.order.id)).toBeDefined();
    expect((await proofsSeenBy(guest)).items).toMatchObject([{ status: 'rejected', reason }]);

    await sendProof(guest);
    await sendProof(guest);
    // The fourth of the hour, from another phone with the mailed link: the order's allowance is spent.
    const phone = { ...guest, browser: guestBrowser() };
    expect(await failure(sendProof(phone, tokenIn(mail.text, guest.order.id)))).toMatchObject({
      status: 429,
    });
  });
});
