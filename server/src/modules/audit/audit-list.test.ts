import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShopWallClock, type ApiError, type ShopClient } from '@shop/shared';
import { failure } from '../../../test/factory';
import { signedInAs, startTestServer, type TestServer } from '../../../test/support';
import { inTransaction } from '../../db/transaction';
import { recordAudit, systemActor } from './audit';

/** The back office's audit log (issue 13, item 8): who changed what and when, newest first, searchable. */
let server: TestServer;
let admin: ShopClient;
let adminId: string;
let staff: ShopClient;
let staffId: string;

/** Noon in Phnom Penh on a shop day of December 2026. */
const noonOn = (day: number) => fromShopWallClock(new Date(Date.UTC(2026, 11, day, 12)));

beforeAll(async () => {
  server = await startTestServer();
  const adminUser = await signedInAs(server.database.db, 'admin');
  const staffUser = await signedInAs(server.database.db, 'staff');
  [admin, adminId] = [adminUser.client(server.url), adminUser.userId];
  [staff, staffId] = [staffUser.client(server.url), staffUser.userId];
  await server.database.db.deleteFrom('audit_log').execute();
  const rows = [
    [staffId, 'stock.receive', 'product', 'P1', { quantity: 5, reason: 'Delivery from ABC 100%' }, 1],
    [adminId, 'setting.change', 'setting', 'orders.pricing', { value: { rielPerUsd: 4050 } }, 2],
    [null, 'order.expire', 'order', 'O1', { status: 'expired' }, 2],
    [staffId, 'order.transition', 'order', 'O2', { status: 'ready' }, 3],
    [adminId, 'product.update', 'product', 'P1', { name: 'Ryzen 7 7700X' }, 4],
  ] as const;
  await inTransaction(server.database.db, async (tx) => {
    for (const [actor, action, entity, entityId, after, day] of rows)
      await recordAudit(
        tx,
        actor ? { userId: actor, ip: '127.0.0.1' } : systemActor,
        { action, entity, entityId, after },
        noonOn(day),
      );
  });
});
afterAll(() => server?.stop());

describe('GET /admin/audit', () => {
  it('newest first, with the name of who did it (none for the system), paged on the server', async () => {
    const first = await admin.listAudit({ query: { pageSize: 2 } });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((e) => e.action)).toEqual(['product.update', 'order.transition']);
    expect(first.items[0]).toMatchObject({
      entity: 'product',
      entityId: 'P1',
      at: noonOn(4),
      actor: { id: adminId, name: 'admin' },
      ip: '127.0.0.1',
      after: { name: 'Ryzen 7 7700X' },
      before: null,
    });
    const third = await admin.listAudit({ query: { pageSize: 2, page: 3 } });
    expect(third.items.map((e) => [e.action, e.actor])).toEqual([
      ['stock.receive', expect.objectContaining({ name: 'staff' })],
    ]);
    const second = await admin.listAudit({ query: { pageSize: 2, page: 2 } });
    expect(second.items.find((e) => e.action === 'order.expire')?.actor).toBeNull();
  });

  it('filters by actor, action, entity and its id, shop days, and words in what changed', async () => {
    const actions = async (query: Parameters<ShopClient['listAudit']>[0]['query']) =>
      (await admin.listAudit({ query })).items.map((e) => e.action);
    expect(await actions({ actor: staffId })).toEqual(['order.transition', 'stock.receive']);
    expect(await actions({ action: 'setting.change' })).toEqual(['setting.change']);
    expect(await actions({ entity: 'product', entityId: 'P1' })).toEqual(['product.update', 'stock.receive']);
    expect(await actions({ from: '2026-12-02', to: '2026-12-03' })).toEqual([
      'order.transition',
      'order.expire',
      'setting.change',
    ]);
    expect(await actions({ q: 'RYZEN' })).toEqual(['product.update']);
    expect(await actions({ q: '4050' })).toEqual(['setting.change']);
    // LIKE's wildcards are searched as themselves.
    expect(await actions({ q: '100%' })).toEqual(['stock.receive']);
    expect(await actions({ q: '_' })).toEqual([]);
  });

  it('bad filters are a 400 naming them', async () => {
    const error = await failure<ApiError>(
      admin.listAudit({ query: { from: '2026-12-05', to: '2026-12-01', pageSize: 500 } }),
    );
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields).sort()).toEqual(['pageSize', 'to']);
  });

  it('is for admins only: staff and customers get 403', async () => {
    const customer = (await signedInAs(server.database.db, 'customer')).client(server.url);
    for (const caller of [staff, customer])
      expect(await failure<ApiError>(caller.listAudit({ query: {} }))).toMatchObject({ status: 403 });
  });
});
