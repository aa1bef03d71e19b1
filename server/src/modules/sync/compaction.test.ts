import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Change, ShopClient } from '@shop/shared';
import { aProductWithStock, pairTestCounter, useTestShop } from '../../../test/factory';
import { createActiveUser } from '../accounts/users';
import { feedHead } from './change-log';
import { compactChangeFeed, feedHorizon } from './compaction';

/**
 * Issue 19 item 4, change-feed compaction: after it a new counter's first pull reads one change per current item, a
 * counter whose cursor fell behind a removed delete is told to pull afresh, and pulling afresh ends with exactly what a
 * new counter has. Through HTTP with paired counters' tokens, on both dialects.
 */
const shop = useTestShop();
const DAY = 86_400_000;

async function pullAll(client: ShopClient, after = 0, limit = 500) {
  const changes: Change[] = [];
  let cursor = after;
  let afresh = false;
  for (;;) {
    const page = await client.listChanges({ query: { after: cursor, limit } });
    afresh ||= page.pullAfresh === true;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, afresh };
  }
}

/** What a counter holds after applying changes in order: each item's last upsert, deletes removing. */
function held(changes: readonly Change[]): Map<string, unknown> {
  const items = new Map<string, unknown>();
  for (const change of changes) {
    const key = `${change.entity}:${change.entityId}`;
    if (change.operation === 'delete') items.delete(key);
    else items.set(key, change.data);
  }
  return items;
}

async function feedRows() {
  return shop.server.database.db.selectFrom('change_log').select(['entity', 'entity_id']).execute();
}

describe('change-feed compaction', () => {
  it('leaves one change per current item; a counter behind a removed delete pulls afresh and ends like a new one', async () => {
    const db = shop.server.database.db;
    const behind = await pairTestCounter(shop, 'Away for a month');
    const upToDate = await pairTestCounter(shop, 'Every day');
    const before = await pullAll(behind.client);
    const { id: customerId } = await createActiveUser(db, {
      email: `leaving-${randomBytes(3).toString('hex')}@example.test`,
      password: 'a long enough password for tests',
      name: 'Sokha',
      role: 'customer',
    });
    const product = await aProductWithStock(shop, { stock: 5, name: 'Keyboard' });
    for (const priceCents of [1_900, 2_100, 2_300, 2_500])
      await shop.admin.updateProduct({ params: { id: product.id }, body: { priceCents } });
    // The counter away saw the customer arrive; the shop disables them while it is away.
    const middle = await pullAll(behind.client, before.cursor);
    expect(held(middle.changes).has(`customer:${customerId}`)).toBe(true);
    await shop.admin.updateUser({ params: { id: customerId }, body: { status: 'disabled' } });
    const daily = await pullAll(upToDate.client);
    const expected = held((await pullAll(behind.client)).changes);
    const rowsBefore = (await feedRows()).length;

    // A month and more later: every change is older than the horizon.
    await db
      .updateTable('change_log')
      .set({ created_at: Date.now() - 40 * DAY })
      .execute();
    const batches: number[] = [];
    const compacted = await compactChangeFeed(db, {
      keepDays: 30,
      batchSize: 200,
      pauseMs: 0,
      onBatch: ({ removed }) => batches.push(removed),
    });

    const rows = await feedRows();
    const items = new Set(rows.map((row) => `${row.entity}:${row.entity_id}`));
    expect(items.size).toBe(rows.length);
    expect(compacted.removed).toBe(rowsBefore - rows.length);
    // Batches of 200 changes read (one more, empty, when the last was full).
    expect(compacted.batches - Math.ceil(rowsBefore / 200)).toBeGreaterThanOrEqual(0);
    expect(compacted.batches - Math.ceil(rowsBefore / 200)).toBeLessThanOrEqual(1);
    expect(items.has(`customer:${customerId}`)).toBe(false);
    expect(await feedHorizon(db)).toBeGreaterThan(middle.cursor);

    // A new counter reads a snapshot: one change per current item, the same items and data as before compaction.
    const fresh = await pullAll((await pairTestCounter(shop, 'New')).client);
    expect(fresh.afresh).toBe(false);
    expect(fresh.changes.length).toBe(rows.length);
    expect(held(fresh.changes)).toEqual(expected);

    // The counter away asks from its old cursor: told to pull afresh; from 0 it ends with what the new one has.
    const back = await behind.client.listChanges({ query: { after: middle.cursor, limit: 500 } });
    expect(back.pullAfresh).toBe(true);
    const again = await pullAll(behind.client);
    expect(again.afresh).toBe(false);
    expect(held(again.changes)).toEqual(held(fresh.changes));
    // The counter that pulled after the delete is not bothered.
    const daily2 = await upToDate.client.listChanges({ query: { after: daily.cursor, limit: 500 } });
    expect(daily2.pullAfresh).toBeUndefined();

    // Compacting again finds nothing new; later changes stay until they age.
    await shop.admin.updateProduct({ params: { id: product.id }, body: { priceCents: 2_700 } });
    expect((await compactChangeFeed(db, { keepDays: 30, batchSize: 200, pauseMs: 0 })).removed).toBe(0);
    expect(await feedHead(db)).toBeGreaterThan(daily.cursor);
  });
});
