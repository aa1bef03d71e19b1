import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, type ApiError } from '@shop/shared';
import { checkPin } from '@shop/shared/pin-verifier';
import { clientFrom } from '../../../test/client-address';
import { failure, pairTestCounter, startTestShop, type TestShop } from '../../../test/factory';
import { signedInAs } from '../../../test/support';
import { createActiveUser } from '../accounts/users';
import { findUserById } from '../accounts/repo';
import { createDevice } from './service';

let shop: TestShop;
beforeAll(async () => {
  shop = await startTestShop({ seed: 'none' });
});
afterAll(() => shop?.stop());

const anonymous = () => createShopClient({ baseUrl: shop.server.url });

describe('pairing a counter', () => {
  it('an admin makes a one-time code; the counter trades it for a token that opens the sync routes', async () => {
    const created = await shop.admin.createDevice({ body: { name: '  Front counter ' } });
    expect(created.device.name).toBe('Front counter');
    expect(created.pairingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(created.expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);

    // Typed from a phone screen: lower case, without the dashes.
    const typed = created.pairingCode.toLowerCase().replaceAll('-', ' ');
    const paired = await anonymous().pairDevice({ body: { pairingCode: typed, appVersion: '1.2.3' } });
    expect(paired.device).toEqual(created.device);
    expect(paired.token.length).toBeGreaterThanOrEqual(40);

    const device = createShopClient({
      baseUrl: shop.server.url,
      headers: () => ({ authorization: `Bearer ${paired.token}` }),
    });
    expect((await device.listChanges({ query: {} })).changes).toBeInstanceOf(Array);

    const listed = (await shop.admin.listDevices({})).items.find((d) => d.id === created.device.id);
    expect(listed).toMatchObject({ status: 'paired', appVersion: '1.2.3', pendingCount: 0, parkedCount: 0 });
    expect(listed!.lastSeenAt).not.toBeNull();

    // Stored hashed: neither the code nor the token is in the database.
    const row = await shop.server.database.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', created.device.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(paired.token);
    expect(row.pairing_code_hash).toBeNull();
  });

  it('a code works once, even when two counters send it at the same moment', async () => {
    const { pairingCode } = await shop.admin.createDevice({ body: { name: 'Race' } });
    const tries = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        clientFrom(shop.server.url, `127.0.0.${20 + i}`).client.pairDevice({ body: { pairingCode } }),
      ),
    );
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const t of tries.filter((t) => t.status === 'rejected'))
      expect(((t as PromiseRejectedResult).reason as ApiError).status).toBe(400);
    const again = await failure(anonymous().pairDevice({ body: { pairingCode } }));
    expect(again).toMatchObject({ status: 400, fields: { pairingCode: expect.any(String) } });
  });

  it('an expired code is refused', async () => {
    const admin = (await shop.admin.getMe({})).user;
    const old = await createDevice(
      shop.server.database.db,
      { userId: admin.id, ip: null },
      'Old',
      Date.now() - 16 * 60_000,
    );
    expect(await failure(anonymous().pairDevice({ body: { pairingCode: old.pairingCode } }))).toMatchObject({
      status: 400,
    });
    const listed = (await shop.admin.listDevices({})).items.find((d) => d.id === old.device.id);
    expect(listed?.status).toBe('awaiting_pairing');
  });

  it('a stranger guessing codes is slowed to a few tries per address', async () => {
    const guesser = clientFrom(shop.server.url, '127.0.0.60').client;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push(
        (await failure(guesser.pairDevice({ body: { pairingCode: `AAAA-BBBB-CC${i}` } }))).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });

  it('only admins make, list and revoke devices', async () => {
    for (const client of [
      shop.staff,
      (await signedInAs(shop.server.database.db, 'customer')).client(shop.server.url),
    ]) {
      expect((await failure(client.createDevice({ body: { name: 'Mine' } }))).status).toBe(403);
      expect((await failure(client.listDevices({}))).status).toBe(403);
    }
    expect(await failure(shop.admin.createDevice({ body: { name: '   ' } }))).toMatchObject({
      status: 400,
      fields: { name: expect.any(String) },
    });
  });
});

describe('device tokens', () => {
  it('the sync routes take no person’s session, and a device token opens no person’s routes', async () => {
    for (const client of [shop.admin, shop.staff])
      expect((await failure(client.listChanges({ query: {} }))).status).toBe(401);
    const counter = await pairTestCounter(shop);
    expect((await failure(counter.client.getMe({}))).status).toBe(401);
    expect((await failure(counter.client.listDevices({}))).status).toBe(401);
    const forged = createShopClient({
      baseUrl: shop.server.url,
      headers: () => ({ authorization: `Bearer ${counter.token}x` }),
    });
    expect((await failure(forged.listChanges({ query: {} }))).status).toBe(401);
  });

  it('revoking a device makes its token answer 401 at once', async () => {
    const counter = await pairTestCounter(shop, 'Stolen laptop');
    await counter.client.listChanges({ query: {} });
    const revoked = await shop.admin.revokeDevice({ params: { id: counter.id } });
    expect(revoked).toMatchObject({ id: counter.id, status: 'revoked' });
    expect((await failure(counter.client.listChanges({ query: {} }))).status).toBe(401);
    // Revoking twice is harmless; an unknown device is 404.
    expect((await shop.admin.revokeDevice({ params: { id: counter.id } })).status).toBe('revoked');
    expect((await failure(shop.admin.revokeDevice({ params: { id: 'nope' } }))).status).toBe(404);
  });

  it('a revoked device’s unused code cannot pair either', async () => {
    const { device, pairingCode } = await shop.admin.createDevice({ body: { name: 'Never used' } });
    await shop.admin.revokeDevice({ params: { id: device.id } });
    expect((await failure(anonymous().pairDevice({ body: { pairingCode } }))).status).toBe(400);
  });
});

describe('the counter PIN', () => {
  it('staff set it with their password; the stored verifier checks the PIN and nothing else', async () => {
    const db = shop.server.database.db;
    const password = 'counter-pin-test-Passw0rd!';
    const staff = await createActiveUser(db, {
      email: 'pin-staff@example.test',
      password,
      name: 'Sokha',
      role: 'staff',
    });
    const session = await signedInAs(db, 'staff');
    const client = createShopClient({
      baseUrl: shop.server.url,
      headers: () => ({ authorization: `Bearer ${session.token}` }),
    });
    // signedInAs made another staff member with a password we do not know: the wrong password is refused.
    expect(await failure(client.setCounterPin({ body: { pin: '2580', password } }))).toMatchObject({
      status: 400,
      fields: { password: expect.any(String) },
    });

    const { token } = await (await import('../accounts/sessions')).startSession(db, staff.id);
    const own = createShopClient({
      baseUrl: shop.server.url,
      headers: () => ({ authorization: `Bearer ${token}` }),
    });
    for (const pin of ['12', '1111', '1234', '9876', 'abcd', '123456789'])
      expect((await failure(own.setCounterPin({ body: { pin, password } }))).fields?.pin, pin).toBeTruthy();
    await own.setCounterPin({ body: { pin: '2580', password } });
    const row = await findUserById(db, staff.id);
    expect(row?.pin_verifier).toMatch(/^scrypt1\$/);
    expect(await checkPin('2580', row!.pin_verifier!)).toBe(true);
    expect(await checkPin('2581', row!.pin_verifier!)).toBe(false);
  });

  it('customers have no counter PIN', async () => {
    const customer = (await signedInAs(shop.server.database.db, 'customer')).client(shop.server.url);
    expect(
      (await failure(customer.setCounterPin({ body: { pin: '2580', password: 'whatever-it-is' } }))).status,
    ).toBe(403);
  });
});
