import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Pricing, ShopClient } from '@shop/shared';
import { aCustomer, aProductWithStock, aSavedAddress, failure, startTestShop } from '../../../test/factory';
import { browserClient, signedInAs, type TestServer } from '../../../test/support';
import { inTransaction } from '../../db/transaction';
import { saveSetting } from '../settings/repo';

/**
 * Delivery priced per province through real HTTP (issue 15): the server charges what the address's province costs
 * and records the days it promised, whatever the client sends; a province the shop does not deliver to is refused
 * and loses nothing; an admin's change of the rates applies to the next order; nobody else can change them.
 */
let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop({ env: { BAKONG_POLL_MS: '3600000' } }));
});
afterAll(() => server?.stop());

const pricingNow = async () =>
  (await admin.getAdminSettings({})).settings.find((s) => s.key === 'orders.pricing')!.value as Pricing;
const setPricing = (change: (now: Pricing) => Partial<Pricing>) =>
  pricingNow().then((now) =>
    admin.changeSetting({ params: { key: 'orders.pricing' }, body: { value: { ...now, ...change(now) } } }),
  );

async function deliveryTo(province: string, priceCents = 2_500) {
  const product = await aProductWithStock(
    { admin, staff },
    { stock: 3, priceCents, name: `Keyboard for ${province}`, category: 'keyboards-mice' },
  );
  const customer = await aCustomer(server);
  const address = await aSavedAddress(customer.api, { province });
  return { product, customer, address };
}

/** Places the order as a browser would, with the raw JSON body (so fields the API does not take can be sent). */
async function placeRaw(token: string, body: Record<string, unknown>) {
  return fetch(`${server.url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ currency: 'USD', fulfilment: 'delivery', ...body }),
  });
}

describe('delivery priced by the province of the address', () => {
  it('Phnom Penh and Siem Reap pay different fees and are promised different days; the order keeps them', async () => {
    const city = await deliveryTo('Phnom Penh');
    const province = await deliveryTo('Siem Reap');
    const inCity = await city.customer.api.placeOrder({
      body: {
        items: [{ productId: city.product.id, quantity: 1 }],
        fulfilment: 'delivery',
        currency: 'USD',
        addressId: city.address.id,
      },
    });
    const inSiemReap = await province.customer.api.placeOrder({
      body: {
        items: [{ productId: province.product.id, quantity: 1 }],
        fulfilment: 'delivery',
        currency: 'USD',
        addressId: province.address.id,
      },
    });
    expect(inCity).toMatchObject({
      deliveryFeeCents: 150,
      deliveryDays: { min: 0, max: 1 },
      totalCents: 2_650,
    });
    expect(inSiemReap).toMatchObject({
      deliveryFeeCents: 200,
      deliveryDays: { min: 2, max: 4 },
      totalCents: 2_700,
      deliveryAddress: { province: 'Siem Reap' },
    });
    // The shop's page quotes from the same rates the order was charged by.
    const { delivery } = await server.client.getShopInfo({});
    expect(delivery.rates.find((r) => r.province === 'Siem Reap')).toMatchObject({
      feeCents: 200,
      delivers: true,
    });
    expect(delivery.rates).toHaveLength(25);
  });

  it('a fee, total or days sent by the client are ignored: the server prices the province', async () => {
    const { product, customer, address } = await deliveryTo('Siem Reap');
    const answer = await placeRaw(customer.token, {
      items: [{ productId: product.id, quantity: 1 }],
      addressId: address.id,
      deliveryFeeCents: 0,
      totalCents: 1,
      deliveryDays: { min: 0, max: 0 },
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({
      deliveryFeeCents: 200,
      totalCents: 2_700,
      deliveryDays: { min: 2, max: 4 },
    });
  });

  it('a province the shop does not deliver to is refused with a clear 400, and no stock is held', async () => {
    await setPricing(() => ({ noDeliveryTo: ['Mondulkiri'] }));
    const { product, customer, address } = await deliveryTo('Mondulkiri');
    const refused = await failure<ApiError>(
      customer.api.placeOrder({
        body: {
          items: [{ productId: product.id, quantity: 1 }],
          fulfilment: 'delivery',
          currency: 'USD',
          addressId: address.id,
        },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/do not deliver to Mondulkiri.*pick-up/);
    expect(refused.fields).toMatchObject({ province: expect.stringContaining('pick-up') });
    expect(await staff.getProductStock({ params: { id: product.id } })).toMatchObject({ reserved: 0 });
    // Pick-up there is still an order.
    const pickup = await customer.api.placeOrder({
      body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });
    expect(pickup).toMatchObject({ deliveryFeeCents: 0, deliveryDays: null, totalCents: 2_500 });
    const { delivery } = await server.client.getShopInfo({});
    expect(delivery.rates.find((r) => r.province === 'Mondulkiri')).toMatchObject({ delivers: false });
    await setPricing(() => ({ noDeliveryTo: [] }));
  });

  it('a guest delivery to a province not delivered to is refused too, and a made-up province is a 400', async () => {
    await setPricing(() => ({ noDeliveryTo: ['Koh Kong'] }));
    const product = await aProductWithStock(
      { admin, staff },
      { stock: 2, priceCents: 1_000, name: 'Guest mouse' },
    );
    const guest = browserClient(server.url, { ip: '10.31.0.1' });
    const body = (province: string) => ({
      guest: { name: 'Sokha Chan', phone: '012 345 678', email: `guest.${province.length}@example.test` },
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'delivery' as const,
      currency: 'USD' as const,
      address: { houseStreet: '#3, St. 1', sangkat: 'Smach Meanchey', khan: 'Khemarak Phoumin', province },
    });
    const refused = await failure<ApiError>(guest.client.placeGuestOrder({ body: body('Koh Kong') }));
    expect(refused).toMatchObject({ status: 400, fields: { province: expect.any(String) } });
    const unknown = await failure<ApiError>(guest.client.placeGuestOrder({ body: body('Atlantis') }));
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.fields)).toContain('address.province');
    await setPricing(() => ({ noDeliveryTo: [] }));
  });

  it("an admin's new rate applies to the next order, audited; bad rates are refused field by field", async () => {
    await setPricing((now) => ({
      provinceRates: [
        ...now.provinceRates.filter((r) => r.province !== 'Siem Reap'),
        { province: 'Siem Reap', feeCents: 350, minDays: 1, maxDays: 2, freeFromCents: null },
      ],
    }));
    const { product, customer, address } = await deliveryTo('Siem Reap', 20_000);
    // Free delivery from $100 does not apply where the province's own rate says never.
    const order = await customer.api.placeOrder({
      body: {
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'delivery',
        currency: 'USD',
        addressId: address.id,
      },
    });
    expect(order).toMatchObject({ deliveryFeeCents: 350, deliveryDays: { min: 1, max: 2 } });
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_id', '=', 'orders.pricing')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('setting.change');
    expect(audit.after_json).toContain('"Siem Reap"');

    const bad = await failure<ApiError>(
      setPricing((now) => ({
        deliveryDays: { min: 5, max: 2 },
        provinceRates: [...now.provinceRates, { province: 'Kep', feeCents: -1, minDays: 3, maxDays: 1 }],
      })),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.fields)).toEqual(
      expect.arrayContaining(['deliveryDays.max', expect.stringMatching(/^provinceRates\.\d+\.feeCents$/)]),
    );
  });

  it('a shop that set its fee before rates per province keeps charging it everywhere, the capital too', async () => {
    const before = await pricingNow();
    // The setting as a shop stored it before migration 031: no rates per province, its own $3.00 fee.
    const older = { rielPerUsd: 4100, deliveryFeeCents: 300, freeDeliveryFromCents: null };
    await inTransaction(server.database.db, (tx) =>
      saveSetting(tx, { key: 'orders.pricing', value_json: JSON.stringify(older), updated_at: Date.now() }),
    );
    try {
      const city = await deliveryTo('Phnom Penh');
      const order = await city.customer.api.placeOrder({
        body: {
          items: [{ productId: city.product.id, quantity: 1 }],
          fulfilment: 'delivery',
          currency: 'USD',
          addressId: city.address.id,
        },
      });
      expect(order.deliveryFeeCents).toBe(300);
      const { delivery } = await server.client.getShopInfo({});
      expect(new Set(delivery.rates.map((r) => r.feeCents))).toEqual(new Set([300]));
    } finally {
      await admin.changeSetting({ params: { key: 'orders.pricing' }, body: { value: before } });
    }
  });

  it('staff and customers cannot change the rates', async () => {
    const value = await pricingNow();
    for (const role of ['staff', 'customer'] as const) {
      const user = await signedInAs(server.database.db, role);
      const refused = await failure<ApiError>(
        user.client(server.url).changeSetting({
          params: { key: 'orders.pricing' },
          body: { value: { ...value, deliveryFeeCents: 0 } },
        }),
      );
      expect(refused.status).toBe(403);
    }
    expect((await pricingNow()).deliveryFeeCents).toBe(value.deliveryFeeCents);
  });
});
