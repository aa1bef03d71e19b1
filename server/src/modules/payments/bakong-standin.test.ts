import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support';
import { loadConfig } from '../../config';
import { inTransaction } from '../../db/transaction';
import { createBakongClient } from './bakong-client';
import {
  bakongBaseUrl,
  BAKONG_STANDIN_PATH,
  createBakongStandin,
  type StandinTransaction,
} from './bakong-standin';
import { buildKhqr, KhqrError, type MerchantAccount } from './khqr';
import { DEMO_MERCHANT_ACCOUNT, getMerchantAccount, KHQR_LIFETIME_MS, setMerchantAccount } from './merchant';

describe('the shop server with the Bakong stand-in (development default)', () => {
  let shop: TestServer;
  let standin: string;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${standin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    shop = await startTestServer();
    standin = bakongBaseUrl({ baseUrl: null }, shop.url);
  });
  afterAll(async () => {
    await shop?.stop();
  });

  async function orderQr(amountMinor = 25_000) {
    const account = await getMerchantAccount(shop.database.db);
    return buildKhqr({
      account,
      currency: 'USD',
      amountMinor,
      billNumber: 'WEB-2001',
      expiresAt: Date.now() + KHQR_LIFETIME_MS,
    });
  }

  it('serves Bakong at its own address: a QR for the demo account, paid, is seen paid by the real client', async () => {
    expect(standin).toBe(`${shop.url}${BAKONG_STANDIN_PATH}`);
    const { qr, md5 } = await orderQr();
    const client = createBakongClient({ baseUrl: standin, token: 'bakong-standin-token' });
    expect(await client.checkByMd5(md5)).toEqual({ state: 'not_found' });

    const paid = await post('/dev/pay', { qr });
    expect(paid.status).toBe(200);
    const receipt = (await paid.json()) as { md5: string; hash: string };
    expect(receipt).toEqual({ md5, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    expect(await client.checkByMd5(md5)).toMatchObject({
      state: 'paid',
      transaction: {
        hash: receipt.hash,
        toAccountId: 'computershop@aclb',
        amountMinor: 25_000,
        currency: 'USD',
      },
    });
    const listed = (await (await fetch(`${standin}/dev/transactions`)).json()) as {
      transactions: StandinTransaction[];
    };
    expect(listed.transactions).toContainEqual(
      expect.objectContaining({ md5, amount: 250, amountMinor: 25_000, billNumber: 'WEB-2001' }),
    );
    expect(shop.logLines.join('\n')).toContain('Bakong stand-in at /bakong-standin');
  });

  it('answers with Bakong JSON shapes: not found, missing fields, unauthorized, token renewal', async () => {
    const { md5 } = await orderQr();
    const auth = { authorization: 'Bearer bakong-standin-token' };
    const notFound = await post('/v1/check_transaction_by_md5', { md5 }, auth);
    expect(notFound.status).toBe(200);
    expect(await notFound.json()).toEqual({
      responseCode: 1,
      responseMessage: expect.any(String),
      errorCode: 1,
      data: null,
    });
    expect(await (await post('/v1/check_transaction_by_md5', {}, auth)).json()).toMatchObject({
      errorCode: 5,
    });
    const tooMany = await post('/v1/check_transaction_by_md5_list', Array(51).fill(md5), auth);
    expect(await tooMany.json()).toMatchObject({ responseCode: 1, errorCode: 5 });
    const wrong = await post('/v1/check_transaction_by_md5', { md5 }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ responseCode: 1, errorCode: 6 });
    expect((await post('/v1/check_transaction_by_md5', { md5 })).status).toBe(401);
    const renewed = await post('/v1/renew_token', { email: 'owner@shop.example' });
    expect(await renewed.json()).toMatchObject({ responseCode: 0, data: { token: 'bakong-standin-token' } });
    const garbled = await fetch(`${standin}/v1/check_transaction_by_md5`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: '{"md5":',
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ responseCode: 1, errorCode: 5 });
    const unknown = await fetch(`${standin}/v1/nothing`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ responseCode: 1 });
  });

  it('plays the bank app: a QR is paid once, an expired one only on insistence, a wrong amount on request', async () => {
    const { qr } = await orderQr(1000);
    expect((await post('/dev/pay', { qr, amount: 9.99 })).status).toBe(200);
    const again = await post('/dev/pay', { qr });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await post('/dev/pay', { qr: 'garbage' })).status).toBe(400);
    expect((await post('/dev/pay', { qr: (await orderQr()).qr, amount: 1.005 })).status).toBe(400);
    expect((await post('/dev/pay', { qr: (await orderQr()).qr, currency: 'KHR' })).status).toBe(400);
    expect((await post('/dev/pay', { qr: (await orderQr()).qr, currency: 'EUR' })).status).toBe(400);
    expect((await post('/dev/failure', { mode: 'sometimes' })).status).toBe(400);

    const soon = buildKhqr({
      account: DEMO_MERCHANT_ACCOUNT,
      currency: 'KHR',
      amountMinor: 40_000,
      billNumber: 'WEB-2002',
      expiresAt: Date.now() + 300,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const late = await post('/dev/pay', { qr: soon.qr });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: { message: expect.stringMatching(/expired/) } });
    expect((await post('/dev/pay', { qr: soon.qr, allowExpired: true })).status).toBe(200);
  });

  it('simulates outages over HTTP until told otherwise', async () => {
    const client = createBakongClient({ baseUrl: standin, token: 'bakong-standin-token' });
    const { md5 } = await orderQr();
    expect(await (await post('/dev/failure', { mode: '403' })).json()).toEqual({ mode: '403' });
    expect(await client.checkByMd5(md5)).toMatchObject({ state: 'unknown', reason: 'forbidden' });
    // Dev endpoints keep working during an outage: it is Bakong that is down, not the bank app.
    expect((await fetch(`${standin}/dev/transactions`)).status).toBe(200);
    expect((await post('/dev/reset', {})).status).toBe(204);
    expect(await client.checkByMd5(md5)).toEqual({ state: 'not_found' });
  });
});

describe('where the shop asks Bakong', () => {
  it('BAKONG_API_URL when set; else the shop itself, over loopback when it listens everywhere', () => {
    const real = { baseUrl: 'https://api-bakong.nbc.gov.kh' };
    expect(bakongBaseUrl(real, 'http://127.0.0.1:3000')).toBe('https://api-bakong.nbc.gov.kh');
    expect(bakongBaseUrl({ baseUrl: null }, 'http://0.0.0.0:3000')).toBe(
      'http://127.0.0.1:3000/bakong-standin',
    );
    expect(bakongBaseUrl({ baseUrl: null }, 'http://[::]:3000')).toBe('http://[::1]:3000/bakong-standin');
  });

  it('with real Bakong configured the stand-in is not mounted', async () => {
    const shop = await startTestServer({
      env: { BAKONG_API_URL: 'https://api-bakong.nbc.gov.kh', BAKONG_TOKEN: 'merchant-token' },
    });
    try {
      const pay = await fetch(`${shop.url}/bakong-standin/dev/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(pay.status).toBe(404);
      expect(shop.logLines.join('\n')).not.toContain('merchant-token');
    } finally {
      await shop.stop();
    }
  });
});

describe('Bakong configuration', () => {
  const base = { PORT: '0', DATA_DIR: '/tmp/unused' };

  it('defaults to the stand-in in development and test, with the stand-in token', () => {
    expect(loadConfig({ ...base }).bakong).toEqual({
      baseUrl: null,
      token: 'bakong-standin-token',
      standin: true,
      pollMs: 5000,
    });
    expect(loadConfig({ ...base }).paymentGraceMs).toBe(600_000);
  });

  it('uses real Bakong when its address and token are given', () => {
    const config = loadConfig({
      ...base,
      NODE_ENV: 'production',
      BAKONG_API_URL: 'https://api-bakong.nbc.gov.kh/',
      BAKONG_TOKEN: 'jwt',
      BAKONG_POLL_MS: '3000',
      PAYMENT_GRACE_MS: '120000',
    });
    expect(config.bakong).toEqual({
      baseUrl: 'https://api-bakong.nbc.gov.kh',
      token: 'jwt',
      standin: false,
      pollMs: 3000,
    });
    expect(config.paymentGraceMs).toBe(120_000);
  });

  it('real Bakong without BAKONG_TOKEN: none configured, for an admin to enter in the back office', () => {
    expect(loadConfig({ ...base, BAKONG_API_URL: 'https://api-bakong.nbc.gov.kh' }).bakong).toMatchObject({
      baseUrl: 'https://api-bakong.nbc.gov.kh',
      token: null,
      standin: false,
    });
  });

  it.each([
    [{ NODE_ENV: 'production' }, /BAKONG_STANDIN: .*never run in production/],
    [{ NODE_ENV: 'production', BAKONG_STANDIN: 'true' }, /never run in production/],
    [{ BAKONG_STANDIN: 'false' }, /BAKONG_API_URL: required/],
    [{ BAKONG_STANDIN: 'true', BAKONG_API_URL: 'http://127.0.0.1:4000' }, /cannot be combined/],
    [{ NODE_ENV: 'production', BAKONG_API_URL: 'http://bakong.lan', BAKONG_TOKEN: 't' }, /must be https/],
    [{ BAKONG_API_URL: 'ftp://bakong' }, /BAKONG_API_URL: must be an http\(s\) URL/],
    [{ BAKONG_STANDIN: 'yes' }, /BAKONG_STANDIN: must be 'true' or 'false'/],
    [{ BAKONG_POLL_MS: '10' }, /BAKONG_POLL_MS/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('the stand-in itself refuses to exist in production', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => createBakongStandin()).toThrow(/never run in production/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});

describe("the shop's Bakong account (setting payments.merchant)", () => {
  let shop: TestServer;
  beforeAll(async () => {
    shop = await startTestServer();
  });
  afterAll(async () => {
    await shop?.stop();
  });

  it('is the demo account until set, unless the demo is not allowed (real Bakong)', async () => {
    expect(await getMerchantAccount(shop.database.db)).toEqual(DEMO_MERCHANT_ACCOUNT);
    await expect(getMerchantAccount(shop.database.db, { allowDemo: false })).rejects.toThrow(/not set up/);
  });

  it('is stored checked, Khmer intact, and read back on either database', async () => {
    const account: MerchantAccount = {
      kind: 'merchant',
      accountId: 'angkorpc@aclb',
      name: 'អង្គរ ភីស៊ី',
      city: 'Siem Reap',
      merchantId: '1234567',
      acquiringBank: 'ACLBKHPP',
    };
    await inTransaction(shop.database.db, (tx) => setMerchantAccount(tx, account));
    expect(await getMerchantAccount(shop.database.db, { allowDemo: false })).toEqual(account);
    await expect(
      inTransaction(shop.database.db, (tx) =>
        setMerchantAccount(tx, { ...account, city: 'Kampong Chhnang Town' }),
      ),
    ).rejects.toThrow(KhqrError);
    expect((await getMerchantAccount(shop.database.db)).city).toBe('Siem Reap');
  });

  it('a broken stored account stops payments instead of sending money elsewhere', async () => {
    await inTransaction(shop.database.db, (tx) =>
      tx
        .updateTable('settings')
        .set({
          value_json: JSON.stringify({ kind: 'individual', accountId: 'no-bank', name: 'X', city: 'Y' }),
        })
        .where('key', '=', 'payments.merchant')
        .execute(),
    );
    await expect(getMerchantAccount(shop.database.db)).rejects.toThrow(/accountId/);
  });
});
