import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiError, type ShopClient } from '@shop/shared';
import { failure } from '../../../test/factory';
import { createTestDatabase, signedInAs, type TestDatabase } from '../../../test/support';
import { loadConfig } from '../../config';
import { inTransaction } from '../../db/transaction';
import { createLogger } from '../../logger';
import { startServer, type RunningServer } from '../../server';
import { readChanges } from '../sync/change-log';
import { setSetting } from './service';

/**
 * The back office's settings (issue 13, item 7): two server processes on one database, as behind a load balancer.
 * An admin changes a setting on one; the other uses it at once. Staff and customers can do neither.
 */
let target: TestDatabase;
const servers: RunningServer[] = [];
let admin: ShopClient;
let adminOnOther: ShopClient;
let staff: ShopClient;
let customer: ShopClient;

beforeAll(async () => {
  target = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: target.dataDir,
    DATABASE_URL: target.url,
    SEED: 'none',
    BAKONG_POLL_MS: '3600000',
  });
  for (let i = 0; i < 2; i++) servers.push(await startServer(config, { logger: createLogger('silent') }));
  const db = servers[0]!.database.db;
  const adminUser = await signedInAs(db, 'admin');
  admin = adminUser.client(servers[0]!.url);
  adminOnOther = adminUser.client(servers[1]!.url);
  staff = (await signedInAs(db, 'staff')).client(servers[0]!.url);
  customer = (await signedInAs(db, 'customer')).client(servers[0]!.url);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await target?.drop();
});

const db = () => servers[0]!.database.db;
const auditsOf = (key: string) =>
  db()
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', 'setting')
    .where('entity_id', '=', key)
    .execute();

describe('GET /admin/settings', () => {
  it('every shop setting as the server uses it, defaults filled in, none stored yet', async () => {
    const { settings, bakongToken, mail } = await admin.getAdminSettings({});
    expect(settings.map((s) => s.key)).toEqual([
      'shop.identity',
      'payments.merchant',
      'orders.pricing',
      'invoice.vat',
      'orders.holdLimits',
      'counter.policy',
      'data.retention',
      'orders.preOrders',
    ]);
    expect(settings.find((s) => s.key === 'orders.pricing')).toMatchObject({
      value: { rielPerUsd: 4100, deliveryFeeCents: 200, freeDeliveryFromCents: 10_000 },
      stored: false,
      updatedAt: null,
      problem: null,
    });
    // The built-in stand-in's token: nothing to warn about, nothing entered.
    expect(bakongToken).toMatchObject({ set: false, source: 'standin', warning: null });
    expect(mail).toMatchObject({ transport: 'files', from: '"Computer Shop" <shop@localhost>', smtp: null });
  });

  it('names what is wrong with a stored value that breaks its rules, and answers what the server uses instead', async () => {
    await inTransaction(db(), (tx) => setSetting(tx, 'invoice.vat', { registered: true, ratePercent: 10 }));
    const { settings } = await admin.getAdminSettings({});
    expect(settings.find((s) => s.key === 'invoice.vat')).toMatchObject({
      stored: true,
      value: { registered: false, ratePercent: 10, tin: '' },
      problem: expect.stringContaining('tin: a VAT-registered shop prints its TIN'),
    });
  });

  it('is for admins only', async () => {
    for (const caller of [staff, customer])
      expect(await failure<ApiError>(caller.getAdminSettings({}))).toMatchObject({ status: 403 });
  });
});

describe('PUT /admin/settings/:key', () => {
  it("changes the exchange rate: audited, in the counters' feed, and the other server's web shop shows it at once", async () => {
    // The other process answers the shop card first, so it would have it in memory.
    expect((await adminOnOther.getShopInfo({})).rielPerUsd).toBe(4100);
    const before = (await readChanges(db(), 0, 1000)).changes.length;
    const changed = await admin.changeSetting({
      params: { key: 'orders.pricing' },
      body: { value: { rielPerUsd: 4050, deliveryFeeCents: 150, freeDeliveryFromCents: null } },
    });
    expect(changed).toMatchObject({
      key: 'orders.pricing',
      stored: true,
      value: { rielPerUsd: 4050, deliveryFeeCents: 150, freeDeliveryFromCents: null },
      problem: null,
    });
    expect(await adminOnOther.getShopInfo({})).toMatchObject({
      rielPerUsd: 4050,
      delivery: { feeCents: 150, freeFromCents: null },
    });
    const [audit] = await auditsOf('orders.pricing');
    expect(audit).toMatchObject({ action: 'setting.change', actor_id: expect.any(String) });
    expect(JSON.parse(audit!.before_json!)).toEqual({ source: 'back-office', value: null });
    expect(JSON.parse(audit!.after_json!)).toEqual({
      source: 'back-office',
      value: expect.objectContaining({
        rielPerUsd: 4050,
        deliveryFeeCents: 150,
        freeDeliveryFromCents: null,
      }),
    });
    const feed = (await readChanges(db(), 0, 1000)).changes.slice(before);
    expect(feed).toContainEqual(
      expect.objectContaining({ entity: 'setting', entityId: 'orders.pricing', operation: 'upsert' }),
    );
  });

  it('a bad value is a 400 naming each field, and changes nothing', async () => {
    const audits = (await auditsOf('orders.pricing')).length;
    const stored = await db()
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'orders.pricing')
      .execute();
    const error = await failure<ApiError>(
      admin.changeSetting({
        params: { key: 'orders.pricing' },
        body: { value: { rielPerUsd: 41, deliveryFeeCents: -1, freeDeliveryFromCents: null } },
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 'invalid' });
    expect(Object.keys(error.fields).sort()).toEqual(['deliveryFeeCents', 'rielPerUsd']);
    expect(
      await db().selectFrom('settings').selectAll().where('key', '=', 'orders.pricing').execute(),
    ).toEqual(stored);
    expect(await auditsOf('orders.pricing')).toHaveLength(audits);
    expect((await admin.getShopInfo({})).rielPerUsd).toBe(4050);
  });

  it('an unknown key is a 404, and so is a key of the secrets, which have routes of their own', async () => {
    for (const key of ['orders.nothing', 'payments.bakongToken', 'mail.delivery'])
      expect(
        await failure<ApiError>(admin.changeSetting({ params: { key }, body: { value: {} } })),
      ).toMatchObject({ status: 404 });
  });

  it('staff and customers cannot change a setting (403), and nothing changes', async () => {
    for (const caller of [staff, customer])
      expect(
        await failure<ApiError>(
          caller.changeSetting({
            params: { key: 'orders.pricing' },
            body: { value: { rielPerUsd: 1000, deliveryFeeCents: 0, freeDeliveryFromCents: null } },
          }),
        ),
      ).toMatchObject({ status: 403 });
    expect((await admin.getShopInfo({})).rielPerUsd).toBe(4050);
  });
});

describe('secrets across processes', () => {
  it('a Bakong token and mail server entered on one server are opened and used by the other (one key for both)', async () => {
    await admin.setBakongToken({ body: { token: 'a-token-that-is-not-a-jwt-0123456789' } });
    await admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'shop', password: 'pw' },
      },
    });
    const other = await adminOnOther.getAdminSettings({});
    expect(other.bakongToken).toMatchObject({
      set: true,
      source: 'settings',
      expiresAt: null,
      warning: null,
    });
    expect(other.mail).toMatchObject({
      from: '"Angkor PC" <hello@angkorpc.example>',
      transport: 'settings',
      smtp: { passwordSet: true },
      warning: null,
    });
    // Shown apart, never among the settings (where their sealed values would be).
    expect(other.settings.map((s) => s.key)).not.toContain('payments.bakongToken');
    expect(other.settings.map((s) => s.key)).not.toContain('mail.delivery');
  });
});
