import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawConnection, requestHead, within, type RawConnection } from './raw-http';
import { signedInAs, startTestServer, type TestServer } from './support';

/**
 * Slow clients (issue 9, finding 11): a client that sends its request slowly, or not at all, loses its connection
 * after short timeouts, and however many connect, the server refuses what is past its connection cap at once
 * (rather than running out of descriptors) and serves new visitors again as soon as the slow ones are gone. Small
 * timeouts and cap are configured here; the outcomes are asserted, never the speed.
 */

const health = requestHead('GET', '/api/v1/health', {});

describe('a client that sends its request slowly', () => {
  let server: TestServer;
  let customer: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { HEADERS_TIMEOUT_MS: '600', BODY_TIMEOUT_MS: '600' } });
    customer = (await signedInAs(server.database.db, 'customer')).token;
  });
  afterAll(() => server?.stop());

  it('is cut after the headers timeout while still dribbling header lines', async () => {
    const connection = await rawConnection(server.url);
    connection.send('GET /api/v1/health HTTP/1.1\r\nHost: shop.test\r\n');
    // A header line every 100 ms, for up to 20 s: as long as it likes, unless the server cuts it.
    for (let line = 0; line < 200 && !connection.isClosed; line++) {
      connection.send(`X-Slow-${line}: still coming\r\n`);
      await sleep(100);
    }
    expect(connection.isClosed).toBe(true);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('is cut when its JSON body stalls', async () => {
    const connection = await rawConnection(server.url);
    connection.send(
      requestHead(
        'POST',
        '/api/v1/cart/items',
        { Authorization: `Bearer ${customer}`, 'Content-Type': 'application/json' },
        200,
      ),
    );
    connection.send('{"productId":');
    expect(await within(connection.status, 15_000, 'no answer')).toBe(408);
    expect(await within(connection.closed, 10_000, 'still open')).toBeUndefined();
  });
});

describe('more connections than the cap', () => {
  const CAP = 20;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_CONNECTIONS: String(CAP), HEADERS_TIMEOUT_MS: '3000' } });
  });
  afterAll(() => server?.stop());

  const openSlow = async (count: number) => {
    const slow: RawConnection[] = [];
    for (let i = 0; i < count; i++) {
      const connection = await rawConnection(server.url);
      connection.send('GET /api/v1/health HTTP/1.1\r\nHost: shop.test\r\n'); // …and the rest never comes
      slow.push(connection);
    }
    return slow;
  };

  it('refuses new connections past the cap at once, and serves a fresh visitor once the slow ones are dropped', async () => {
    const slow = await openSlow(CAP);
    const refused = await rawConnection(server.url);
    refused.send(health);
    // Closed without an answer, while every slow connection is still open: the cap, not a timeout.
    expect(await within(refused.status, 2_500, 'no answer yet')).toBeNull();
    expect(slow.filter((connection) => connection.isClosed)).toHaveLength(0);

    // The headers timeout drops the slow ones (408)…
    await Promise.all(slow.map((connection) => within(connection.closed, 15_000, 'still open')));
    expect(slow.every((connection) => connection.received().startsWith('HTTP/1.1 408 '))).toBe(true);
    // …and a fresh visitor is served.
    const fresh = await fetch(`${server.url}/api/v1/health`);
    expect(fresh.status).toBe(200);
  });

  it('closes idle keep-alive connections when the cap is near, so that new visitors get in', async () => {
    const idle: RawConnection[] = [];
    for (let i = 0; i < CAP - 1; i++) {
      const connection = await rawConnection(server.url);
      connection.send(health);
      expect(await connection.status).toBe(200);
      idle.push(connection); // kept alive, nothing more sent (the keep-alive timeout is 65 s)
    }
    const closed = await Promise.all(
      idle.map((connection) => within(connection.closed, 10_000, 'still open')),
    );
    expect(closed.filter((outcome) => outcome === 'still open')).toHaveLength(0);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  it('closes connections that only linger over a refused body first when the cap is near', async () => {
    const lingering: RawConnection[] = [];
    for (let i = 0; i < CAP - 1; i++) {
      const connection = await rawConnection(server.url);
      connection.send(
        requestHead('POST', '/api/v1/no/such/route', { 'Content-Type': 'application/json' }, 100_000),
      );
      connection.send('{"a":');
      expect(await connection.status).toBe(404); // answered, the rest of its body discarded as it comes (for 30 s)
      lingering.push(connection);
    }
    const closed = await Promise.all(
      lingering.map((connection) => within(connection.closed, 10_000, 'still open')),
    );
    expect(closed.filter((outcome) => outcome === 'still open')).toHaveLength(0);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
