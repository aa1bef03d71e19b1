import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFrom } from './loopback';
import { rawConnection, requestHead, within, type RawConnection } from './raw-http';
import { signedInAs, startTestServer, type TestServer } from './support';

/**
 * Request bodies (issue 9, finding 12): a body is read only for a route that takes one, after its access check,
 * within the route's limit, and the process reads only so many bytes of bodies at once. Everything else is answered
 * without taking the body in: the answer comes while the client is still sending.
 */

const MIB = 1024 * 1024;
/** The default limit of a JSON body (http/body-limits.ts), and of POST /cart/items. */
const SMALL = 16 * 1024;

let server: TestServer;
let customer: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      BODY_TIMEOUT_MS: '2000',
      // 30 bodies, and room for four whole small ones, at once; past that a body waits 300 ms, then gets 503.
      BODY_READS_AT_ONCE: '30',
      BODY_MEMORY_BYTES: String(4 * SMALL),
      BODY_WAIT_MS: '300',
    },
  });
  customer = (await signedInAs(server.database.db, 'customer')).token;
  admin = (await signedInAs(server.database.db, 'admin')).token;
});
afterAll(() => server?.stop());

/** Opens a connection and sends a request head announcing `length` bytes of body, plus the first `sent` of them. */
async function startPost(
  path: string,
  headers: Record<string, string>,
  length: number,
  sent: string | Buffer,
  from?: string,
): Promise<RawConnection> {
  const connection = await rawConnection(server.url, { localAddress: from });
  connection.send(
    requestHead('POST', `/api/v1${path}`, { 'Content-Type': 'application/json', ...headers }, length),
  );
  connection.send(sent);
  return connection;
}

/**
 * Slow clients come from addresses of their own (127.0.0.10 onwards), as one address may hold only a share of the
 * places (at least four), and the clients that send whole bodies from 127.0.0.1.
 */
const slowClientAddress = (index: number) => `127.0.0.${10 + index}`;

/** A customer's POST /cart/items with a whole body of `length` bytes (from 127.0.0.1, or `from`). */
const postCartLine = (length: number, from = '127.0.0.1') =>
  fetchFrom(from)(`${server.url}/api/v1/cart/items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
    body: cartLine(length),
  });

/**
 * Sends `request` until it is answered `status` (the server takes the slow clients' heads and bytes in its own
 * time), and gives that answer; the last other answer after 25 tries.
 */
async function answeredWith(status: number, request: () => Promise<Response>): Promise<Response> {
  let response = await request();
  for (let tries = 1; response.status !== status && tries < 25; tries++) {
    await sleep(100);
    response = await request();
  }
  return response;
}

/** A cart line padded with spaces to exactly `length` bytes of JSON. */
function cartLine(length: number): string {
  const json = '{"productId":"no-such-product","quantity":1}';
  return json.padEnd(length, ' ');
}

describe('request bodies', () => {
  it('answers an unknown path 404 without taking in its 1 MB body, and drops the client that keeps it coming', async () => {
    const connection = await startPost('/no/such/route', {}, MIB, Buffer.alloc(64 * 1024, 'x'));
    // The answer arrives while 960 KB of the body have not even been sent.
    expect(await within(connection.status, 10_000, 'no answer')).toBe(404);
    expect(connection.received()).toContain('"code":"not_found"');
    // The rest never comes: the connection is closed rather than held for it (BODY_TIMEOUT_MS).
    expect(await within(connection.closed, 15_000, 'still open')).toBeUndefined();
  });

  it('answers an anonymous POST to an admin route 401 (and one without a CSRF token 403) before its body', async () => {
    const anonymous = await startPost(
      '/admin/products',
      { Authorization: 'Bearer not-a-session' },
      MIB,
      '{"sku":',
    );
    expect(await within(anonymous.status, 10_000, 'no answer')).toBe(401);
    const forged = await startPost('/admin/products', {}, MIB, '{"sku":');
    expect(await within(forged.status, 10_000, 'no answer')).toBe(403);
    // A customer may not add products either: 403, body unread.
    const customerPost = await startPost(
      '/admin/products',
      { Authorization: `Bearer ${customer}` },
      MIB,
      '{',
    );
    expect(await within(customerPost.status, 10_000, 'no answer')).toBe(403);
    for (const connection of [anonymous, forged, customerPost]) connection.close();
  });

  it("answers 413 for a body over its route's limit, announced or sent in chunks", async () => {
    const announced = await startPost('/cart/items', { Authorization: `Bearer ${customer}` }, SMALL + 1, '{');
    expect(await within(announced.status, 10_000, 'no answer')).toBe(413);
    expect(announced.received()).toContain('this request takes at most 16 KB');
    announced.close();

    const chunked = await rawConnection(server.url);
    chunked.send(
      requestHead('POST', '/api/v1/cart/items', {
        Authorization: `Bearer ${customer}`,
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
    );
    for (let i = 0; i < 3; i++) chunked.send(`2000\r\n${' '.repeat(0x2000)}\r\n`);
    expect(await within(chunked.status, 10_000, 'no answer')).toBe(413);
    chunked.close();

    // A route that takes more (a product's 10,000-character description) has its own, larger limit.
    const product = await fetch(`${server.url}/api/v1/admin/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'X', description: 'ក'.repeat(10_000) }),
    });
    expect(product.status).toBe(400); // read and validated: "sku" is too short, among others
  });

  it('reads only so many bytes of bodies at once across the process: the next waits, then gets 503', async () => {
    // Four bodies that sent all but their last 84 bytes hold 65,200 of the 65,536 bytes…
    const sent = SMALL - 84;
    const stalled = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        startPost(
          '/cart/items',
          { Authorization: `Bearer ${customer}` },
          SMALL,
          cartLine(SMALL).slice(0, sent),
          slowClientAddress(index),
        ),
      ),
    );
    // …so, once the server has taken those in, a 400-byte body finds no room.
    const busy = await answeredWith(503, () => postCartLine(400));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ error: { code: 'unavailable' } });

    // The stalled bodies arrive after all: each is answered, and the room they held is free again.
    for (const connection of stalled) connection.send(cartLine(SMALL).slice(sent));
    for (const connection of stalled) expect(await within(connection.status, 10_000, 'no answer')).toBe(404);
    expect((await postCartLine(400)).status).toBe(404); // no such product: the body was read
    for (const connection of stalled) connection.close();
  });

  it('counts what a slow body has sent, not what it announced: slow clients keep no memory from others', async () => {
    // Twenty bodies announcing 16 KB each (five times the room) but sending a few bytes…
    const slow = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        startPost(
          '/cart/items',
          { Authorization: `Bearer ${customer}` },
          SMALL,
          cartLine(SMALL).slice(0, 12),
          slowClientAddress(index),
        ),
      ),
    );
    await sleep(300);
    // …leave the room to a client that sends its body whole.
    expect((await postCartLine(400)).status).toBe(404);
    for (const connection of slow) connection.close();
  });

  it('reads only so many bodies at once: past them the next waits, then gets 503', async () => {
    const slow = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        startPost(
          '/cart/items',
          { Authorization: `Bearer ${customer}` },
          SMALL,
          cartLine(SMALL).slice(0, 12),
          slowClientAddress(index),
        ),
      ),
    );
    // Once the server has taken their heads in, the next body finds no place.
    expect((await answeredWith(503, () => postCartLine(400))).status).toBe(503);
    // Clients that give up give their places back.
    for (const connection of slow) connection.close();
    expect((await answeredWith(404, () => postCartLine(400))).status).toBe(404);
  });

  it('lets one address hold only its share of the places: past it, 503 at once, while others are still read', async () => {
    // 30 places: one address may hold or wait for four of them.
    const slow = await Promise.all(
      Array.from({ length: 4 }, () =>
        startPost(
          '/cart/items',
          { Authorization: `Bearer ${customer}` },
          SMALL,
          cartLine(SMALL).slice(0, 12),
          '127.0.0.2',
        ),
      ),
    );
    const refused = await answeredWith(503, () => postCartLine(400, '127.0.0.2'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    // 26 places are free: another address is read at once.
    expect((await postCartLine(400, '127.0.0.3')).status).toBe(404);
    for (const connection of slow) connection.close();
    expect((await answeredWith(404, () => postCartLine(400, '127.0.0.2'))).status).toBe(404);
  });

  it('cuts a body that stalls on a JSON route with 408 and closes the connection', async () => {
    const connection = await startPost(
      '/cart/items',
      { Authorization: `Bearer ${customer}` },
      100,
      '{"produ',
    );
    expect(await within(connection.status, 15_000, 'no answer')).toBe(408);
    expect(await within(connection.closed, 10_000, 'still open')).toBeUndefined();
  });

  it('refuses bodies that are not JSON, or compressed, with 415', async () => {
    for (const headers of [
      { 'content-type': 'text/plain' } as Record<string, string>,
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    ]) {
      const response = await fetch(`${server.url}/api/v1/cart/items`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer}`, ...headers },
        body: cartLine(60),
      });
      expect(response.status, JSON.stringify(headers)).toBe(415);
    }
  });
});
