import { isShopSettingKey, shopSettingSchemas, type ShopSettingKey } from '@shop/shared';
import type { Db } from '../../db/database';
import { currentSetting } from './current';
import { listStoredSettings, type StoredSetting } from './repo';

/** What each setting is for, in the words an owner setting up the shop would use. */
export const SETTING_TITLES: Readonly<Record<ShopSettingKey, string>> = Object.freeze({
  'shop.identity': 'who the shop is: name, contact details, logo (mails, invoices, web shop)',
  'payments.merchant': 'the Bakong account customers pay',
  'orders.pricing': 'exchange rate and delivery fees',
  'invoice.vat': 'VAT on invoices and the TIN',
  'orders.holdLimits':
    'how many unpaid orders and units a customer, browser or address may hold, and for how long',
  'counter.policy':
    "the counters' receipt footer and paper, and how much staff and admins may take off a sale",
  'data.retention':
    'how long sent mails, audit rows and the change feed are kept (orders, payments and stock: for good)',
  'orders.preOrders':
    "pre-orders: a cancelled pre-order's deposit refunded or kept, and how many days arrived stock waits for the rest",
});

export interface SettingOverview {
  key: string;
  /** Null for a setting that is not entered through these commands (another module's). */
  title: string | null;
  /** What the server uses now: the stored value with defaults filled in, secrets hidden. */
  value: unknown;
  stored: boolean;
  updatedAt: number | null;
  /** A stored value that breaks the rules: what is wrong (the server then uses defaults, or takes no payment). */
  problem: string | null;
}

/** Every setting a shop enters, then any other stored one, as the server would use them now. */
export async function settingsOverview(db: Db): Promise<SettingOverview[]> {
  const stored = new Map((await listStoredSettings(db)).map((row) => [row.key, row]));
  const known = await Promise.all(
    (Object.keys(shopSettingSchemas) as ShopSettingKey[]).map((key) => overviewOf(db, key, stored.get(key))),
  );
  const others = [...stored.values()]
    .filter((row) => !isShopSettingKey(row.key))
    .map((row): SettingOverview => ({
      key: row.key,
      title: null,
      value: hideSecrets(row.value),
      stored: true,
      updatedAt: row.updatedAt,
      problem: row.value === undefined ? 'not readable JSON' : null,
    }));
  return [...known, ...others];
}

async function overviewOf(
  db: Db,
  key: ShopSettingKey,
  row: StoredSetting | undefined,
): Promise<SettingOverview> {
  const checked = row ? shopSettingSchemas[key].safeParse(row.value) : undefined;
  const issue = checked && !checked.success ? checked.error.issues[0] : undefined;
  return {
    key,
    title: SETTING_TITLES[key],
    value: hideSecrets(await currentSetting[key](db)),
    stored: row !== undefined,
    updatedAt: row?.updatedAt ?? null,
    problem: issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : null,
  };
}

const SECRET_FIELD = /token|secret|password|passphrase|private|api.?key/i;

/**
 * A copy with every field whose name says it is a secret replaced by a mark, so a listing can be pasted into a
 * support chat or a screen shared. Secrets the back office stores are sealed (secrets/secret-box.ts) under such names
 * (`sealedToken`, `sealedPassword`), so not even their sealed text is shown.
 */
export function hideSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideSecrets);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [
      field,
      SECRET_FIELD.test(field) && inner !== null && inner !== '' ? '(hidden)' : hideSecrets(inner),
    ]),
  );
}
