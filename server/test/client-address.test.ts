import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';

/**
 * The client's address that per-address limits count (issue 9, finding 8): with no proxy configured, the address
 * of the connection, whatever X-Forwarded-For says; behind proxies (TRUST_PROXY=hop count), the entry the nearest
 * proxy wrote, never one the client wrote itself. Observed through a real limit: guests may open 5 support threads
 * an hour per address. Clients of their own connect from other loopback addresses (127.0.0.2).
 */

interface Answer {
  status: number;
  setCookies: string[];
  body: string;
}

function call(
  server: TestServer,
  method: string,
  path: string,
  options: { from?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const { port } = new URL(server.url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1${path}`,
        method,
        localAddress: options.from,
        agent: false,
        headers: { ...options.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, setCookies: res.headers['set-cookie'] ?? [], body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let guests = 0;

/** A guest's support thread, as a browser tab at `from` sends it, with `forwardedFor` as X-Forwarded-For. */
async function openGuestInquiry(server: TestServer, from: string, forwardedFor: string): Promise<number> {
  const headers = { 'x-forwarded-for': forwardedFor };
  const page = await call(server, 'GET', '/auth/csrf', { from, headers });
  const cookies = page.setCookies.map((cookie) => cookie.split(';')[0]!);
  const token = cookies.find((cookie) => cookie.startsWith('csrf_token='))!.slice('csrf_token='.length);
  const answer = await call(server, 'POST', '/support/inquiries', {
    from,
    headers: { ...headers, cookie: cookies.join('; '), 'x-csrf-token': decodeURIComponent(token) },
    body: {
      name: 'Dara',
      email: `guest.${++guests}@example.test`,
      subject: 'Do you sell RAM?',
      message: 'DDR5, 32 GB.',
    },
  });
  return answer.status;
}

describe('with no proxy configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('ignores X-Forwarded-For: a client that claims another address each time still meets its limit', async () => {
    for (let i = 1; i <= 5; i++)
      expect(await openGuestInquiry(server, '127.0.0.1', `203.0.113.${i}`)).toBe(201);
    expect(await openGuestInquiry(server, '127.0.0.1', '203.0.113.99')).toBe(429);
    // Another client, at another address, is not held back by that one.
    expect(await openGuestInquiry(server, '127.0.0.2', '203.0.113.1')).toBe(201);
  });
});

describe('behind one proxy (TRUST_PROXY=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => server?.stop());

  // The test plays the proxy: it appends the address it sees, after whatever the client wrote.
  it('takes the right-most X-Forwarded-For entry, the one the proxy wrote', async () => {
    for (let i = 1; i <= 5; i++)
      expect(await openGuestInquiry(server, '127.0.0.1', `198.51.100.${i}, 10.9.0.1`)).toBe(201);
    expect(await openGuestInquiry(server, '127.0.0.1', '198.51.100.99, 10.9.0.1')).toBe(429);
    expect(await openGuestInquiry(server, '127.0.0.1', '10.9.0.1, 10.9.0.2')).toBe(201);
  });
});
