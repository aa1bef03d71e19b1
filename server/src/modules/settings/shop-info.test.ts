import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support';
import { inTransaction } from '../../db/transaction';
import { PRICING_KEY } from './pricing';
import { SHOP_IDENTITY_KEY, setSetting } from './service';
import { DEMO_CONTACT } from './shop-info';

/** GET /shop: what every page of the web shop needs, from settings, for anyone, on a demo shop and a real one. */
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

async function shop(env: Record<string, string> = {}) {
  const server = await startTestServer({ env: { BAKONG_POLL_MS: '3600000', ...env } });
  servers.push(server);
  return server;
}

describe('shop information', () => {
  it("a demo shop: the settings' name, rate and fees, demo contact details where none are set", async () => {
    const server = await shop();
    await inTransaction(server.database.db, async (tx) => {
      await setSetting(tx, SHOP_IDENTITY_KEY, { name: 'Angkor PC', nameKm: 'អង្គរ ភីស៊ី', phone: '012 999 888' });
      await setSetting(tx, PRICING_KEY, {
        rielPerUsd: 4050,
        deliveryFeeCents: 150,
        freeDeliveryFromCents: null,
      });
    });
    const response = await fetch(`${server.url}/api/v1/shop`);
    expect(response.status).toBe(200);
    // Public and the same for everyone: browsers may keep it and revalidate.
    expect(response.headers.get('cache-control') ?? '').not.toContain('no-store');
    expect(response.headers.get('etag')).toBeTruthy();
    expect(await response.json()).toEqual({
      name: 'Angkor PC',
      nameKm: 'អង្គរ ភីស៊ី',
      logoUrl: null,
      demo: true,
      rielPerUsd: 4050,
      khrCashStep: 100,
      paymentQrMinutes: 15,
      delivery: expect.objectContaining({ feeCents: 150, freeFromCents: null, minDays: 2, maxDays: 4 }),
      contact: {
        phone: '012 999 888',
        email: DEMO_CONTACT.email,
        address: DEMO_CONTACT.address,
        hours: DEMO_CONTACT.hours,
      },
    });
    expect((await server.client.getShopInfo({})).name).toBe('Angkor PC');
  });

  it('a real shop (Bakong itself, not the stand-in): not demo, defaults, and no made-up contact details', async () => {
    const server = await shop({
      BAKONG_STANDIN: 'false',
      BAKONG_API_URL: 'http://127.0.0.1:9',
      BAKONG_TOKEN: 'not-a-real-token',
    });
    expect(await server.client.getShopInfo({})).toEqual({
      name: 'Computer Shop',
      nameKm: 'ហាងកុំព្យូទ័រ',
      logoUrl: null,
      demo: false,
      rielPerUsd: 4100,
      khrCashStep: 100,
      paymentQrMinutes: 15,
      delivery: expect.objectContaining({ feeCents: 200, freeFromCents: 10_000 }),
      contact: { phone: null, email: null, address: null, hours: null },
    });
  });
});
