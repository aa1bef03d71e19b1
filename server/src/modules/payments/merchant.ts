import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { getSetting, setSetting } from '../settings/service';
import { KhqrError, merchantAccountProblems, type MerchantAccount } from './khqr';

/** How long a payment QR can be paid: long enough to open a bank app, short enough to hold stock briefly. */
export const KHQR_LIFETIME_MS = 15 * 60_000;

export const MERCHANT_ACCOUNT_KEY = 'payments.merchant';

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

function parseMerchantAccount(value: unknown): MerchantAccount {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const text = (field: string): string | undefined => {
    const v = record[field];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const account: MerchantAccount = {
    kind: record.kind === 'merchant' ? 'merchant' : 'individual',
    accountId: text('accountId') ?? '',
    name: text('name') ?? '',
    city: text('city') ?? '',
  };
  if (record.kind !== undefined && record.kind !== 'individual' && record.kind !== 'merchant')
    throw new KhqrError(
      `setting ${MERCHANT_ACCOUNT_KEY}: kind must be 'individual' or 'merchant'`,
      0,
      'kind',
    );
  for (const field of ['merchantId', 'acquiringBank', 'storeLabel'] as const) {
    const v = text(field);
    if (v !== undefined) account[field] = v;
  }
  const [field, problem] = Object.entries(merchantAccountProblems(account))[0] ?? [];
  if (field) throw new KhqrError(`setting ${MERCHANT_ACCOUNT_KEY}: ${field} ${problem}`, 0, field);
  return account;
}
