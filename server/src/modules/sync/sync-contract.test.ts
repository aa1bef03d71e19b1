import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { syncContractVersion, type ApiError, type Change, type PushItem } from '@shop/shared';
import { aCustomer, aProductWithStock, failure, useTestShopWithCounters } from '../../../test/factory';

/**
 * Counters are upgraded when the shop gets round to it: a counter of an older version keeps syncing with a newer
 * server (issue 19, docs/decisions/0016-upgrades.md). Through the real routes with a paired device's
 * token, as a counter built before contract versions sends them: no `contract` anywhere.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Old counter'], { seed: 'none' });

// An empty shop with the one category and brand its products need: the demo catalog's seeding alone outlasted the
// set-up's two minutes on a busy MariaDB.
beforeAll(async () => {
  await shop.admin.createCategory({
    body: { slug: 'accessories', name: 'Accessories', nameKm: 'គ្រឿងបន្ថែម', specKind: 'accessory' },
  });
  await shop.admin.createBrand({ body: { name: 'Ugreen' } });
});

const db = () => shop.server.database.db;

function aSale(productId: string): PushItem {
  return {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId: shop.staffUser.userId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: [{ productId, quantity: 1, unitPriceCents: 2000 }],
    payments: [{ method: 'cash', currency: 'USD', amount: 2000, tendered: 2000, change: 0 }],
  };
}

/** The body a counter sends, whatever its shape: the test speaks HTTP as any version of the counter would. */
const pushRaw = (body: Record<string, unknown>) =>
  counter.client.pushItems({ body: body as Parameters<typeof counter.client.pushItems>[0]['body'] });

describe('pushes of a counter from before contract versions', () => {
  it('are applied, and each item keeps the contract it was sent in', async () => {
    const cable = await aProductWithStock(shop, { stock: 5 });
    const old = aSale(cable.id);
    const { results } = await pushRaw({ items: [old], pending: 0 });
    expect(results).toEqual([
      {
        id: old.id,
        status: 'applied',
        orderId: expect.any(String),
        orderNumber: expect.stringMatching(/^P-/),
      },
    ]);
    // The same item from a counter that says its version: the same answer, applied once.
    expect((await pushRaw({ items: [old], contract: 1 })).results).toEqual(results);
    const row = await db()
      .selectFrom('sync_items')
      .select('contract')
      .where('id', '=', old.id)
      .executeTakeFirst();
    expect(row).toEqual({ contract: 1 });
    expect(syncContractVersion).toBe(2);
  });
});

describe('an item this server does not take', () => {
  it('is parked with the reason and kept as sent, never dropped, and the items behind it go on', async () => {
    const cable = await aProductWithStock(shop, { stock: 5 });
    // A type this server has never heard of, and a sale in a shape it does not take (no lines).
    const unknown = {
      id: ulid(),
      type: 'stock_count',
      at: Date.now(),
      staffId: shop.staffUser.userId,
      counted: [{ productId: cable.id, units: 4 }],
    };
    const shapeless = { ...aSale(cable.id), lines: undefined, items: [{ sku: 'X', qty: 1 }] };
    const behind = aSale(cable.id);
    const { results } = await pushRaw({ items: [unknown, shapeless, behind] });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [unknown.id, 'parked'],
      [shapeless.id, 'parked'],
      [behind.id, 'applied'],
    ]);
    expect(results[0]!.error).toBe('This server does not take items of type "stock_count" (sync contract 1)');
    expect(results[1]!.error).toMatch(
      /^This sale is not in a shape this server takes \(sync contract 1\): lines: /,
    );

    // Staff see both in the back office, with what the counter sent, to the last field.
    const parked = new Map((await shop.staff.listParkedItems({})).items.map((p) => [p.id, p]));
    expect(parked.get(unknown.id)).toMatchObject({ type: 'stock_count', item: unknown, status: 'parked' });
    expect(parked.get(shapeless.id)).toMatchObject({
      type: 'sale',
      status: 'parked',
      item: { id: shapeless.id, items: [{ sku: 'X', qty: 1 }] },
    });

    // Pushed again (the answer was lost on the way): the same answers, nothing parked twice.
    expect((await pushRaw({ items: [unknown, shapeless, behind] })).results).toEqual(results);
    const rows = await db()
      .selectFrom('sync_items')
      .select('id')
      .where('id', 'in', [unknown.id, shapeless.id])
      .execute();
    expect(rows).toHaveLength(2);

    // A retry cannot read it either: it stays parked (409) with the reason; staff discard it, saying why.
    const retried = await failure<ApiError>(shop.staff.retryParkedItem({ params: { id: unknown.id } }));
    expect(retried).toMatchObject({ status: 409, message: expect.stringMatching(/type "stock_count"/) });
    const discarded = await shop.staff.discardParkedItem({
      params: { id: unknown.id },
      body: { reason: 'Counted again on the new server' },
    });
    expect(discarded).toMatchObject({
      status: 'discarded',
      discardReason: 'Counted again on the new server',
    });
  });
});

describe('a counter newer than the server', () => {
  it('is told to upgrade the server, its push and pull refused whole, nothing stored', async () => {
    const cable = await aProductWithStock(shop, { stock: 5 });
    const sale = aSale(cable.id);
    const pushed = await failure<ApiError>(pushRaw({ items: [sale], contract: syncContractVersion + 1 }));
    expect(pushed).toMatchObject({
      status: 400,
      message: expect.stringMatching(/newer than this server's 2: upgrade the server/),
      fields: { contract: 'at most 2' },
    });
    expect(await db().selectFrom('sync_items').select('id').where('id', '=', sale.id).execute()).toEqual([]);
    const pulled = await failure<ApiError>(
      counter.client.listChanges({ query: { after: 0, limit: 10, contract: syncContractVersion + 1 } }),
    );
    expect(pulled.status).toBe(400);
  });
});

/**
 * What counters of version 1 read of each change's data (desktop/src/core/catalog/apply-page.ts parses it with these
 * fields). Frozen here on purpose: a field may be added to the feed, never removed or renamed, or every counter not
 * yet upgraded stops pulling.
 */
const version1Fields: Record<string, string[]> = {
  category: ['id', 'name', 'nameKm', 'parentId'],
  brand: ['id', 'name'],
  product: [
    'id',
    'sku',
    'barcode',
    'name',
    'categoryId',
    'brandId',
    'priceCents',
    'salePriceCents',
    'serialized',
    'warrantyMonths',
    'active',
    'available',
    'thumbnailUrl',
  ],
  stock: ['productId', 'onHand', 'reserved', 'available'],
  customer: ['id', 'name', 'phone', 'email'],
  staff: ['id', 'name', 'email', 'role', 'active', 'pinVerifier'],
  setting: ['key', 'value'],
};

describe('pulls of a counter from before contract versions', () => {
  it('answer every change in the shapes version 1 reads, the same as a pull that says its version', async () => {
    await aCustomer(shop.server);
    const changes: Change[] = [];
    let after = 0;
    for (;;) {
      const page = await counter.client.listChanges({ query: { after, limit: 1000 } });
      expect(Object.keys(page).sort()).toEqual(['changes', 'cursor', 'hasMore']);
      changes.push(...page.changes);
      const told = await counter.client.listChanges({ query: { after, limit: 1000, contract: 1 } });
      expect(told.cursor).toBe(page.cursor);
      after = page.cursor;
      if (!page.hasMore) break;
    }
    const seen = new Set<string>();
    for (const change of changes) {
      expect(Object.keys(change).sort()).toEqual(['at', 'data', 'entity', 'entityId', 'operation', 'seq']);
      const fields = version1Fields[change.entity];
      expect(fields, change.entity).toBeDefined();
      if (change.data === null) continue;
      seen.add(change.entity);
      expect(Object.keys(change.data as object), `${change.entity} ${change.entityId}`).toEqual(
        expect.arrayContaining(fields!),
      );
    }
    expect([...seen].sort()).toEqual(Object.keys(version1Fields).sort());
  });
});
