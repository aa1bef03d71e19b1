import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBakongClient, type BakongCheck } from './bakong-client';
import { startBakongStandinServer } from './bakong-standin';
import { buildKhqr, khqrMd5, type KhqrCurrency } from './khqr';

const TOKEN = 'test-merchant-token';
const SHOP = {
  kind: 'individual',
  accountId: 'computershop@aclb',
  name: 'Computer Shop',
  city: 'Phnom Penh',
} as const;

function qrFor(amountMinor: number, currency: KhqrCurrency = 'USD', billNumber = 'WEB-1001') {
  return buildKhqr({ account: SHOP, currency, amountMinor, billNumber, expiresAt: Date.now() + 15 * 60_000 });
}

describe('Bakong client against the stand-in', () => {
  let bakong: Awaited<ReturnType<typeof startBakongStandinServer>>;
  let client: ReturnType<typeof createBakongClient>;
  const requests: string[] = [];

  /** The customer's bank app paying a QR, through the stand-in's HTTP dev endpoint. */
  async function pay(body: Record<string, unknown>): Promise<{ md5: string; hash: string }> {
    const response = await fetch(`${bakong.url}/dev/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { md5: string; hash: string };
  }

  beforeAll(async () => {
    bakong = await startBakongStandinServer({ token: TOKEN });
    client = createBakongClient({
      baseUrl: `${bakong.url}/`,
      token: TOKEN,
      fetch: (input, init) => {
        requests.push(String(input));
        return fetch(input, init);
      },
    });
  });
  afterEach(() => {
    bakong.standin.reset();
    requests.length = 0;
  });
  afterAll(async () => {
    await bakong?.stop();
  });

  it('a QR nobody has paid yet is not found', async () => {
    expect(await client.checkByMd5(qrFor(12345).md5)).toEqual({ state: 'not_found' });
  });

  it('once paid, it is paid: exact cents, currency, receiver and hash', async () => {
    const { qr, md5 } = qrFor(12345);
    const receipt = await pay({ qr, fromAccountId: 'dara@abaa' });
    expect(receipt.md5).toBe(md5);
    const check = await client.checkByMd5(md5);
    expect(check).toEqual({
      state: 'paid',
      transaction: {
        hash: receipt.hash,
        fromAccountId: 'dara@abaa',
        toAccountId: 'computershop@aclb',
        currency: 'USD',
        amountMinor: 12345,
        description: null,
        createdAt: expect.any(Number),
        acknowledgedAt: expect.any(Number),
        externalRef: expect.stringMatching(/^100FT\d+$/),
      },
    });
  });

  it('30 cents paid is 30 cents read, and riel stay whole', async () => {
    const usd = qrFor(10 + 20);
    const khr = qrFor(500_000, 'KHR');
    await pay({ qr: usd.qr });
    await pay({ qr: khr.qr });
    expect(await client.checkByMd5(usd.md5)).toMatchObject({
      transaction: { amountMinor: 30, currency: 'USD' },
    });
    expect(await client.checkByMd5(khr.md5)).toMatchObject({
      transaction: { amountMinor: 500_000, currency: 'KHR' },
    });
  });

  it('a customer paying the wrong amount, or in riel for a dollar QR, is reported as paid: the caller compares', async () => {
    const short = qrFor(12345);
    const riel = qrFor(1000, 'USD', 'WEB-1002');
    await pay({ qr: short.qr, amount: 12.3 });
    await pay({ qr: riel.qr, amount: 41000, currency: 'KHR' });
    expect(await client.checkByMd5(short.md5)).toMatchObject({
      transaction: { amountMinor: 1230, currency: 'USD' },
    });
    expect(await client.checkByMd5(riel.md5)).toMatchObject({
      transaction: { amountMinor: 41_000, currency: 'KHR' },
    });
  });

  it('a sweep of 120 open payments asks 50 at a time and answers each one', async () => {
    const paid = qrFor(999);
    await pay({ qr: paid.qr });
    const others = Array.from({ length: 119 }, (_, i) => khqrMd5(`not paid ${i}`));
    const results = await client.checkByMd5List([
      ...others.slice(0, 60),
      paid.md5.toUpperCase(),
      ...others.slice(60),
    ]);
    expect(requests.filter((url) => url.endsWith('/v1/check_transaction_by_md5_list'))).toHaveLength(3);
    expect(results.size).toBe(120);
    expect(results.get(paid.md5)).toMatchObject({ state: 'paid', transaction: { amountMinor: 999 } });
    expect(others.every((md5) => results.get(md5)?.state === 'not_found')).toBe(true);
  });

  it('a wrong or expired token is unknown/unauthorized, never "not found"', async () => {
    const stale = createBakongClient({ baseUrl: bakong.url, token: 'expired-token' });
    const { md5 } = qrFor(100);
    expect(await stale.checkByMd5(md5)).toMatchObject({
      state: 'unknown',
      reason: 'unauthorized',
      httpStatus: 401,
    });
    expect((await stale.checkByMd5List([md5])).get(md5)).toMatchObject({
      state: 'unknown',
      reason: 'unauthorized',
    });
  });

  it.each([
    ['401', 'unauthorized', 401],
    ['403', 'forbidden', 403],
    ['500', 'unavailable', 500],
    ['504', 'unavailable', 504],
  ] as const)(
    'Bakong answering %s is unknown/%s, for one md5 and for a list',
    async (mode, reason, httpStatus) => {
      const { qr, md5 } = qrFor(100);
      await pay({ qr });
      bakong.standin.setFailure(mode);
      const expected: BakongCheck = { state: 'unknown', reason, httpStatus };
      expect(await client.checkByMd5(md5)).toMatchObject(expected);
      expect((await client.checkByMd5List([md5, khqrMd5('other')])).get(md5)).toMatchObject(expected);
      bakong.standin.setFailure('none');
      expect(await client.checkByMd5(md5)).toMatchObject({ state: 'paid' });
    },
  );

  it('Bakong not answering in time is unknown/timeout', async () => {
    const impatient = createBakongClient({ baseUrl: bakong.url, token: TOKEN, timeoutMs: 200 });
    const { md5 } = qrFor(100);
    bakong.standin.setFailure('timeout');
    const started = Date.now();
    expect(await impatient.checkByMd5(md5)).toEqual({ state: 'unknown', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    bakong.standin.reset();
    expect(await impatient.checkByMd5(md5)).toEqual({ state: 'not_found' });
  });

  it('Bakong unreachable is unknown/unavailable', async () => {
    const closed = await startBakongStandinServer();
    await closed.stop();
    const unreachable = createBakongClient({ baseUrl: closed.url, token: TOKEN });
    expect(await unreachable.checkByMd5(qrFor(100).md5)).toEqual({ state: 'unknown', reason: 'unavailable' });
  });

  it('a deeplink opens the bank app; an invalid QR gets none', async () => {
    const source = {
      appIconUrl: 'https://shop.example/icon.png',
      appName: 'Computer Shop',
      appDeepLinkCallback: 'https://shop.example/orders/1',
    };
    expect(await client.generateDeeplink(qrFor(100).qr, source)).toMatch(
      /^https:\/\/bakong\.page\.link\/\S+$/,
    );
    expect(await client.generateDeeplink('not a qr', source)).toBeNull();
  });

  it('refuses to ask about something that is not an md5', async () => {
    await expect(client.checkByMd5('WEB-1001')).rejects.toThrow(TypeError);
  });
});

describe('Bakong client reading odd answers', () => {
  let server: http.Server;
  let baseUrl: string;
  let answer: { status: number; body: string } = { status: 200, body: '' };
  let lastAuthorization: string | undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      lastAuthorization = req.headers.authorization;
      req.resume();
      req.on('end', () =>
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const md5 = khqrMd5('any');
  const ask = (status: number, body: unknown) => {
    answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
    return createBakongClient({ baseUrl, token: 'secret' }).checkByMd5(md5);
  };
  const transaction = {
    hash: 'a'.repeat(64),
    fromAccountId: 'dara@abaa',
    toAccountId: 'computershop@aclb',
    currency: 'USD',
    amount: '12.30',
    description: 'WEB-1001',
    createdDateMs: 1_700_000_000_000,
    acknowledgedDateMs: null,
    externalRef: null,
  };

  it('sends the token as a bearer', async () => {
    await ask(200, { responseCode: 1, errorCode: 1, data: null });
    expect(lastAuthorization).toBe('Bearer secret');
  });

  it('reads an amount sent as text, and a null acknowledgement', async () => {
    expect(await ask(200, { responseCode: 0, errorCode: null, data: transaction })).toEqual({
      state: 'paid',
      transaction: {
        hash: 'a'.repeat(64),
        fromAccountId: 'dara@abaa',
        toAccountId: 'computershop@aclb',
        currency: 'USD',
        amountMinor: 1230,
        description: 'WEB-1001',
        createdAt: 1_700_000_000_000,
        acknowledgedAt: null,
        externalRef: null,
      },
    });
  });

  it('anything but an explicit "not found" is unknown: failed, unreadable, half a transaction, HTML', async () => {
    expect(
      await ask(200, { responseCode: 1, responseMessage: 'Transaction failed.', errorCode: 3, data: null }),
    ).toEqual({ state: 'unknown', reason: 'bad_response', errorCode: 3, message: 'Transaction failed.' });
    expect(await ask(200, 'not json')).toMatchObject({ state: 'unknown', reason: 'bad_response' });
    expect(await ask(200, { responseCode: 0, data: { hash: 'x' } })).toMatchObject({
      reason: 'bad_response',
    });
    expect(await ask(200, { responseCode: 0, data: { ...transaction, amount: '-1' } })).toMatchObject({
      reason: 'bad_response',
    });
    expect(await ask(404, '<html>Not Found</html>')).toMatchObject({
      reason: 'bad_response',
      httpStatus: 404,
    });
    expect(await ask(429, '')).toMatchObject({ reason: 'unavailable', httpStatus: 429 });
    expect(await ask(200, { responseCode: 1, errorCode: 6, data: null })).toMatchObject({
      reason: 'unauthorized',
    });
  });

  it('a list answer missing an md5 leaves that one unknown', async () => {
    const other = khqrMd5('other');
    answer = {
      status: 200,
      body: JSON.stringify({
        responseCode: 0,
        data: [{ md5: other, status: 'NOT_FOUND', message: 'Transaction could not be found', data: null }],
      }),
    };
    const results = await createBakongClient({ baseUrl, token: 'secret' }).checkByMd5List([md5, other]);
    expect(results.get(other)).toEqual({ state: 'not_found' });
    expect(results.get(md5)).toMatchObject({ state: 'unknown', reason: 'bad_response' });
  });
});
