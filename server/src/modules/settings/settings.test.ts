import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support';
import type { ShopDatabase } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { systemActor } from '../audit/audit';
import { changeSettings } from './changes';
import { DEFAULT_SHOP_IDENTITY, getSetting, getShopIdentity, setSetting } from './service';

describe('settings', () => {
  let database: ShopDatabase & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives the default shop identity when none is stored', async () => {
    expect(await getShopIdentity(database.db)).toEqual({
      name: 'Computer Shop',
      nameKm: 'ហាងកុំព្យូទ័រ',
      logoUrl: null,
      supportEmail: null,
      phone: null,
      address: null,
      hours: null,
    });
    expect(await getSetting(database.db, 'nothing.here')).toBeUndefined();
  });

  it('creates and replaces settings with one upsert on either dialect, Khmer intact', async () => {
    await inTransaction(database.db, (tx) =>
      setSetting(tx, 'shop.identity', { name: 'Angkor PC', phone: '012 345 678' }),
    );
    await inTransaction(database.db, (tx) =>
      setSetting(tx, 'shop.identity', {
        name: 'Angkor PC',
        nameKm: 'អង្គរ ភីស៊ី',
        logoUrl: 'https://x.example/l.png',
      }),
    );
    // The same value again: MySQL reports 0 changed rows, which must not read as "missing".
    await inTransaction(database.db, (tx) =>
      setSetting(tx, 'shop.identity', {
        name: 'Angkor PC',
        nameKm: 'អង្គរ ភីស៊ី',
        logoUrl: 'https://x.example/l.png',
      }),
    );
    expect(await getShopIdentity(database.db)).toEqual({
      ...DEFAULT_SHOP_IDENTITY,
      name: 'Angkor PC',
      nameKm: 'អង្គរ ភីស៊ី',
      logoUrl: 'https://x.example/l.png',
    });
    const rows = await database.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'shop.identity')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('falls back field by field when the stored identity is partial or malformed', async () => {
    await inTransaction(database.db, (tx) =>
      setSetting(tx, 'shop.identity', { name: '  ', phone: 42, address: 'St 63' }),
    );
    expect(await getShopIdentity(database.db)).toEqual({ ...DEFAULT_SHOP_IDENTITY, address: 'St 63' });
    await inTransaction(database.db, (tx) => setSetting(tx, 'shop.identity', 'not an object'));
    expect(await getShopIdentity(database.db)).toEqual(DEFAULT_SHOP_IDENTITY);
  });

  it('rolls back with its transaction', async () => {
    await expect(
      inTransaction(database.db, async (tx) => {
        await setSetting(tx, 'demo.flag', true);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await getSetting(database.db, 'demo.flag')).toBeUndefined();
  });

  it('concurrent changes of one setting each build on the other: none is lost, from the first one on', async () => {
    const byCli = { actor: systemActor, source: 'cli' } as const;
    const setField = (field: string, value: string) =>
      changeSettings(
        database.db,
        [{ key: 'shop.identity', next: (current) => ({ ...current, [field]: value }) }],
        byCli,
      );
    await database.db.deleteFrom('settings').where('key', '=', 'shop.identity').execute();
    const fields = {
      name: 'Angkor PC',
      nameKm: 'អង្គរ ភីស៊ី',
      phone: '012 345 678',
      address: 'St 63, Siem Reap',
      supportEmail: 'hello@angkorpc.example',
      logoUrl: 'https://angkorpc.example/logo.png',
    };
    // The first changes create the row; MySQL's REPEATABLE READ would let each merge into what it read before the
    // others committed, keeping only the last writer's field.
    await Promise.all(Object.entries(fields).map(([field, value]) => setField(field, value)));
    expect(await getShopIdentity(database.db)).toEqual({ ...fields, hours: null });

    const again = { name: 'Angkor PC 2', phone: '099 888 777', address: 'St 51, Phnom Penh' };
    await Promise.all(Object.entries(again).map(([field, value]) => setField(field, value)));
    expect(await getShopIdentity(database.db)).toEqual({ ...fields, ...again, hours: null });
    const audits = await database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'setting')
      .where('entity_id', '=', 'shop.identity')
      .execute();
    expect(audits).toHaveLength(9);
  });
});
