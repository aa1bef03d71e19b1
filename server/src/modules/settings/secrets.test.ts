import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAKONG_TOKEN_WARNING_MS, type ApiError } from '@shop/shared';
import {
  aProductWithStock,
  checkPaymentsNow,
  failure,
  placedOrder,
  startTestShop,
  type TestShop,
} from '../../../test/factory';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp';
import { signedInAs } from '../../../test/support';
import { enqueueMail } from '../../mail/outbox';
import { createSecretBox } from '../../secrets/secret-box';
import { startBakongStandinServer } from '../payments/bakong-standin';

/**
 * The secrets an admin enters in the back office (issue 13, item 7): the Bakong token and the SMTP password. They are
 * stored sealed, never answered, and used by the payment job and the mailer from the next call, without a restart.
 */
const DAY = 24 * 60 * 60_000;
const jwt = (claims: object) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.') + '.c2lnbmF0dXJlLW9mLXRoZS1iYW5r';
const NEW_EXPIRY = Math.floor((Date.now() + 10 * DAY) / 1000);
const NEW_TOKEN = jwt({ sub: 'angkorpc@aclb', exp: NEW_EXPIRY });
const OLD_TOKEN = 'the-token-of-last-quarter';

let bakong: Awaited<ReturnType<typeof startBakongStandinServer>>;
let smtp: TestSmtpServer;
let shop: TestShop;

beforeAll(async () => {
  // Bakong (played by a stand-in on its own port) accepts only the renewed token; the server starts with the old one.
  bakong = await startBakongStandinServer({ token: NEW_TOKEN });
  smtp = await startSmtpServer();
  shop = await startTestShop({
    env: {
      BAKONG_STANDIN: 'false',
      BAKONG_API_URL: bakong.url,
      BAKONG_TOKEN: OLD_TOKEN,
      BAKONG_POLL_MS: '3600000',
    },
    settings: {
      'payments.merchant': {
        kind: 'individual',
        accountId: 'angkorpc@aclb',
        name: 'Angkor PC',
        city: 'Phnom Penh',
      },
    },
  });
});
afterAll(async () => {
  await shop?.stop();
  await smtp?.stop();
  await bakong?.stop();
});

const db = () => shop.server.database.db;
const everythingStored = async () => {
  const settings = await db().selectFrom('settings').select('value_json').execute();
  const audits = await db().selectFrom('audit_log').select(['before_json', 'after_json']).execute();
  return JSON.stringify([settings, audits]);
};

describe('the Bakong token', () => {
  it('entered by an admin: sealed at rest, never answered, and the payment job uses it from its next round', async () => {
    expect((await shop.admin.getAdminSettings({})).bakongToken).toMatchObject({
      set: false,
      source: 'environment',
      expiresAt: null,
      warning: null,
    });
    const product = await aProductWithStock(shop, { priceCents: 1500 });
    const { order, api } = await placedOrder(shop.server, {
      items: [{ productId: product.id, quantity: 1 }],
    });
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    bakong.standin.markPaid({ qr: payment.khqr });

    // Bakong refuses last quarter's token: the payment stays pending, as with any refusal.
    await checkPaymentsNow(shop.server);
    expect((await api.getOrderPayment({ params: { id: order.id } })).status).toBe('pending');

    const status = await shop.admin.setBakongToken({ body: { token: NEW_TOKEN } });
    expect(status).toMatchObject({
      set: true,
      source: 'settings',
      expiresAt: NEW_EXPIRY * 1000,
      updatedAt: expect.any(Number),
    });
    // Ten days left: inside the 14 days of warning.
    expect(10 * DAY).toBeLessThan(BAKONG_TOKEN_WARNING_MS);
    expect(status.warning).toMatch(/^The Bakong token expires on \d{4}-\d{2}-\d{2} \(in 10 days\)/);

    // No restart: the next round asks with the new token.
    await checkPaymentsNow(shop.server);
    expect((await api.getOrderPayment({ params: { id: order.id } })).status).toBe('paid');

    // Not in any row (settings or audit), nor in what an admin reads back.
    const tokenText = NEW_TOKEN.split('.')[1]!;
    expect(await everythingStored()).not.toContain(tokenText);
    const answer = JSON.stringify(await shop.admin.getAdminSettings({}));
    expect(answer).not.toContain(tokenText);
    expect(answer).not.toContain(OLD_TOKEN);
    const [audit] = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', 'payments.bakongToken')
      .execute();
    expect(JSON.parse(audit!.after_json!)).toMatchObject({
      value: { set: true, inUse: 'settings', expiresAt: status.expiresAt },
    });
  });

  it('a token that expired is warned about; forgetting it goes back to BAKONG_TOKEN', async () => {
    const expired = jwt({ exp: Math.floor((Date.now() - DAY) / 1000) });
    expect((await shop.admin.setBakongToken({ body: { token: expired } })).warning).toMatch(
      /^The Bakong token expired on .*payments cannot be confirmed/,
    );
    expect(await shop.admin.setBakongToken({ body: { token: null } })).toMatchObject({
      set: false,
      source: 'environment',
      warning: null,
    });
    await shop.admin.setBakongToken({ body: { token: NEW_TOKEN } });
  });

  it('a pasted token with a line break is refused (400) and the stored one stays', async () => {
    const error = await failure<ApiError>(
      shop.admin.setBakongToken({ body: { token: `${NEW_TOKEN.slice(0, 30)}\n${NEW_TOKEN.slice(30)}` } }),
    );
    expect(error).toMatchObject({ status: 400, fields: { token: expect.stringContaining('line breaks') } });
    expect((await shop.admin.getAdminSettings({})).bakongToken).toMatchObject({
      set: true,
      source: 'settings',
    });
  });

  it('staff and customers can neither set nor forget it', async () => {
    const customer = (await signedInAs(db(), 'customer')).client(shop.server.url);
    for (const caller of [shop.staff, customer])
      expect(await failure<ApiError>(caller.setBakongToken({ body: { token: null } }))).toMatchObject({
        status: 403,
      });
    expect((await shop.admin.getAdminSettings({})).bakongToken.set).toBe(true);
  });
});

describe('the mail sender and server', () => {
  const PASSWORD = 'smtp-password-of-the-shop';

  it('entered by an admin: the next mail goes through that server from that sender; the password is sealed', async () => {
    const status = await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'Hello@AngkorPC.example',
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop', password: PASSWORD },
      },
    });
    expect(status).toMatchObject({
      from: '"Angkor PC" <hello@angkorpc.example>',
      transport: 'settings',
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop', passwordSet: true },
    });
    const result = await shop.admin.sendTestMail({});
    expect(result).toMatchObject({ sentTo: shop.adminUser.email, transport: 'settings' });
    const mail = await smtp.waitFor((m) => m.to === shop.adminUser.email);
    expect(mail).toMatchObject({ from: 'hello@angkorpc.example', user: 'shop' });
    expect(mail.subject).toBe('Test mail from Computer Shop');

    // The outbox (every other mail) takes the same sender and server, with no restart.
    await enqueueMail(db(), {
      to: 'customer@example.test',
      locale: 'en',
      template: 'verify-email',
      data: { code: '482913' },
    });
    await shop.server.mail.runOnce();
    expect(await smtp.waitFor((m) => m.to === 'customer@example.test')).toMatchObject({
      from: 'hello@angkorpc.example',
      user: 'shop',
    });
    expect(await everythingStored()).not.toContain(PASSWORD);
    expect(JSON.stringify(await shop.admin.getAdminSettings({}))).not.toContain(PASSWORD);
  });

  it('a password left out is kept when the rest changes', async () => {
    const status = await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC Shop',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop' },
      },
    });
    expect(status.smtp).toMatchObject({ passwordSet: true });
    await shop.admin.sendTestMail({});
    expect((await smtp.waitFor((m) => m.from === 'hello@angkorpc.example' && m.user === 'shop')).user).toBe(
      'shop',
    );
  });

  it('a wrong server answers a clear 502 saying what went wrong, not a 500', async () => {
    const closed = await startSmtpServer();
    await closed.stop();
    await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: closed.port, security: 'none', user: null },
      },
    });
    const error = await failure<ApiError>(shop.admin.sendTestMail({}));
    expect(error).toMatchObject({ status: 502, code: 'upstream_failed' });
    expect(error.message).toMatch(/^The mail server did not take the test mail: .*ECONNREFUSED/);
  });

  it('bad input is a 400 naming the fields, and the stored settings stay', async () => {
    const before = await shop.admin.getAdminSettings({});
    const error = await failure<ApiError>(
      shop.admin.setMailSettings({
        body: {
          senderName: 'Angkor "PC"',
          senderAddress: 'not-an-address',
          smtp: { host: 'smtp example', port: 70_000, security: 'none', user: null },
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields).sort()).toEqual([
      'senderAddress',
      'senderName',
      'smtp.host',
      'smtp.port',
    ]);
    expect((await shop.admin.getAdminSettings({})).mail).toEqual(before.mail);
  });

  it('secrets sealed with another key (SECRETS_KEY changed) are reported, not used: enter them again', async () => {
    const otherKey = createSecretBox(Buffer.alloc(32, 9));
    const reseal = async (
      key: string,
      field: (value: Record<string, unknown>) => Record<string, unknown>,
    ) => {
      const row = await db()
        .selectFrom('settings')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      const value_json = JSON.stringify(field(JSON.parse(row.value_json) as Record<string, unknown>));
      await db().updateTable('settings').set({ value_json }).where('key', '=', key).execute();
    };
    await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop', password: PASSWORD },
      },
    });
    await reseal('mail.delivery', (value) => ({
      ...value,
      smtp: {
        ...(value.smtp as object),
        sealedPassword: otherKey.seal(PASSWORD, 'mail.delivery.smtp.password'),
      },
    }));
    await reseal('payments.bakongToken', () => ({
      sealedToken: otherKey.seal(NEW_TOKEN, 'payments.bakongToken'),
    }));
    const { mail, bakongToken } = await shop.admin.getAdminSettings({});
    expect(mail.warning).toMatch(/password cannot be opened with this server's key/);
    expect(bakongToken).toMatchObject({ set: true, source: 'settings', expiresAt: null });
    expect(bakongToken.warning).toMatch(/cannot be opened with this server's key/);
    const error = await failure<ApiError>(shop.admin.sendTestMail({}));
    expect(error).toMatchObject({ status: 502, code: 'upstream_failed' });
    expect(error.message).toMatch(/cannot be opened with this key/);

    // Entered again, both work.
    await shop.admin.setBakongToken({ body: { token: NEW_TOKEN } });
    await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop', password: PASSWORD },
      },
    });
    const again = await shop.admin.getAdminSettings({});
    expect([again.mail.warning, again.bakongToken.source]).toEqual([null, 'settings']);
    expect(await shop.admin.sendTestMail({})).toMatchObject({ transport: 'settings' });
  });

  it('staff cannot see or change it, nor send test mails', async () => {
    expect(await failure<ApiError>(shop.staff.sendTestMail({}))).toMatchObject({ status: 403 });
    expect(
      await failure<ApiError>(
        shop.staff.setMailSettings({
          body: { senderName: 'x', senderAddress: 'x@example.com', smtp: null },
        }),
      ),
    ).toMatchObject({ status: 403 });
  });
});
