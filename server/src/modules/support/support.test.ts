import { describe, expect, it } from 'vitest';
import type { ShopClient } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  placedOrder,
  useTestShopWithMail,
} from '../../../test/factory';
import { browserClient } from '../../../test/support';

/**
 * Customer inquiries through real HTTP, with mail through a real SMTP server on loopback: guests and customers ask,
 * staff answer (the one who asked is mailed the answer), customers follow and reopen their own threads and nobody
 * else's. Guests act from their own client addresses (TRUST_PROXY), as separate phones would.
 */
const PUBLIC_URL = 'https://shop.example.test';

const shop = useTestShopWithMail({ env: { BAKONG_POLL_MS: '3600000', PUBLIC_URL, TRUST_PROXY: '1' } });
let ipCounter = 0;

const guest = () => browserClient(shop.server.url, { ip: `10.7.0.${++ipCounter}` }).client;
let emailCounter = 0;
const guestEmail = () => `guest.${++emailCounter}.${Date.now()}@example.test`;
const mailTo = (to: string, subject: RegExp) =>
  shop.smtp.waitFor((m) => m.to === to && subject.test(m.subject), 10_000);

async function customer(options: { locale?: 'km' } = {}) {
  const { api, email, userId } = await aCustomer(shop.server, options);
  return { api, email, userId };
}

async function orderOf(api: ShopClient) {
  const product = await aProductWithStock(shop, {
    stock: 3,
    priceCents: 2500,
    name: 'USB headset',
    category: 'keyboards-mice',
  });
  return (
    await placedOrder(shop.server, { customer: { api }, items: [{ productId: product.id, quantity: 1 }] })
  ).order;
}

describe('opening an inquiry', () => {
  it('a guest asks with a name and an address: the thread is open and an acknowledgement is mailed', async () => {
    const email = guestEmail();
    const inquiry = await guest().openInquiry({
      body: { name: 'Sokha', email, subject: 'Do you repair MacBooks?', message: 'Mine does not start.' },
    });
    expect(inquiry).toMatchObject({
      subject: 'Do you repair MacBooks?',
      status: 'open',
      orderId: null,
      lastAuthorKind: 'guest',
      messages: [{ authorKind: 'guest', authorName: 'Sokha', body: 'Mine does not start.' }],
    });
    const ack = await mailTo(email, /received your message/);
    expect(ack.text).toMatch(/^Hello,/);
    // Nothing the guest typed is mailed back (not even the name), and a guest has no page to go to.
    expect(ack.text).not.toContain('Sokha');
    expect(ack.text).not.toContain('MacBook');
    expect(ack.text).not.toContain(PUBLIC_URL);

    const staffView = await shop.staff.getInquiry({ params: { id: inquiry.id } });
    expect(staffView.from).toEqual({ kind: 'guest', userId: null, name: 'Sokha', email, locale: 'en' });
  });

  it('a guest may ask for mail in Khmer', async () => {
    const email = guestEmail();
    await guest().openInquiry({
      body: { name: 'សុខា', email, subject: 'កុំព្យូទ័រ', message: 'សួស្តី', locale: 'km' },
    });
    const ack = await mailTo(email, /យើងបានទទួលសារ/);
    expect(ack.text).toMatch(/^ជម្រាបសួរ,/);
    expect(ack.text).not.toContain('សុខា');
  });

  it('a customer asks about their own order: the thread names it, the acknowledgement links to the thread', async () => {
    const { api, email } = await customer();
    const order = await orderOf(api);
    const inquiry = await api.openInquiry({
      body: { subject: 'Pickup time', message: 'Can I come on Sunday?', orderId: order.id },
    });
    expect(inquiry).toMatchObject({
      orderId: order.id,
      orderNumber: order.number,
      status: 'open',
      lastAuthorKind: 'customer',
      messages: [{ authorKind: 'customer', authorName: 'customer', body: 'Can I come on Sunday?' }],
    });
    const ack = await mailTo(email, /received your message/);
    expect(ack.text).toContain(`${PUBLIC_URL}/account/support/${inquiry.id}`);
  });

  it("another customer's order, or an order id from a guest, is refused on the field", async () => {
    const owner = await customer();
    const order = await orderOf(owner.api);
    const other = await customer();
    expect(
      await failure(
        other.api.openInquiry({ body: { subject: 'Where is it?', message: 'Hello', orderId: order.id } }),
      ),
    ).toMatchObject({ status: 400, fields: { orderId: expect.any(String) } });
    expect(
      await failure(
        other.api.openInquiry({
          body: { subject: 'Where is it?', message: 'Hello', orderId: 'NO-SUCH-ORDER' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { orderId: expect.any(String) } });
    expect(
      await failure(
        guest().openInquiry({
          body: { name: 'X', email: guestEmail(), subject: 'Order', message: 'Hi', orderId: order.id },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { orderId: expect.any(String) } });
    expect((await other.api.listMyInquiries({ query: {} })).items).toEqual([]);
  });

  it('bad input answers 400 with what is wrong, field by field', async () => {
    expect(await failure(guest().openInquiry({ body: { subject: 'Hi', message: 'Hello' } }))).toMatchObject({
      status: 400,
      fields: { name: expect.any(String), email: expect.any(String) },
    });
    expect(
      await failure(
        guest().openInquiry({
          body: { name: 'A', email: 'not-an-address', subject: ' ', message: 'x'.repeat(5001) },
        }),
      ),
    ).toMatchObject({
      status: 400,
      fields: { email: expect.any(String), subject: expect.any(String), message: expect.any(String) },
    });
    const { api } = await customer();
    const mine = await api.openInquiry({ body: { subject: 'Warranty', message: 'How long?' } });
    expect(
      await failure(api.replyToMyInquiry({ params: { id: mine.id }, body: { message: '   ' } })),
    ).toMatchObject({ status: 400, fields: { message: expect.any(String) } });
    expect(
      await failure(
        shop.staff.setInquiryStatus({ params: { id: mine.id }, body: { status: 'solved' as never } }),
      ),
    ).toMatchObject({ status: 400, fields: { status: expect.any(String) } });
    expect(await failure(shop.staff.listInquiries({ query: { status: 'pending' as never } }))).toMatchObject({
      status: 400,
      fields: { status: expect.any(String) },
    });
  });

  it('guests are limited per client address; customers are not', async () => {
    const phone = guest();
    const ask = () =>
      phone.openInquiry({ body: { name: 'Spam', email: guestEmail(), subject: 'Hi', message: 'Hi' } });
    for (let i = 0; i < 5; i++) await ask();
    expect(await failure(ask())).toMatchObject({ status: 429 });
    // Another phone is another address.
    await guest().openInquiry({ body: { name: 'Dara', email: guestEmail(), subject: 'Hi', message: 'Hi' } });
  });
});

describe('answering', () => {
  it('staff answer: the customer is mailed the answer and sees it; writing again reopens; staff close it', async () => {
    const { api, email } = await customer();
    const inquiry = await api.openInquiry({
      body: { subject: 'RAM upgrade', message: 'Does my laptop take 32 GB?' },
    });

    const queue = await shop.staff.listInquiries({ query: { status: 'open', pageSize: 100 } });
    expect(queue.items.find((i) => i.id === inquiry.id)).toMatchObject({
      subject: 'RAM upgrade',
      status: 'open',
      from: { kind: 'customer', email, locale: 'en' },
    });
    // The queue: whoever has waited longest first.
    const waited = queue.items.map((i) => i.updatedAt);
    expect(waited).toEqual([...waited].sort((a, b) => a - b));

    const answer = 'Yes: two 16 GB modules.\nBring it in and we fit them while you wait.';
    const answered = await shop.staff.replyToInquiry({
      params: { id: inquiry.id },
      body: { message: answer },
    });
    expect(answered).toMatchObject({ status: 'waiting_on_customer', lastAuthorKind: 'staff' });
    expect(answered.messages.map((m) => [m.authorKind, m.authorName])).toEqual([
      ['customer', 'customer'],
      ['staff', 'staff'],
    ]);

    const mail = await mailTo(email, /answered your message/);
    expect(mail.text).toContain(answer);
    expect(mail.text).toContain('RAM upgrade');
    expect(mail.text).toContain(`${PUBLIC_URL}/account/support/${inquiry.id}`);
    expect(mail.subject).not.toContain('RAM');

    const seen = await api.getMyInquiry({ params: { id: inquiry.id } });
    expect(seen.status).toBe('waiting_on_customer');
    expect(seen.messages.at(-1)).toMatchObject({ authorKind: 'staff', body: answer });

    const again = await api.replyToMyInquiry({
      params: { id: inquiry.id },
      body: { message: 'Great, I come tomorrow.' },
    });
    expect(again).toMatchObject({ status: 'open', lastAuthorKind: 'customer' });
    expect(again.messages).toHaveLength(3);

    const closed = await shop.staff.setInquiryStatus({
      params: { id: inquiry.id },
      body: { status: 'closed' },
    });
    expect(closed.status).toBe('closed');
    expect((await api.getMyInquiry({ params: { id: inquiry.id } })).status).toBe('closed');
    // Closing twice changes nothing and records nothing new.
    await shop.staff.setInquiryStatus({ params: { id: inquiry.id }, body: { status: 'closed' } });

    // A customer may come back to a closed thread: it is open for staff again.
    await api.replyToMyInquiry({ params: { id: inquiry.id }, body: { message: 'One more question.' } });
    expect((await api.getMyInquiry({ params: { id: inquiry.id } })).status).toBe('open');

    const audit = await shop.server.database.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json', 'actor_id'])
      .where('entity', '=', 'support_inquiry')
      .where('entity_id', '=', inquiry.id)
      .orderBy('id')
      .execute();
    expect(
      audit.map((a) => [a.action, JSON.parse(a.before_json!), JSON.parse(a.after_json!).status]),
    ).toEqual([
      ['support.reply', { status: 'open' }, 'waiting_on_customer'],
      ['support.status', { status: 'open' }, 'closed'],
    ]);
    expect(audit.every((a) => a.actor_id !== null)).toBe(true);
  });

  it('a guest gets the answer itself by mail, in their language; answering with `close` closes the thread', async () => {
    const email = guestEmail();
    const inquiry = await guest().openInquiry({
      body: { name: 'Vanna', email, subject: 'Price of RTX 4070', message: 'In riel?', locale: 'km' },
    });
    const answered = await shop.staff.replyToInquiry({
      params: { id: inquiry.id },
      body: { message: 'It is 2,460,000 riel <today>.', close: true },
    });
    expect(answered.status).toBe('closed');
    const mail = await mailTo(email, /យើងបានឆ្លើយតប/);
    expect(mail.text).toContain('It is 2,460,000 riel <today>.');
    expect(mail.html).toContain('&lt;today&gt;');
    expect(mail.text).not.toContain('/account/support/');
  });

  it('a Khmer-speaking customer is answered in Khmer', async () => {
    const { api, email } = await customer({ locale: 'km' });
    const inquiry = await api.openInquiry({ body: { subject: 'Delivery', message: 'To Siem Reap?' } });
    await shop.staff.replyToInquiry({ params: { id: inquiry.id }, body: { message: 'បាទ/ចាស' } });
    const mail = await mailTo(email, /យើងបានឆ្លើយតប/);
    expect(mail.text).toContain('បាទ/ចាស');
    expect(mail.text).toContain(`${PUBLIC_URL}/account/support/${inquiry.id}`);
  });
});

describe('who sees what', () => {
  it("a customer lists their own threads, newest activity first, and nobody else's", async () => {
    const { api } = await customer();
    const first = await api.openInquiry({ body: { subject: 'First', message: 'One' } });
    const second = await api.openInquiry({ body: { subject: 'Second', message: 'Two' } });
    await shop.staff.replyToInquiry({ params: { id: first.id }, body: { message: 'Answer' } });
    const mine = await api.listMyInquiries({ query: {} });
    expect(mine).toMatchObject({ total: 2, page: 1 });
    expect(mine.items.map((i) => i.id)).toEqual([first.id, second.id]);
    expect(mine.items[0]).toMatchObject({ status: 'waiting_on_customer', lastAuthorKind: 'staff' });

    const other = await customer();
    expect((await other.api.listMyInquiries({ query: {} })).items).toEqual([]);
    expect(await failure(other.api.getMyInquiry({ params: { id: first.id } }))).toMatchObject({
      status: 404,
    });
    expect(
      await failure(other.api.replyToMyInquiry({ params: { id: first.id }, body: { message: 'Mine now' } })),
    ).toMatchObject({ status: 404 });
    expect((await api.getMyInquiry({ params: { id: first.id } })).messages).toHaveLength(2);
  });

  it('staff filter by status and page through every thread; unknown ids are 404', async () => {
    const page = await shop.staff.listInquiries({ query: { pageSize: 2 } });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const next = await shop.staff.listInquiries({ query: { pageSize: 2, page: 2 } });
    expect(next.items.map((i) => i.id)).not.toContain(page.items[0]!.id);
    const newest = page.items.map((i) => i.updatedAt);
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    const closed = await shop.staff.listInquiries({ query: { status: 'closed', pageSize: 100 } });
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((i) => i.status === 'closed')).toBe(true);

    expect(await failure(shop.staff.getInquiry({ params: { id: 'NO-SUCH-INQUIRY' } }))).toMatchObject({
      status: 404,
    });
    expect(
      await failure(
        shop.staff.replyToInquiry({ params: { id: 'NO-SUCH-INQUIRY' }, body: { message: 'Hi' } }),
      ),
    ).toMatchObject({ status: 404 });
  });

  it("staff search by subject, asker's name or email, or order number (case and % taken literally), and list one customer's threads", async () => {
    const { api, userId } = await customer();
    const order = await orderOf(api);
    const aboutOrder = await api.openInquiry({
      body: { subject: 'Headset crackles', message: 'Left side only.', orderId: order.id },
    });
    const other = await api.openInquiry({ body: { subject: 'Opening hours 100%?', message: 'Sunday?' } });
    const email = guestEmail();
    const fromGuest = await guest().openInquiry({
      body: { name: 'Vannak Srey', email, subject: 'Trade-in', message: 'Do you buy old GPUs?' },
    });
    const found = async (q: string, extra: { customerId?: string; status?: 'open' } = {}) =>
      (await shop.staff.listInquiries({ query: { q, pageSize: 100, ...extra } })).items.map((i) => i.id);

    expect(await found('HEADSET CRACK')).toEqual([aboutOrder.id]);
    expect(await found(order.number)).toEqual([aboutOrder.id]);
    expect(await found('vannak')).toEqual([fromGuest.id]);
    expect(await found(email.toUpperCase())).toEqual([fromGuest.id]);
    // LIKE's wildcards are text here: "100%" is found, "1%0" finds nothing.
    expect(await found('100%')).toEqual([other.id]);
    expect(await found('1%0')).toEqual([]);
    expect(await found('trade-in', { status: 'open' })).toEqual([fromGuest.id]);

    const theirs = await shop.staff.listInquiries({ query: { customerId: userId, pageSize: 1 } });
    expect(theirs.total).toBe(2);
    expect(theirs.items.map((i) => i.id)).toEqual([other.id]);
    expect(await found('headset', { customerId: userId })).toEqual([aboutOrder.id]);
    expect(await found('trade-in', { customerId: userId })).toEqual([]);

    expect(await failure(shop.staff.listInquiries({ query: { q: 'x'.repeat(121) } }))).toMatchObject({
      status: 400,
    });
  });

  it('the back office is for staff: anonymous callers get 401, customers 403', async () => {
    const { api } = await customer();
    const mine = await api.openInquiry({ body: { subject: 'Mine', message: 'Hello' } });
    const anonymous = guest();
    for (const [caller, status] of [
      [anonymous, 401],
      [api, 403],
    ] as const) {
      expect(await failure(caller.listInquiries({ query: {} }))).toMatchObject({ status });
      expect(await failure(caller.getInquiry({ params: { id: mine.id } }))).toMatchObject({ status });
      expect(
        await failure(caller.replyToInquiry({ params: { id: mine.id }, body: { message: 'Hi' } })),
      ).toMatchObject({ status });
      expect(
        await failure(caller.setInquiryStatus({ params: { id: mine.id }, body: { status: 'closed' } })),
      ).toMatchObject({ status });
    }
    expect(await failure(anonymous.listMyInquiries({ query: {} }))).toMatchObject({ status: 401 });
    expect(await failure(anonymous.getMyInquiry({ params: { id: mine.id } }))).toMatchObject({ status: 401 });
    expect((await api.getMyInquiry({ params: { id: mine.id } })).status).toBe('open');
  });
});
