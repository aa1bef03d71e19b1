import { fieldsOrDefaults, settingKeys, shopIdentitySchema, type ShopIdentity } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { recordChanges } from '../sync/change-log';
import { isCounterSetting } from '../sync/counter-settings';
import { findSettingValue, saveSetting } from './repo';

export type { ShopIdentity };
// Where the server's setting readers have always found it; the rule itself is shared with the counters.
export { fieldsOrDefaults };

export const SHOP_IDENTITY_KEY = settingKeys.shopIdentity;

export const DEFAULT_SHOP_IDENTITY: Readonly<ShopIdentity> = Object.freeze({
  name: 'Computer Shop',
  nameKm: 'ហាងកុំព្យូទ័រ',
  logoUrl: null,
  supportEmail: null,
  phone: null,
  address: null,
  hours: null,
});

/** One setting's stored value (parsed JSON), or undefined when it was never set or is unreadable. */
export async function getSetting(db: Db | Tx, key: string): Promise<unknown> {
  return findSettingValue(db, key);
}

/**
 * The shop's name, logo and contact details, each field falling back to its default when absent or breaking the
 * shared rules (a row written by hand must not put an empty name or a bad link into every mail).
 */
export async function getShopIdentity(db: Db | Tx): Promise<ShopIdentity> {
  return fieldsOrDefaults(
    shopIdentitySchema.shape,
    await getSetting(db, SHOP_IDENTITY_KEY),
    DEFAULT_SHOP_IDENTITY,
  );
}

/**
 * Creates or replaces one setting (stored as JSON). One atomic statement on each dialect: `on duplicate key
 * update` on MySQL, `on conflict do update` on SQLite (Kysely's onConflict is invalid SQL on MySQL: see
 * docs/database-dialects.md, "Upserts").
 */
export async function setSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  const valueJson = JSON.stringify(value);
  if (valueJson === undefined) throw new TypeError(`setting ${key}: value is not JSON-serializable`);
  const now = Date.now();
  await saveSetting(tx, { key, value_json: valueJson, updated_at: now });
  // Every writer of a setting comes through here (the settings page, `npm run shop -- set-…`, the merchant
  // account): the counters' copy can never miss a change.
  if (isCounterSetting(key))
    await recordChanges(tx, [{ entity: 'setting', entityId: key, operation: 'upsert' }], now);
}
