import {
  counterPolicySchema,
  DEFAULT_COUNTER_POLICY,
  invoiceVatSettingSchema,
  merchantAccountSchema,
  settingKeys,
  type CounterPolicy,
  type InvoiceVatSetting,
  type MerchantAccountSetting,
  type ShopSettingKey,
  type ShopSettingValue,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { getHoldLimits } from '../orders/hold-limits';
import { getPreOrderPolicy } from '../pre-orders/policy';
import { getRetention } from '../retention/setting';
import { getPricing } from './pricing';
import { fieldsOrDefaults, getSetting, getShopIdentity } from './service';

/** Until the shop says it is VAT-registered, invoices are plain receipts without VAT lines. */
export const DEFAULT_INVOICE_VAT: Readonly<InvoiceVatSetting> = Object.freeze({
  registered: false,
  ratePercent: 10,
  tin: '',
});

/**
 * Each setting as the server uses it today: the stored value with defaults filled in, or null where there is no
 * default (the Bakong account: customers must never pay an account the shop did not enter).
 */
export const currentSetting: {
  [K in ShopSettingKey]: (db: Db | Tx) => Promise<ShopSettingValue<K> | null>;
} = {
  [settingKeys.shopIdentity]: getShopIdentity,
  [settingKeys.pricing]: getPricing,
  [settingKeys.merchantAccount]: async (db): Promise<MerchantAccountSetting | null> => {
    const parsed = merchantAccountSchema.safeParse(await getSetting(db, settingKeys.merchantAccount));
    return parsed.success ? parsed.data : null;
  },
  [settingKeys.invoiceVat]: async (db): Promise<InvoiceVatSetting> => {
    const parsed = invoiceVatSettingSchema.safeParse(await getSetting(db, settingKeys.invoiceVat));
    return parsed.success ? parsed.data : { ...DEFAULT_INVOICE_VAT };
  },
  [settingKeys.holdLimits]: getHoldLimits,
  [settingKeys.counterPolicy]: async (db): Promise<CounterPolicy> =>
    fieldsOrDefaults(
      counterPolicySchema.shape,
      await getSetting(db, settingKeys.counterPolicy),
      DEFAULT_COUNTER_POLICY,
    ),
  [settingKeys.retention]: getRetention,
  [settingKeys.preOrders]: getPreOrderPolicy,
};
