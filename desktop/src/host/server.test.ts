import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandRunner } from '../bridge/runner';
import { startHost, type RunningHost } from './server';
import { openTestSocket } from './test-socket';

/**
 * The browser host's own rules, over real HTTP: what a page on another site, a rebound DNS name, or a tablet on the
 * shop's network that has not signed in can make it do. The commands here are a small echo core; the real core
 * behind the host is tested with it in the sync tests.
 */
const rendererDir = mkdtempSync(join(tmpdir(), 'pos-renderer-'));
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>POS</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');

const listeners = new Set<(name: string, data: unknown) => void>();
const runner = commandRunner(
  {
    echo: async (input) => ({ echoed: input }),
    fail: async () => {
      throw Object.assign(new Error('The drawer is closed'), {
        code: 'drawer_closed',
        fields: { shift: 'closed' },
      });
    },
    crash: async () => {
      throw new Error('SQLITE_CORRUPT at /home/shop/data/pos.db');
    },
    signInWithPin: async (input) => {
      const { pin } = input as { pin: string };
      if (pin !== '2580') throw Object.assign(new Error('Wrong PIN'), { code: 'wrong_pin' });
      return { ok: true };
    },
  },
  {
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  },
  async () => {},
);

let local: RunningHost;
let remote: RunningHost;
beforeAll(async () => {
  local = await startHost({ runner, rendererDir, host: '127.0.0.1', port: 0 });
  // 0.0.0.0 stands for "the shop's network": reached here through 127.0.0.1 all the same.
  remote = await startHost({
    runner,
    rendererDir,
    host: '0.0.0.0',
    port: 0,
    signIn: async (staffId, pin) => {
      await runner.run('signInWithPin', { staffId, pin });
    },
  });
});
afterAll(async () => {
  await local?.close();
  await remote?.close();
});

const remoteUrl = () => remote.url.replace('0.0.0.0', '127.0.0.1');
const command = (base: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/pos/run/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-client': '1', ...headers },
    body: JSON.stringify(body),
  });

describe('the browser host on loopback', () => {
  it('runs a command and answers its output; a failed command answers its code and message only', async () => {
    expect(await (await command(local.url, 'echo', { sku: 'A1' })).json()).toEqual({
      ok: true,
      output: { echoed: { sku: 'A1' } },
    });
    expect(await (await command(local.url, 'fail', null)).json()).toEqual({
      ok: false,
      error: { code: 'drawer_closed', message: 'The drawer is closed', fields: { shift: 'closed' } },
    });
    // Internals (paths, SQL errors) never reach the page.
    const crashed = (await (await command(local.url, 'crash', null)).json()) as {
      error: { message: string };
    };
    expect(crashed.error.message).not.toContain('SQLITE');
    expect((await command(local.url, 'toString', null)).status).toBe(200);
    expect(await (await command(local.url, 'toString', null)).json()).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect((await command(local.url, '__proto__', null)).status).toBe(404);
  });

  it('refuses a command without its header: a form on another site cannot send one', async () => {
    const response = await fetch(`${local.url}/pos/run/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('refuses a request for another host name (a DNS name rebound to 127.0.0.1)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(local.url);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: '/pos/run/echo',
          method: 'POST',
          headers: { host: 'evil.example', 'x-pos-client': '1', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('serves the screens, with a strict content security policy, and nothing outside them', async () => {
    const page = await fetch(`${local.url}/sale/new`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>POS</title>');
    expect((await fetch(`${local.url}/assets/app.js`)).headers.get('cache-control')).toContain('immutable');
    // Paths climbing out of the screens' folder end inside it: a file that is not there, or the app's page.
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e/%2e%2e/x.js']) {
      const response = await fetch(`${local.url}${path}`);
      const body = await response.text();
      expect(body, path).not.toContain('root:');
      expect(response.status === 404 || body.includes('<title>POS</title>'), path).toBe(true);
    }
  });

  it('streams the core’s events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${local.url}/pos/events`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // ": connected"
    for (const listener of listeners) listener('status', { pending: 3 });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: status\ndata: {"pending":3}');
    controller.abort();
  });
});

describe('the browser host on the shop network', () => {
  it('asks for a staff PIN before any command, then lets that browser in', async () => {
    expect((await command(remoteUrl(), 'echo', 1)).status).toBe(401);
    const wrong = await fetch(`${remoteUrl()}/pos/host/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-client': '1' },
      body: JSON.stringify({ staffId: 'S1', pin: '0000' }),
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${remoteUrl()}/pos/host/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-client': '1' },
      body: JSON.stringify({ staffId: 'S1', pin: '2580' }),
    });
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const signedIn = await command(remoteUrl(), 'echo', 1, { cookie: cookie.split(';')[0]! });
    expect(await signedIn.json()).toEqual({ ok: true, output: { echoed: 1 } });
    const forged = await command(remoteUrl(), 'echo', 1, { cookie: 'pos_host_session=guess' });
    expect(forged.status).toBe(401);
  });
});

describe('the host’s command socket (what the screens use once it is open)', () => {
  const socketUrl = (base: string) => `${base.replace('http', 'ws')}/pos/socket`;
  const originOf = (base: string) => ({ origin: base });

  it('runs commands as messages, each answer carrying its request’s id, errors as over HTTP', async () => {
    const socket = await openTestSocket(socketUrl(local.url), originOf(local.url));
    expect(socket.status).toBe(101);
    socket.send({ id: 1, command: 'echo', input: { code: '8850000000017' } });
    socket.send({ id: 2, command: 'fail', input: null });
    socket.send({ id: 3, command: 'crash', input: null });
    socket.send({ id: 4, command: 'toString', input: null });
    socket.send({ id: 5, command: '__proto__', input: null });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await socket.next()) as { id: number });
    answers.sort((a, b) => a.id - b.id);
    expect(answers[0]).toEqual({
      kind: 'answer',
      id: 1,
      ok: true,
      output: { echoed: { code: '8850000000017' } },
    });
    expect(answers[1]).toEqual({
      kind: 'answer',
      id: 2,
      ok: false,
      error: { code: 'drawer_closed', message: 'The drawer is closed', fields: { shift: 'closed' } },
    });
    expect(JSON.stringify(answers[2])).not.toContain('SQLITE');
    expect(answers[3]).toMatchObject({ id: 4, ok: false, error: { code: 'unknown_command' } });
    expect(answers[4]).toMatchObject({ id: 5, ok: false, error: { code: 'unknown_command' } });
    socket.close();
  });

  it('refuses a page of another site, a page that sends no origin, and a rebound DNS name', async () => {
    // A browser lets any page open a WebSocket anywhere: the Origin it sends is what tells them apart.
    const origins: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      {},
      { origin: `${local.url}.evil.example` },
    ];
    for (const headers of origins)
      expect((await openTestSocket(socketUrl(local.url), headers)).status, JSON.stringify(headers)).toBe(403);
    const rebound = await openTestSocket(socketUrl(local.url), {
      host: 'evil.example',
      origin: 'http://evil.example',
    });
    expect(rebound.status).toBe(421);
    expect(
      (await openTestSocket(`${local.url.replace('http', 'ws')}/pos/other`, originOf(local.url))).status,
    ).toBe(404);
  });

  it('on the shop network, opens only for a browser signed in with a staff PIN', async () => {
    const base = remoteUrl();
    expect((await openTestSocket(socketUrl(base), originOf(base))).status).toBe(401);
    expect(
      (await openTestSocket(socketUrl(base), { ...originOf(base), cookie: 'pos_host_session=guess' })).status,
    ).toBe(401);
    const signIn = await fetch(`${base}/pos/host/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-client': '1' },
      body: JSON.stringify({ staffId: 'S1', pin: '2580' }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const socket = await openTestSocket(socketUrl(base), { ...originOf(base), cookie });
    expect(socket.status).toBe(101);
    socket.send({ id: 7, command: 'echo', input: 'tablet' });
    expect(await socket.next()).toEqual({ kind: 'answer', id: 7, ok: true, output: { echoed: 'tablet' } });
    socket.close();
  });

  it('answers a command too large for it, and closes on what no page of ours sends', async () => {
    const socket = await openTestSocket(socketUrl(local.url), originOf(local.url));
    socket.send({ id: 1, command: 'echo', input: 'x'.repeat(1024 * 1024 + 1) });
    expect(await socket.next()).toMatchObject({ id: 1, ok: false, error: { code: 'too_large' } });
    // Still open after a refused command; then a message without an id closes it.
    socket.send({ id: 2, command: 'echo', input: 1 });
    expect(await socket.next()).toMatchObject({ id: 2, ok: true });
    socket.send({ command: 'echo', input: 1 });
    await socket.closed;

    for (const broken of [
      (s: Awaited<ReturnType<typeof openTestSocket>>) =>
        s.sendFrame(Buffer.from('{"id":1}'), { masked: false }),
      (s: Awaited<ReturnType<typeof openTestSocket>>) => s.sendFrame(Buffer.from('not json')),
      (s: Awaited<ReturnType<typeof openTestSocket>>) => s.sendFrame(Buffer.from([1, 2, 3]), { opcode: 2 }),
    ]) {
      const other = await openTestSocket(socketUrl(local.url), originOf(local.url));
      broken(other);
      await other.closed;
    }
  });
});
