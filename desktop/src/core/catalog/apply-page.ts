import {
  changeDataSchemas,
  normalizeCouponCode,
  type ChangeData,
  type ChangeEntity,
  type ChangesPage,
  type SyncProduct,
} from '@shop/shared';
import type { LocalDb } from '../local-db/open';
import { readState, writeState } from '../local-db/state';
import { nameWords } from '../local-db/words';

/** `afresh`: the server said to pull again from 0 (the page was not applied; the cursor is 0 now). */
export type ApplyPage = (page: ChangesPage) => { applied: number; cursor: number; afresh?: boolean };

/**
 * Applies one page of the server's change feed in ONE local transaction: every upsert and delete, and the cursor
 * moved to the page's end. A crash or a bad change halfway rolls all of it back, so the next pull asks for the same
 * page again; applying a change twice writes the same row, so a replayed page is harmless.
 *
 * A page marked `pullAfresh` (the server compacted changes this counter never saw, docs/decisions/0015-retention.md)
 * is not applied: the cursor goes back to 0 and the feed is pulled again over the copy the counter has, which it
 * keeps selling from meanwhile. What each page of that pull names is noted; the last page removes the rest (a
 * customer disabled, a category deleted while the counter was away). Sales, the outbox and customers waiting to be
 * added are not the pulled copy and are never touched.
 */
export function pageApplier(db: LocalDb): ApplyPage {
  const write = entityWriters(db);
  const afresh = pullAfresh(db);
  return db.transaction((page: ChangesPage) => {
    const cursor = readState(db, 'cursor') ?? 0;
    if (page.pullAfresh) {
      afresh.start();
      return { applied: 0, cursor: 0, afresh: true };
    }
    // An older page than what is applied (a retry racing a newer pull) would move the catalog back in time.
    if (page.cursor < cursor) return { applied: 0, cursor };
    const pullingAfresh = readState(db, 'pullingAfresh') === true;
    let applied = 0;
    for (const change of page.changes) {
      if (change.seq <= cursor) continue;
      const entity = change.entity as ChangeEntity;
      const writer = write[entity];
      if (!writer) continue; // an entity a newer server feeds that this app does not use
      if (change.operation === 'delete') writer.remove(change.entityId);
      else {
        writer.upsert(changeDataSchemas[entity].parse(change.data) as never);
        if (pullingAfresh) afresh.seen(entity, change.entityId);
      }
      applied++;
    }
    writeState(db, 'cursor', page.cursor);
    writeState(db, 'lastSyncAt', Date.now());
    if (pullingAfresh && !page.hasMore) afresh.finish();
    return { applied, cursor: page.cursor };
  });
}

/** The copy's tables by the feed's entity, keyed by `id` (settings by `key`); stock lives on the products. */
const pulledTables: Readonly<Partial<Record<ChangeEntity, { table: string; key: string }>>> = {
  product: { table: 'products', key: 'id' },
  category: { table: 'categories', key: 'id' },
  brand: { table: 'brands', key: 'id' },
  customer: { table: 'customers', key: 'id' },
  staff: { table: 'staff', key: 'id' },
  setting: { table: 'settings', key: 'key' },
  promotion: { table: 'promotions', key: 'id' },
  coupon: { table: 'coupons', key: 'id' },
};

/** A pull from 0 over the copy: begun, each item it brings noted, and at its end what it did not bring removed. */
function pullAfresh(db: LocalDb) {
  const forget = db.prepare('DELETE FROM pulled_afresh');
  const note = db.prepare('INSERT OR IGNORE INTO pulled_afresh (entity, id) VALUES (?, ?)');
  const notBrought = (entity: string, table: string, key: string) =>
    `SELECT ${key} FROM ${table} WHERE ${key} NOT IN (SELECT id FROM pulled_afresh WHERE entity = '${entity}')`;
  const sweeps = [
    // The search index first: it is keyed by the products' rowids.
    db.prepare(
      `DELETE FROM product_search WHERE rowid IN (SELECT rowid FROM products WHERE id IN (${notBrought('product', 'products', 'id')}))`,
    ),
    db.prepare(`DELETE FROM pin_attempts WHERE staff_id IN (${notBrought('staff', 'staff', 'id')})`),
    ...Object.entries(pulledTables).map(([entity, { table, key }]) =>
      db.prepare(`DELETE FROM ${table} WHERE ${key} IN (${notBrought(entity, table, key)})`),
    ),
  ];
  return {
    start() {
      forget.run();
      writeState(db, 'cursor', 0);
      writeState(db, 'pullingAfresh', true);
    },
    seen(entity: ChangeEntity, id: string) {
      if (Object.hasOwn(pulledTables, entity)) note.run(entity, id);
    },
    finish() {
      for (const sweep of sweeps) sweep.run();
      forget.run();
      writeState(db, 'pullingAfresh', false);
    },
  };
}

/** Entities this app does not keep yet have no writer (promotions and coupons: contract 2). */
type Writers = { [E in ChangeEntity]?: { upsert(data: ChangeData[E]): void; remove(id: string): void } };

function entityWriters(db: LocalDb): Writers {
  const upsertProduct = db.prepare(
    `INSERT INTO products (id, sku, barcode, name, category_id, brand_id, price_cents, sale_price_cents, serialized,
       warranty_months, active, available, thumbnail_url)
     VALUES (@id, @sku, @barcode, @name, @categoryId, @brandId, @priceCents, @salePriceCents, @serialized,
       @warrantyMonths, @active, @available, @thumbnailUrl)
     ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, barcode = excluded.barcode, name = excluded.name,
       category_id = excluded.category_id, brand_id = excluded.brand_id, price_cents = excluded.price_cents,
       sale_price_cents = excluded.sale_price_cents, serialized = excluded.serialized,
       warranty_months = excluded.warranty_months, active = excluded.active, available = excluded.available,
       thumbnail_url = excluded.thumbnail_url`,
  );
  const rowidOf = db.prepare('SELECT rowid FROM products WHERE id = ?').pluck();
  const unindex = db.prepare('DELETE FROM product_search WHERE rowid = ?');
  const index = db.prepare('INSERT INTO product_search (rowid, state, words) VALUES (?, ?, ?)');
  const deleteProduct = db.prepare('DELETE FROM products WHERE id = ?');
  const setAvailable = db.prepare('UPDATE products SET available = ? WHERE id = ?');
  const upsertCategory = db.prepare(
    `INSERT INTO categories (id, name, name_km, parent_id) VALUES (@id, @name, @nameKm, @parentId)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_km = excluded.name_km, parent_id = excluded.parent_id`,
  );
  const upsertBrand = db.prepare(
    'INSERT INTO brands (id, name) VALUES (@id, @name) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
  );
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (id, name, phone, email) VALUES (@id, @name, @phone, @email)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email`,
  );
  // The local sign-in mark survives an update of the staff member; a new verifier (PIN changed) clears the lockout.
  const upsertStaff = db.prepare(
    `INSERT INTO staff (id, name, email, role, active, pin_verifier) VALUES (@id, @name, @email, @role, @active, @pinVerifier)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
       active = excluded.active, pin_verifier = excluded.pin_verifier`,
  );
  const staffVerifier = db.prepare('SELECT pin_verifier AS verifier FROM staff WHERE id = ?');
  const clearAttempts = db.prepare('DELETE FROM pin_attempts WHERE staff_id = ?');
  const upsertSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const byId = (table: string) => db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const deleteCategory = byId('categories');
  const deleteBrand = byId('brands');
  const deleteCustomer = byId('customers');
  const deleteStaff = byId('staff');
  const deleteSetting = db.prepare('DELETE FROM settings WHERE key = ?');
  // Promotions and coupons are kept as pulled (JSON) for the shared pricing function (pos/promotions.ts).
  const upsertPromotion = db.prepare(
    'INSERT INTO promotions (id, rule) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET rule = excluded.rule',
  );
  const upsertCoupon = db.prepare(
    `INSERT INTO coupons (id, code, rule) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, rule = excluded.rule`,
  );
  const deletePromotion = byId('promotions');
  const deleteCoupon = byId('coupons');

  return {
    product: {
      upsert(product: SyncProduct) {
        upsertProduct.run({
          ...product,
          serialized: product.serialized ? 1 : 0,
          active: product.active ? 1 : 0,
        });
        const rowid = rowidOf.get(product.id) as number;
        unindex.run(rowid);
        index.run(
          rowid,
          product.active ? 'on' : 'off',
          nameWords(`${product.name} ${product.sku}`).join(' '),
        );
      },
      remove(id) {
        const rowid = rowidOf.get(id) as number | undefined;
        if (rowid !== undefined) unindex.run(rowid);
        deleteProduct.run(id);
      },
    },
    // A stock change only moves what is available; a product the counter does not know yet gets it with its upsert.
    stock: { upsert: (stock) => void setAvailable.run(stock.available, stock.productId), remove: () => {} },
    category: { upsert: (c) => void upsertCategory.run(c), remove: (id) => void deleteCategory.run(id) },
    brand: { upsert: (b) => void upsertBrand.run(b), remove: (id) => void deleteBrand.run(id) },
    customer: { upsert: (c) => void upsertCustomer.run(c), remove: (id) => void deleteCustomer.run(id) },
    staff: {
      upsert(staff) {
        const before = staffVerifier.get(staff.id) as { verifier: string | null } | undefined;
        upsertStaff.run({ ...staff, active: staff.active ? 1 : 0 });
        if (before && before.verifier !== staff.pinVerifier) clearAttempts.run(staff.id);
      },
      remove: (id) => void deleteStaff.run(id),
    },
    setting: {
      upsert: (setting) => void upsertSetting.run(setting.key, JSON.stringify(setting.value ?? null)),
      remove: (key) => void deleteSetting.run(key),
    },
    promotion: {
      upsert: (rule) => void upsertPromotion.run(rule.id, JSON.stringify(rule)),
      remove: (id) => void deletePromotion.run(id),
    },
    coupon: {
      upsert: (rule) => void upsertCoupon.run(rule.id, normalizeCouponCode(rule.code), JSON.stringify(rule)),
      remove: (id) => void deleteCoupon.run(id),
    },
  };
}
