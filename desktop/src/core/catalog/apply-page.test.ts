import { describe, expect, it } from 'vitest';
import { migrations } from '../local-db/migrations';
import { openLocalDb } from '../local-db/open';
import { readState } from '../local-db/state';
import { page, product, staffMember, tempDirs } from '../test-support/fixtures';
import { pageApplier } from './apply-page';
import { productLookup } from './lookup';

const newDir = tempDirs();

describe('applying a page of the change feed', () => {
  it('upserts, deletes and moves stock and the cursor together', () => {
    const db = openLocalDb(newDir());
    const apply = pageApplier(db);
    apply(
      page(1, [
        { entity: 'category', id: 'c1', data: { id: 'c1', name: 'SSD', nameKm: null, parentId: null } },
        { entity: 'brand', id: 'b1', data: { id: 'b1', name: 'Samsung' } },
        { entity: 'product', id: 'p1', data: product('p1', { name: 'Samsung 990 Pro 2TB', available: 5 }) },
        { entity: 'product', id: 'p2', data: product('p2') },
        { entity: 'customer', id: 'u1', data: { id: 'u1', name: 'Dara', phone: '012345678', email: null } },
        {
          entity: 'setting',
          id: 'orders.pricing',
          data: { key: 'orders.pricing', value: { rielPerUsd: 4000 } },
        },
      ]),
    );
    const answer = apply(
      page(7, [
        { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 4, reserved: 1, available: 3 } },
        { entity: 'product', id: 'p2', data: null, operation: 'delete' },
      ]),
    );
    expect(answer).toEqual({ applied: 2, cursor: 8 });
    expect(readState(db, 'cursor')).toBe(8);
    const lookup = productLookup(db);
    expect(lookup('samsung 2tb').map((p) => [p.id, p.available])).toEqual([['p1', 3]]);
    expect(lookup('SKU-p2')).toEqual([]);
    expect(
      db.prepare("SELECT count(*) FROM product_search WHERE product_search MATCH 'p2'").pluck().get(),
    ).toBe(0);
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('{"rielPerUsd":4000}');
    db.close();
  });

  it('rolls the whole page back when one change cannot be applied, so the next pull asks for it again', () => {
    const db = openLocalDb(newDir());
    const apply = pageApplier(db);
    apply(page(1, [{ entity: 'product', id: 'p1', data: product('p1', { available: 5 }) }]));
    const broken = page(2, [
      { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 1, reserved: 0, available: 1 } },
      { entity: 'product', id: 'p9', data: product('p9') },
      { entity: 'product', id: 'bad', data: { id: 'bad', name: 'no price' } },
    ]);
    expect(() => apply(broken)).toThrow();
    expect(readState(db, 'cursor')).toBe(1);
    expect(productLookup(db)('SKU-p1')[0]!.available).toBe(5);
    expect(productLookup(db)('SKU-p9')).toEqual([]);
    db.close();
  });

  it('applies a replayed or older page harmlessly', () => {
    const db = openLocalDb(newDir());
    const apply = pageApplier(db);
    const first = page(1, [{ entity: 'product', id: 'p1', data: product('p1', { available: 5 }) }]);
    apply(first);
    apply(
      page(2, [
        { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 2, reserved: 0, available: 2 } },
      ]),
    );
    expect(apply(first)).toEqual({ applied: 0, cursor: 2 });
    expect(productLookup(db)('SKU-p1')[0]!.available).toBe(2);
    db.close();
  });

  it('keeps the local sign-in mark of a staff member across updates and resets their lockout on a new PIN', () => {
    const db = openLocalDb(newDir());
    const apply = pageApplier(db);
    apply(page(1, [{ entity: 'staff', id: 's1', data: staffMember('s1', { pinVerifier: 'v1' }) }]));
    db.prepare('UPDATE staff SET signed_in_online_at = 5').run();
    db.prepare('INSERT INTO pin_attempts VALUES (?, 3, 1, NULL)').run('s1');
    apply(
      page(2, [{ entity: 'staff', id: 's1', data: staffMember('s1', { name: 'Sokha', pinVerifier: 'v2' }) }]),
    );
    expect(db.prepare('SELECT name, signed_in_online_at AS at FROM staff').get()).toEqual({
      name: 'Sokha',
      at: 5,
    });
    expect(db.prepare('SELECT count(*) FROM pin_attempts').pluck().get()).toBe(0);
    db.close();
  });

  it('reopens at the schema version it reached', () => {
    const dir = newDir();
    openLocalDb(dir).close();
    const db = openLocalDb(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('told to pull afresh: starts again from 0 over its copy, and the page ending the feed removes what it did not bring', () => {
    const db = openLocalDb(newDir());
    const apply = pageApplier(db);
    const customer = (id: string) => ({ id, name: `Customer ${id}`, phone: null, email: null });
    apply(
      page(1, [
        { entity: 'product', id: 'p1', data: product('p1', { available: 5 }) },
        { entity: 'product', id: 'gone', data: product('gone') },
        { entity: 'customer', id: 'u1', data: customer('u1') },
        { entity: 'customer', id: 'left', data: customer('left') },
        { entity: 'staff', id: 's1', data: staffMember('s1') },
      ]),
    );
    db.prepare('UPDATE products SET unsynced_sold = 2 WHERE id = ?').run('p1');
    db.prepare(
      `INSERT INTO outbox (id, type, staff_id, item, created_at) VALUES ('sale-1', 'sale', 's1', '{}', 1)`,
    ).run();

    const told = apply({
      ...page(40, [{ entity: 'product', id: 'p1', data: product('p1') }]),
      pullAfresh: true,
    });
    expect(told).toEqual({ applied: 0, cursor: 0, afresh: true });
    expect(readState(db, 'cursor')).toBe(0);
    // Meanwhile the counter sells from the copy it has.
    expect(productLookup(db)('SKU-gone')).toHaveLength(1);
    apply(
      page(
        10,
        [
          { entity: 'product', id: 'p1', data: product('p1', { available: 4 }) },
          { entity: 'customer', id: 'u1', data: customer('u1') },
        ],
        true,
      ),
    );
    expect(productLookup(db)('SKU-gone')).toHaveLength(1);
    apply(page(50, [{ entity: 'staff', id: 's1', data: staffMember('s1') }]));

    expect(readState(db, 'pullingAfresh')).toBe(false);
    expect(readState(db, 'cursor')).toBe(50);
    expect(db.prepare('SELECT id FROM products').pluck().all()).toEqual(['p1']);
    expect(productLookup(db)('SKU-gone')).toEqual([]);
    expect(db.prepare('SELECT unsynced_sold FROM products').pluck().get()).toBe(2);
    expect(db.prepare('SELECT id FROM customers').pluck().all()).toEqual(['u1']);
    expect(db.prepare('SELECT id FROM outbox').pluck().all()).toEqual(['sale-1']);
    expect(db.prepare('SELECT count(*) FROM pulled_afresh').pluck().get()).toBe(0);
    db.close();
  });
});
