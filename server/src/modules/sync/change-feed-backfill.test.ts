import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingKeys } from '@shop/shared';
import { openTestDatabase } from '../../../test/support';
import type { ShopDatabase } from '../../db/database';
import { newId } from '../../db/ids';
import { up as backfill } from '../../db/migrations/017-feed-backfill';
import { insertUser } from '../accounts/repo';
import { feedHead, readChanges } from './change-log';
import { withCurrentData } from './feed-data';

/**
 * Migration 017: accounts and settings made before the change feed carried them reach a counter's first pull.
 * The database is put back as it was before 017 (its feed without them, the migration not applied), then migrated.
 */
let database: ShopDatabase & { drop(): Promise<void> };
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.drop());

function anAccount(role: string, status: string) {
  const now = Date.now();
  return {
    id: newId(),
    email: `${role}-${status}-${newId().toLowerCase()}@example.test`,
    name: `${role} ${status}`,
    role,
    status,
    password_hash: '',
    phone: role === 'customer' ? '012 345 678' : null,
    locale: 'en',
    otp_login: 0,
    email_verified_at: status === 'unverified' ? null : now,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
}

describe('017-feed-backfill', () => {
  it('records every active customer, every staff member and admin, and each setting a counter uses', async () => {
    const { db } = database;
    await db.deleteFrom('change_log').execute();
    const accounts = {
      customer: anAccount('customer', 'active'),
      disabledCustomer: anAccount('customer', 'disabled'),
      unverified: anAccount('customer', 'unverified'),
      staff: anAccount('staff', 'active'),
      disabledAdmin: anAccount('admin', 'disabled'),
    };
    for (const account of Object.values(accounts)) await insertUser(db, account);
    const head = await feedHead(db);

    // The migration itself, run again on the current schema (later migrations sit after it in the record).
    await backfill(db);

    const page = await readChanges(db, head, 100);
    expect(page.changes[0]!.seq).toBe(head + 1);
    expect(page.changes.map((c) => `${c.entity}:${c.entityId}`).sort()).toEqual(
      [
        `customer:${accounts.customer.id}`,
        `staff:${accounts.staff.id}`,
        `staff:${accounts.disabledAdmin.id}`,
        // The settings counters used when 017 was released (later ones enter the feed when a shop sets them).
        ...[
          settingKeys.shopIdentity,
          settingKeys.pricing,
          settingKeys.invoiceVat,
          settingKeys.merchantAccount,
        ].map((key) => `setting:${key}`),
      ].sort(),
    );
    const withData = await withCurrentData(db, page.changes);
    const dataOf = (id: string) => withData.find((c) => c.entityId === id)!.data;
    expect(dataOf(accounts.customer.id)).toEqual({
      id: accounts.customer.id,
      name: 'customer active',
      phone: '012 345 678',
      email: accounts.customer.email,
    });
    expect(dataOf(accounts.disabledAdmin.id)).toMatchObject({ role: 'admin', active: false });
    expect(dataOf(settingKeys.invoiceVat)).toEqual({
      key: settingKeys.invoiceVat,
      value: { registered: false, ratePercent: 10, tin: '' },
    });
    // Nothing stored yet: a counter must not make a static KHQR of an account the shop never entered.
    expect(dataOf(settingKeys.merchantAccount)).toEqual({ key: settingKeys.merchantAccount, value: null });
    expect(await feedHead(db)).toBe(head + page.changes.length);
  });
});
