import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProductWithStock, startTestShop, type TestShop } from '../../../../server/test/factory';
import { createActiveUser } from '../../../../server/src/modules/accounts/users';
import { feedHead } from '../../../../server/src/modules/sync/change-log';
import { compactChangeFeed } from '../../../../server/src/modules/sync/compaction';
import type { LocalDb } from '../local-db/open';
import { readState } from '../local-db/state';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  cashSale,
  counterFolders,
  serverRecordOf,
  type StaffWithPassword,
} from '../test-support/real-shop';

/**
 * Issue 19 item 4: a counter away while the shop compacted its change feed is told to pull afresh, pulls the whole
 * feed again over its copy, and ends with exactly the rows a new counter has: the customer disabled meanwhile gone,
 * the new product there. The sale it made while away stays queued and arrives. The real core and the real server,
 * both dialects.
 */
let shop: TestShop;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop();
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

const DAY = 86_400_000;

/** The pulled copy, table by table, without what the counter keeps of its own (units sold unsynced, sign-ins). */
function pulledCopy(db: LocalDb) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    products: all(
      `SELECT id, sku, barcode, name, category_id, brand_id, price_cents, sale_price_cents, serialized,
         warranty_months, active, available, thumbnail_url FROM products ORDER BY id`,
    ),
    searchable: all('SELECT count(*) AS n FROM products WHERE rowid IN (SELECT rowid FROM product_search)'),
    categories: all('SELECT * FROM categories ORDER BY id'),
    brands: all('SELECT * FROM brands ORDER BY id'),
    customers: all('SELECT * FROM customers ORDER BY id'),
    staff: all('SELECT id, name, email, role, active, pin_verifier FROM staff ORDER BY id'),
    settings: all('SELECT * FROM settings ORDER BY key'),
  };
}

describe('a counter behind a compacted change feed', () => {
  it('pulls afresh, ends with the rows of a new counter, and loses nothing it had queued', async () => {
    const db = shop.server.database.db;
    const { id: leaving } = await createActiveUser(db, {
      email: `leaving-${randomBytes(3).toString('hex')}@example.test`,
      password: 'a long enough password for tests',
      name: 'Sokha',
      role: 'customer',
    });
    const mouse = await aProductWithStock(shop, { stock: 10, name: 'Mouse' });
    const away = await aReadyCounter(shop, { cashierId: cashier.id, dataDir: folders.make() });
    expect(away.core.db.prepare('SELECT id FROM customers WHERE id = ?').get(leaving)).toBeTruthy();

    // Away: a sale made offline waits in the outbox while the shop changes and, a month on, compacts its feed.
    const sale = await cashSale(away.core, mouse.id);
    await shop.admin.updateUser({ params: { id: leaving }, body: { status: 'disabled' } });
    for (const priceCents of [1_100, 1_200, 1_300])
      await shop.admin.updateProduct({ params: { id: mouse.id }, body: { priceCents } });
    const keyboard = await aProductWithStock(shop, { stock: 3, name: 'Keyboard' });
    await db
      .updateTable('change_log')
      .set({ created_at: Date.now() - 40 * DAY })
      .execute();
    await compactChangeFeed(db, { keepDays: 30, batchSize: 500, pauseMs: 0 });
    // The feed no longer says the customer left: only pulling afresh can take them off the counter.
    expect(
      await db.selectFrom('change_log').select('seq').where('entity_id', '=', leaving).execute(),
    ).toEqual([]);

    await away.core.pullNow();
    expect(readState(away.core.db, 'pullingAfresh')).toBe(false);
    expect(readState(away.core.db, 'cursor')).toBe(await feedHead(db));
    const fresh = await aReadyCounter(shop, { name: 'New', cashierId: cashier.id, dataDir: folders.make() });
    const copy = pulledCopy(away.core.db);
    expect(copy).toEqual(pulledCopy(fresh.core.db));
    expect(copy.customers.some((c) => (c as { id: string }).id === leaving)).toBe(false);
    expect(copy.products.some((p) => (p as { id: string }).id === keyboard.id)).toBe(true);
    expect(away.core.db.prepare('SELECT count(*) FROM pulled_afresh').pluck().get()).toBe(0);

    // What it did while away is untouched and arrives once.
    expect((await away.core.commands.status()).pending).toBe(1);
    const { results } = await away.core.pushNow();
    expect(results).toEqual([expect.objectContaining({ id: sale.id, status: 'applied' })]);
    const { orders } = await serverRecordOf(shop, away.deviceId);
    expect(orders.map((o) => o.receipt_number)).toEqual([sale.receiptNumber]);
    away.core.close();
    fresh.core.close();
  });
});
