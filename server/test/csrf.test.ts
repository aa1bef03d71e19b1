import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveUser } from '../src/modules/accounts/users';
import { browserClient, signedInAs, startTestServer, type TestServer } from './support';

/**
 * The browser's CSRF token through the real server: bound to the session, renewed at every sign-in and sign-out,
 * handed out only on answers no cache keeps; and `next` after signing in never leads off the site.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function customer() {
  const email = `csrf-${randomBytes(4).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await createActiveUser(server.database.db, { email, password, name: 'Sokha Chan', role: 'customer' });
  return { email, password };
}

/** A state change as a page makes it: this session cookie, this echoed token. */
function renameAs(session: string | undefined, token: string | undefined, name = 'Changed') {
  return fetch(`${server.url}/api/v1/me`, {
    method: 'PATCH',
    headers: {
      'content-type': 'application/json',
      cookie: [session && `session=${session}`, token && `csrf_token=${token}`].filter(Boolean).join('; '),
      ...(token ? { 'x-csrf-token': token } : {}),
    },
    body: JSON.stringify({ name }),
  });
}

describe('the CSRF token', () => {
  it('is renewed at sign-in: the token from before is refused, the new one works', async () => {
    const { email, password } = await customer();
    const browser = browserClient(server.url);
    await browser.client.getCsrfToken({});
    const before = browser.cookies.get('csrf_token');
    expect(before).toBeTruthy();

    const signIn = await browser.fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const after = browser.cookies.get('csrf_token');
    const session = browser.cookies.get('session');
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);

    expect((await renameAs(session, before)).status).toBe(403);
    expect((await renameAs(session, after)).status).toBe(200);
    // The page's own client reads the renewed cookie and keeps working.
    expect((await browser.client.updateMe({ body: { name: 'Sokha C.' } })).user.name).toBe('Sokha C.');
  });

  it('is refused with another session, even when the browser holds both cookies', async () => {
    const a = browserClient(server.url);
    const b = browserClient(server.url);
    for (const [browser, who] of [
      [a, await customer()],
      [b, await customer()],
    ] as const)
      await browser.client.login({ body: { email: who.email, password: who.password } });
    const tokenOfB = b.cookies.get('csrf_token');
    expect(tokenOfB).not.toBe(a.cookies.get('csrf_token'));
    const forged = await renameAs(a.cookies.get('session'), tokenOfB, 'Forged');
    expect(forged.status).toBe(403);
    expect((await a.client.getMe({})).user.name).toBe('Sokha Chan');
  });

  it('is renewed at sign-out, and the signed-out page keeps working with the new one', async () => {
    const { email, password } = await customer();
    const browser = browserClient(server.url);
    await browser.client.login({ body: { email, password } });
    const signedIn = browser.cookies.get('csrf_token');
    const session = browser.cookies.get('session');

    const signOut = await browser.fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST' });
    expect(signOut.status).toBe(200);
    expect(signOut.headers.get('cache-control')).toBe('no-store');
    expect(browser.cookies.has('session')).toBe(false);
    expect(browser.cookies.get('csrf_token')).toBeTruthy();
    expect(browser.cookies.get('csrf_token')).not.toBe(signedIn);
    // The ended session stays ended whatever token comes with it.
    expect((await renameAs(session, signedIn)).status).toBe(401);
    // Signing in again from the same page works with what the sign-out handed out.
    await browser.client.login({ body: { email, password } });
    expect((await browser.client.getMe({})).user.email).toBe(email);
  });

  it('is handed to a signed-in browser that still holds an older one, on its next page load', async () => {
    const { email, password } = await customer();
    const browser = browserClient(server.url);
    await browser.client.login({ body: { email, password } });
    const current = browser.cookies.get('csrf_token')!;
    browser.cookies.set('csrf_token', randomBytes(32).toString('base64url'));
    await browser.client.getSession({});
    expect(browser.cookies.get('csrf_token')).toBe(current);
  });

  it('comes only with answers marked no-store; public catalog answers neither set it nor lose their caching', async () => {
    for (const path of ['/auth/csrf', '/session']) {
      const answer = await fetch(`${server.url}/api/v1${path}`);
      expect(answer.headers.getSetCookie().join(), path).toMatch(/^csrf_token=/);
      expect(answer.headers.get('cache-control'), path).toBe('no-store');
    }
    const refused = await fetch(`${server.url}/api/v1/cart/items`, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().join()).toMatch(/^csrf_token=/);
    expect(refused.headers.get('cache-control')).toBe('no-store');

    const shop = await fetch(`${server.url}/api/v1/shop`);
    expect(shop.headers.getSetCookie()).toEqual([]);
    expect(shop.headers.get('cache-control') ?? '').not.toContain('no-store');
  });

  it('is not needed by the desktop app, which signs its requests with a bearer token', async () => {
    const { token } = await signedInAs(server.database.db, 'customer');
    const answer = await fetch(`${server.url}/api/v1/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'From the counter' }),
    });
    expect(answer.status).toBe(200);
  });
});

describe('where signing in leads', () => {
  it('answers a path of the shop for next, never another site', async () => {
    const { email, password } = await customer();
    for (const [next, expected] of [
      ['/..//evil.example', '/'],
      ['/%2e%2e//evil.example', '/'],
      ['/%2F%2Fevil.example', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/checkout', '/'],
      ['/a/../checkout', '/checkout'],
    ] as const) {
      const answer = await browserClient(server.url).client.login({ body: { email, password, next } });
      expect(answer, next).toMatchObject({ next: expected });
    }
  });
});
