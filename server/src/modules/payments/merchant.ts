import { merchantAccountSchema, settingKeys } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { getSetting, setSetting } from '../settings/service';
import { KhqrError, type MerchantAccount } from './khqr';

/** How long a payment QR can be paid: long enough to open a bank app, short enough to hold stock briefly. */
export const KHQR_LIFETIME_MS = 15 * 60_000;

export const MERCHANT_ACCOUNT_KEY = settingKeys.merchantAccount;

/** Until the shop enters its own account: fine with the Bakong stand-in, never with real money. */
export const DEMO_MERCHANT_ACCOUNT: Readonly<MerchantAccount> = Object.freeze({
  kind: 'individual',
  accountId: 'computershop@aclb',
  name: 'Computer Shop',
  city: 'Phnom Penh',
});

/**
 * The Bakong account payments go to (setting `payments.merchant`). When none is stored, the demo account, unless
 * `allowDemo` is false (pass `config.bakong.standin`: with real Bakong, customers would pay a stranger's account).
 * A stored but unusable account throws rather than falling back: money must never silently go elsewhere.
 */
export async function getMerchantAccount(
  db: Db | Tx,
  options: { allowDemo?: boolean } = {},
): Promise<MerchantAccount> {
  const stored = await getSetting(db, MERCHANT_ACCOUNT_KEY);
  if (stored === undefined) {
    if (options.allowDemo === false)
      throw new KhqrError(
        `the shop's Bakong account is not set up (setting ${MERCHANT_ACCOUNT_KEY}): no payment QR can be made`,
      );
    return { ...DEMO_MERCHANT_ACCOUNT };
  }
  return parseMerchantAccount(stored);
}

/** Stores the shop's Bakong account after checking it fits a KHQR. */
export async function setMerchantAccount(tx: Tx, account: MerchantAccount): Promise<MerchantAccount> {
  const clean = parseMerchantAccount(account);
  await setSetting(tx, MERCHANT_ACCOUNT_KEY, clean);
  return clean;
}

/** The stored account by the shared rules (those `npm run shop -- set-merchant` applies); the first problem throws. */
function parseMerchantAccount(value: unknown): MerchantAccount {
  const parsed = merchantAccountSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'value';
  throw new KhqrError(`setting ${MERCHANT_ACCOUNT_KEY}: ${field} ${issue.message}`, 0, field);
}
