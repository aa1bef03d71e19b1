import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ShopClient } from '@shop/shared';
import { extractCode, startSmtpServer, type CapturedMail, type TestSmtpServer } from '../../../test/smtp';
import { browserClient, startTestServer, type TestServer } from '../../../test/support';
import { createActiveUser } from './users';
import { failure } from '../../../test/factory';

/**
 * Sign-up, sign-in and reset through the real HTTP API, with every code read out of a real mail received by an
 * SMTP server on loopback. Each scenario acts from its own loopback client address, as separate phones would.
 */
let server: TestServer;
let smtp: TestSmtpServer;
const secretsUsed: string[] = [];
let ipCounter = 0;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50' } });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const phone = () => browserClient(server.url, { from: `127.1.0.${++ipCounter}` });
const password = (label: string) => {
  const value = `${label}-Pw-${Math.random().toString(36).slice(2, 12)}`;
  secretsUsed.push(value);
  return value;
};
const mailTo = (to: string, subject: RegExp) =>
  smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject), 10_000);
const codeOf = (mail: CapturedMail) => {
  const code = extractCode(mail);
  secretsUsed.push(code);
  return code;
};
let emailCounter = 0;
const newEmail = (label: string) => `${label}.${++emailCounter}.${Date.now()}@example.test`;

async function registeredCustomer(label: string, options: { otpLogin?: boolean } = {}) {
  const email = newEmail(label);
  const pw = password(label);
  const browser = phone();
  await browser.client.register({ body: { email, password: pw, name: `Sok ${label}` } });
  const mail = await mailTo(email, /verif|confirm|code/i);
  await browser.client.verifyEmail({ body: { email, code: codeOf(mail) } });
  if (options.otpLogin) await browser.client.updateMe({ body: { otpLogin: true } });
  return { email, password: pw, browser };
}

async function staffMember(role: 'staff' | 'admin') {
  const email = newEmail(role);
  const pw = password(role);
  await createActiveUser(server.database.db, { email, password: pw, name: `Dara ${role}`, role });
  return { email, password: pw };
}

async function signInWithCode(
  client: ShopClient,
  email: string,
  pw: string,
  extra: { client?: 'web' | 'desktop'; next?: string } = {},
) {
  const first = await client.login({ body: { email, password: pw, ...extra } });
  if (!('otpRequired' in first)) throw new Error('expected a code to be required');
  const mail = await mailTo(email, /sign|log|code/i);
  return client.loginOtp({ body: { challengeId: first.challengeId, code: codeOf(mail), ...extra } });
}

describe('sign-up and verification', () => {
  it('registers, reads the code from the mail, verifies and is signed in with an HttpOnly cookie', async () => {
    const email = newEmail('new');
    const pw = password('new');
    const browser = phone();
    const accepted = await browser.client.register({
      body: { email, password: pw, name: 'Sokha Chan', locale: 'km' },
    });
    expect(accepted.status).toBe('accepted');
    expect(JSON.stringify(accepted)).not.toMatch(/\d{6}/);
    // The sign-up attempt: HttpOnly, SameSite=Lax, only to the auth routes.
    expect(browser.setCookies.get('signup')).toMatch(/; Path=\/api\/v1\/auth;.*HttpOnly.*SameSite=Lax/);

    const mail = await mailTo(email, /./);
    expect(mail.html).toMatch(/[\u1780-\u17ff]/); // Khmer template for a Khmer-speaking customer
    const code = codeOf(mail);
    expect(mail.subject).not.toContain(code);

    expect(await failure(browser.client.getMe({}))).toMatchObject({ status: 401 });
    const signedIn = await browser.client.verifyEmail({ body: { email, code, next: '/checkout' } });
    expect(signedIn).toMatchObject({
      user: { email, status: 'active', role: 'customer', locale: 'km' },
      next: '/checkout',
    });
    expect(browser.cookies.has('session')).toBe(true);
    expect(browser.setCookies.get('session')).toMatch(/; Path=\/;.*HttpOnly.*SameSite=Lax/);
    expect(browser.setCookies.get('device')).toMatch(/; Path=\/api\/v1\/auth;.*HttpOnly.*SameSite=Lax/);
    for (const name of ['signup', 'session', 'device']) {
      expect(browser.setCookies.get(name)).toMatch(/; Expires=/);
      expect(browser.setCookies.get(name)).not.toMatch(/; Secure/); // served over plain HTTP here
    }
    expect((await browser.client.getMe({})).user.email).toBe(email);

    const raw = await browser.fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST' });
    expect(raw.headers.getSetCookie().join()).toMatch(/session=;/);
    expect(await failure(browser.client.getMe({}))).toMatchObject({ status: 401 });
  });

  it('answers the same for an address that already has an account, and mails its owner instead', async () => {
    const { email } = await registeredCustomer('taken');
    const again = await phone().client.register({
      body: { email, password: password('taken2'), name: 'Someone Else' },
    });
    // Each answer carries its own random sign-up attempt token, of the same shape.
    const free = await phone().client.register({
      body: { email: newEmail('free'), password: password('free'), name: 'Free' },
    });
    expect(again).toEqual({ ...free, attempt: expect.stringMatching(/^[\w-]{43}$/) });
    const notice = await mailTo(email, /account/i);
    expect(notice.text).not.toMatch(/(?<!\d)\d{6}(?!\d)/);
  });

  it('refuses a wrong code, an expired code and a used code', async () => {
    const email = newEmail('codes');
    const browser = phone();
    await browser.client.register({ body: { email, password: password('codes'), name: 'Codes' } });
    const code = codeOf(await mailTo(email, /./));
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await failure(browser.client.verifyEmail({ body: { email, code: wrong } }))).toMatchObject({
      status: 400,
      fields: { code: expect.any(String) },
    });

    await server.database.db
      .updateTable('otp_challenges')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    expect(await failure(browser.client.verifyEmail({ body: { email, code } }))).toMatchObject({
      status: 400,
    });
  });

  it('locks a code after five tries: the sixth fails even when right', async () => {
    const email = newEmail('sixth');
    const browser = phone();
    await browser.client.register({ body: { email, password: password('sixth'), name: 'Sixth' } });
    const code = codeOf(await mailTo(email, /./));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(await failure(browser.client.verifyEmail({ body: { email, code: wrong } }))).toMatchObject({
        status: 400,
      });
    }
    expect(await failure(browser.client.verifyEmail({ body: { email, code } }))).toMatchObject({
      status: 429,
    });
  });
});

describe('sign-in', () => {
  it('customers sign in with a password; a code is used once and never twice', async () => {
    const { email, password: pw } = await registeredCustomer('plain');
    const browser = phone();
    const result = await browser.client.login({
      body: { email, password: pw, next: 'https://evil.example/steal' },
    });
    expect(result).toMatchObject({ user: { email }, next: '/' });
    for (const next of ['//evil.example', '/\\evil.example', 'javascript:alert(1)', 'https://evil.example']) {
      expect(
        (await phone().client.login({ body: { email, password: pw, next } })) as { next: string },
      ).toMatchObject({ next: '/' });
    }
    expect(
      await phone().client.login({ body: { email, password: pw, next: '/orders/42?tab=invoice' } }),
    ).toMatchObject({
      next: '/orders/42?tab=invoice',
    });
  });

  it('staff always confirm with a mailed code; the desktop gets a bearer token; a code works once', async () => {
    const staff = await staffMember('staff');
    const desk = phone();
    const first = await desk.client.login({
      body: { email: staff.email, password: staff.password, client: 'desktop' },
    });
    expect(first).toMatchObject({ otpRequired: true, challengeId: expect.any(String) });
    if (!('otpRequired' in first)) return;
    const code = codeOf(await mailTo(staff.email, /./));
    const signedIn = await desk.client.loginOtp({
      body: { challengeId: first.challengeId, code, client: 'desktop' },
    });
    expect(signedIn.sessionToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(desk.cookies.has('session')).toBe(false);

    const bearer = phone();
    const viaToken = (await import('@shop/shared')).createShopClient({
      baseUrl: server.url,
      headers: () => ({ authorization: `Bearer ${signedIn.sessionToken}` }),
    });
    expect((await viaToken.getMe({})).user).toMatchObject({
      email: staff.email,
      role: 'staff',
      otpLogin: true,
    });
    expect(
      await failure(bearer.client.loginOtp({ body: { challengeId: first.challengeId, code } })),
    ).toMatchObject({ status: 400 });
  });

  it('customers who turn on the code get asked for it', async () => {
    const { email, password: pw } = await registeredCustomer('careful', { otpLogin: true });
    const browser = phone();
    const signedIn = await signInWithCode(browser.client, email, pw);
    expect(signedIn.user).toMatchObject({ email, otpLogin: true });
  });

  it('says the same for an unknown address and a wrong password, and rate-limits brute force with 429', async () => {
    const { email } = await registeredCustomer('target');
    const attacker = phone();
    const unknown = await failure(
      attacker.client.login({ body: { email: newEmail('nobody'), password: 'whatever-123' } }),
    );
    const wrong = await failure(attacker.client.login({ body: { email, password: 'wrong-password-1' } }));
    expect([unknown.status, unknown.message]).toEqual([wrong.status, wrong.message]);

    const statuses: (number | 'code first')[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        await phone()
          .client.login({ body: { email, password: `guess-${i}-abcdef` } })
          .then(
            (answer) => ('otpRequired' in answer ? ('code first' as const) : 200),
            (e: ApiError) => e.status,
          ),
      );
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    // Issue 9: the account is not locked for everyone; unknown devices now get a mailed code before any hash.
    expect(statuses.slice(-2)).toEqual(['code first', 'code first']);
    // One address guessing at one account is what gets 429, with Retry-After.
    let raw: Response | undefined;
    for (let i = 0; i < 5; i++) {
      raw = await attacker.fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'one-more-guess' }),
      });
    }
    expect(raw!.status).toBe(429);
    expect(Number(raw!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a state change without the CSRF token (403)', async () => {
    const { email, password: pw } = await registeredCustomer('csrf');
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: pw }),
    });
    expect(response.status).toBe(403);
    const signedInBrowser = phone();
    await signedInBrowser.client.login({ body: { email, password: pw } });
    const forged = await fetch(`${server.url}/api/v1/me`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        cookie: `session=${signedInBrowser.cookies.get('session')}`,
      },
      body: JSON.stringify({ name: 'Forged' }),
    });
    expect(forged.status).toBe(403);
    expect((await signedInBrowser.client.getMe({})).user.name).not.toBe('Forged');
  });
});

describe('password reset', () => {
  it('mails a single-use link; the reset ends every session and the new password works', async () => {
    const { email, browser: oldSession } = await registeredCustomer('forgetful');
    const requester = phone();
    const unknownAnswer = await requester.client.forgotPassword({ body: { email: newEmail('ghost') } });
    const answer = await requester.client.forgotPassword({ body: { email } });
    expect(answer).toEqual(unknownAnswer);

    const mail = await mailTo(email, /password/i);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    secretsUsed.push(token!);
    const newPw = password('renewed');
    await requester.client.resetPassword({ body: { token: token!, password: newPw } });
    expect(await failure(oldSession.client.getMe({}))).toMatchObject({ status: 401 });
    expect(
      await failure(requester.client.resetPassword({ body: { token: token!, password: password('again') } })),
    ).toMatchObject({
      status: 400,
      fields: { token: expect.any(String) },
    });
    expect(await phone().client.login({ body: { email, password: newPw } })).toMatchObject({
      user: { email },
    });
    await mailTo(email, /changed/i);
  });
});

describe('sessions, profile and addresses', () => {
  it('lists sessions, ends one, and signs out everywhere', async () => {
    const { email, password: pw, browser: first } = await registeredCustomer('multi');
    const second = phone();
    await second.client.login({ body: { email, password: pw } });
    const sessions = await second.client.listSessions({});
    expect(sessions.items).toHaveLength(2);
    expect(sessions.items.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.items.find((s) => !s.current)!;
    await second.client.revokeSession({ params: { id: other.id } });
    expect(await failure(first.client.getMe({}))).toMatchObject({ status: 401 });

    const third = phone();
    await third.client.login({ body: { email, password: pw } });
    await second.client.logoutEverywhere({});
    expect(await failure(third.client.getMe({}))).toMatchObject({ status: 401 });
    expect(await failure(second.client.getMe({}))).toMatchObject({ status: 401 });
  });

  it('changes the password (other sessions end), edits the profile and keeps one default address', async () => {
    const { email, password: pw, browser } = await registeredCustomer('profile');
    const elsewhere = phone();
    await elsewhere.client.login({ body: { email, password: pw } });
    expect(
      await failure(
        browser.client.changePassword({
          body: { currentPassword: 'not-it-at-all', newPassword: password('x') },
        }),
      ),
    ).toMatchObject({
      status: 400,
      fields: { currentPassword: expect.any(String) },
    });
    await browser.client.changePassword({ body: { currentPassword: pw, newPassword: password('changed') } });
    expect(await failure(elsewhere.client.getMe({}))).toMatchObject({ status: 401 });
    expect(
      (await browser.client.updateMe({ body: { name: 'Sokha Meas', phone: '012 345 678' } })).user,
    ).toMatchObject({
      name: 'Sokha Meas',
      // Stored in the one form the shop compares phones in (shared/src/phone.ts).
      phone: '+85512345678',
    });

    const home = {
      label: 'Home',
      recipient: 'Sokha Meas',
      phone: '012 345 678',
      houseStreet: '#12, St. 271',
      sangkat: 'Tuol Tumpung 2',
      khan: 'Chamkar Mon',
      province: 'Phnom Penh',
      landmark: 'Near the Russian Market',
    };
    const first = await browser.client.createAddress({ body: home });
    expect(first.isDefault).toBe(true);
    const shop = await browser.client.createAddress({
      body: { ...home, label: 'Shop', houseStreet: '#5, St. 63', isDefault: true },
    });
    const list = await browser.client.listAddresses({});
    expect(list.items.map((a) => [a.label, a.isDefault])).toEqual([
      ['Shop', true],
      ['Home', false],
    ]);
    await browser.client.deleteAddress({ params: { id: shop.id } });
    expect((await browser.client.listAddresses({})).items).toMatchObject([
      { label: 'Home', isDefault: true },
    ]);
    const bad = await failure(
      browser.client.createAddress({ body: { ...home, phone: 'call me', sangkat: '' } }),
    );
    expect(bad).toMatchObject({
      status: 400,
      fields: { phone: expect.any(String), sangkat: expect.any(String) },
    });

    const stranger = (await registeredCustomer('stranger')).browser;
    expect(
      await failure(stranger.client.updateAddress({ params: { id: first.id }, body: { label: 'Mine now' } })),
    ).toMatchObject({ status: 404 });
  });
});

describe('back office accounts', () => {
  it('admins change roles and disable accounts (audited); staff only see customers; customers get 403', async () => {
    const admin = await staffMember('admin');
    const adminBrowser = phone();
    await signInWithCode(adminBrowser.client, admin.email, admin.password);
    const { email, password: pw, browser: customer } = await registeredCustomer('so_managed');

    expect(await failure(customer.client.listUsers({ query: {} }))).toMatchObject({ status: 403 });
    const staff = await staffMember('staff');
    const staffBrowser = phone();
    await signInWithCode(staffBrowser.client, staff.email, staff.password);
    const seenByStaff = await staffBrowser.client.listUsers({ query: { pageSize: 100 } });
    expect(seenByStaff.items.every((u) => u.role === 'customer')).toBe(true);
    expect(
      await failure(
        staffBrowser.client.updateUser({ params: { id: seenByStaff.items[0]!.id }, body: { role: 'admin' } }),
      ),
    ).toMatchObject({
      status: 403,
    });

    const found = await adminBrowser.client.listUsers({ query: { q: email } });
    expect(found.items).toHaveLength(1);
    // % and _ are searched as themselves, not as LIKE's wildcards (on SQLite too).
    expect((await adminBrowser.client.listUsers({ query: { q: '%' } })).items).toHaveLength(0);
    expect(
      (await adminBrowser.client.listUsers({ query: { q: email.replace('@', '_') } })).items,
    ).toHaveLength(0);
    const target = found.items[0]!;
    await adminBrowser.client.updateUser({ params: { id: target.id }, body: { role: 'staff' } });
    await adminBrowser.client.updateUser({ params: { id: target.id }, body: { status: 'disabled' } });
    expect(await failure(customer.client.getMe({}))).toMatchObject({ status: 401 });
    expect(await failure(phone().client.login({ body: { email, password: pw } }))).toMatchObject({
      status: 403,
    });

    const audit = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', target.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'auth.register',
        'auth.email_verified',
        'user.role_changed',
        'user.status_changed',
      ]),
    );
    expect(audit.find((a) => a.action === 'user.role_changed')).toMatchObject({
      before_json: '{"role":"customer"}',
      after_json: '{"role":"staff"}',
    });
    const me = await adminBrowser.client.getMe({});
    expect(
      await failure(adminBrowser.client.updateUser({ params: { id: me.user.id }, body: { role: 'staff' } })),
    ).toMatchObject({ status: 409 });
  });
});

describe('secrets stay secret', () => {
  it('no password, code or reset token of this run appears in the server log or the audit log', async () => {
    expect(secretsUsed.length).toBeGreaterThan(10);
    const log = server.logLines.join('\n');
    const audit = JSON.stringify(await server.database.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of secretsUsed) {
      // Whole tokens only: a 6-digit code may well occur inside a 13-digit timestamp by chance.
      const alone = new RegExp(`(?<![0-9A-Za-z_-])${secret.replace(/[-]/g, '\\-')}(?![0-9A-Za-z_-])`);
      expect(log).not.toMatch(alone);
      expect(audit).not.toMatch(alone);
    }
  });
});
