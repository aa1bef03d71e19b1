import { settingKeys, type ShopSettingKey } from '@shop/shared';

/**
 * The settings a counter keeps a copy of, and so the ones the change feed carries (entity `setting`, id = the key):
 * who the shop is (receipts), its riel rate (cash in two currencies), VAT (tax invoices) and its Bakong account (a
 * static KHQR when offline: account, name, city and merchant ids only; the Bakong API token is configuration and
 * never a setting) and the counter policy (receipt footer and paper, discount limits per role). Hold limits are the
 * web shop's business and stay on the server.
 *
 * A key added here later needs no backfill of the feed (017-feed-backfill recorded the first four for existing
 * shops): until the shop sets it, the server answers the shared default, which is also what a counter uses before
 * it pulled any; the first `set-…` records its change through setSetting.
 */
export const counterSettingKeys: readonly ShopSettingKey[] = [
  settingKeys.shopIdentity,
  settingKeys.pricing,
  settingKeys.invoiceVat,
  settingKeys.merchantAccount,
  settingKeys.counterPolicy,
];

export function isCounterSetting(key: string): key is ShopSettingKey {
  return (counterSettingKeys as readonly string[]).includes(key);
}
