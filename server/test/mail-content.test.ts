import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopClient } from '@shop/shared';
import { startSmtpServer, type CapturedMail, type TestSmtpServer } from './smtp';
import { browserClient, signedInAs, startTestServer, type TestServer } from './support';
import { failure } from './factory';

/**
 * What strangers can make the shop mail, through the real server and a real SMTP server on loopback: a sign-up or
 * a guest inquiry may name any address, so those mails carry nothing the sender typed; and names are stored without
 * control characters or direction overrides, never as links, with Khmer kept exactly as written.
 */
let server: TestServer;
let smtp: TestSmtpServer;
let staff: ShopClient;
let admin: ShopClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50' } });
  staff = (await signedInAs(server.database.db, 'staff')).client(server.url);
  admin = (await signedInAs(server.database.db, 'admin')).client(server.url);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const SPAM = 'Free iPhone for you';
const address = (label: string) => `${label}.${randomBytes(4).toString('hex')}@example.test`;
const mailTo = (to: string, subject: RegExp) =>
  smtp.waitFor((m) => m.to === to && subject.test(m.subject), 10_000);
const storedName = async (email: string) =>
  (
    await server.database.db
      .selectFrom('users')
      .select('name')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).name;

function expectNothingOf(mail: CapturedMail, ...typed: string[]) {
  for (const text of typed)
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain(text);
}

describe('mail to an address nobody has proven', () => {
  it('a sign-up: the code mail carries no name, and the name is stored clean', async () => {
    const email = address('signup');
    await browserClient(server.url).client.register({
      body: { email, password: 'a long and easy sentence', name: `\u202E${SPAM}\u0007\u200B` },
    });
    const mail = await mailTo(email, /verify/i);
    expect(mail.text).toMatch(/^Hello,/);
    expectNothingOf(mail, 'iPhone', 'Free');
    expect(await storedName(email)).toBe(SPAM);

    // A password reset may go to the same never-verified account: no name either.
    await browserClient(server.url).client.forgotPassword({ body: { email } });
    expectNothingOf(await mailTo(email, /reset/i), 'iPhone');
  });

  it('a sign-up named like a link is refused with a field error, and nothing is mailed', async () => {
    const email = address('link');
    const refused = await failure(
      browserClient(server.url).client.register({
        body: { email, password: 'a long and easy sentence', name: 'Winner! Claim at http://prize.example' },
      }),
    );
    expect(refused).toMatchObject({ status: 400, fields: { name: expect.stringMatching(/web address/) } });
    const users = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .execute();
    expect(users).toEqual([]);
  });

  it('a guest inquiry: neither the acknowledgement nor the answer repeats the name, subject or message', async () => {
    const email = address('guest');
    const guest = browserClient(server.url).client;
    const inquiry = await guest.openInquiry({
      body: {
        name: SPAM,
        email,
        subject: 'You won a prize',
        message: 'Collect it at our partner shop today',
      },
    });
    const ack = await mailTo(email, /received your message/);
    expectNothingOf(ack, 'iPhone', 'prize', 'partner shop');

    await staff.replyToInquiry({
      params: { id: inquiry.id },
      body: { message: 'We do not know what this is about.' },
    });
    const answer = await mailTo(email, /answered your message/);
    expect(answer.text).toContain('We do not know what this is about.');
    expectNothingOf(answer, 'iPhone', 'prize', 'partner shop');

    expect(
      await failure(
        guest.openInquiry({
          body: { name: 'www.prize.example', email: address('guest'), subject: 'Hi', message: 'Hi' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { name: expect.any(String) } });
  });
});

describe('names everywhere', () => {
  it('Khmer names are stored exactly as typed, zero-width spaces included', async () => {
    const email = address('khmer');
    const name = 'ព្រះ\u200Bរាជ ស្រីពៅ';
    await browserClient(server.url).client.register({
      body: { email, password: 'a long and easy sentence', name, locale: 'km' },
    });
    expect(await storedName(email)).toBe(name);
    const mail = await mailTo(email, /ផ្ទៀងផ្ទាត់/);
    expect(mail.text).toMatch(/^ជម្រាបសួរ,/);
  });

  it('profile, delivery recipient and staff accounts: controls and overrides removed, links refused', async () => {
    const customer = await signedInAs(server.database.db, 'customer');
    const me = customer.client(server.url);
    expect((await me.updateMe({ body: { name: 'Sokha\u202E Chan\u0000' } })).user.name).toBe('Sokha Chan');
    expect(await failure(me.updateMe({ body: { name: 'sokha.win' } }))).toMatchObject({
      status: 400,
      fields: { name: expect.any(String) },
    });

    const delivery = {
      label: 'Home',
      phone: '012 345 678',
      houseStreet: '#12, St. 271',
      sangkat: 'Tuol Tumpung',
      khan: 'Chamkarmon',
      province: 'Phnom Penh',
    };
    const saved = await me.createAddress({ body: { ...delivery, recipient: 'ចាន់\u200Bសុខា\u2066' } });
    expect(saved.recipient).toBe('ចាន់\u200Bសុខា');
    expect(
      await failure(me.createAddress({ body: { ...delivery, recipient: 'https://prize.example' } })),
    ).toMatchObject({ status: 400, fields: { recipient: expect.any(String) } });

    const created = await admin.createUser({
      body: {
        email: address('staff'),
        name: '\u202EDara\u0008',
        role: 'staff',
        password: 'a long and easy sentence',
      },
    });
    expect(created.name).toBe('Dara');
    expect(
      await failure(
        admin.updateUser({ params: { id: created.id }, body: { name: 'Dara www.prize.example' } }),
      ),
    ).toMatchObject({ status: 400, fields: { name: expect.any(String) } });
  });
});
