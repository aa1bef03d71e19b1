import { describe, expect, it } from 'vitest';
import { merchantAccountLimits, merchantAccountSchema } from '@shop/shared';
import {
  buildKhqr,
  decodeKhqr,
  KHQR_LIMITS,
  merchantAccountProblems,
  type MerchantAccount,
} from '../payments/khqr';

/**
 * The shared rules `npm run shop -- set-merchant` (and later the back office) check an account against must accept
 * exactly what the KHQR builder can put in a QR: an account that passes one and fails the other would be stored
 * and then stop every payment, or be refused though it works.
 */
const longest: MerchantAccount = {
  kind: 'merchant',
  accountId: `${'a'.repeat(merchantAccountLimits.accountId - 5)}@aclb`,
  name: 'ក'.repeat(merchantAccountLimits.name),
  city: 'ភ'.repeat(merchantAccountLimits.city),
  merchantId: '9'.repeat(merchantAccountLimits.merchantId),
  // Not the longest alone: account id, merchant id and bank share one QR field of 87 characters.
  acquiringBank: 'B'.repeat(87 - merchantAccountLimits.accountId - merchantAccountLimits.merchantId),
  storeLabel: 'ស'.repeat(merchantAccountLimits.storeLabel),
};

describe('the Bakong account rules', () => {
  it('share their lengths with the KHQR builder', () => {
    expect(merchantAccountLimits).toMatchObject({
      accountId: KHQR_LIMITS.accountId,
      name: KHQR_LIMITS.name,
      city: KHQR_LIMITS.city,
      merchantId: KHQR_LIMITS.merchantId,
      acquiringBank: KHQR_LIMITS.acquiringBank,
      storeLabel: KHQR_LIMITS.label,
    });
  });

  it('accept the longest account a QR can carry, and the QR names it', () => {
    const account = merchantAccountSchema.parse(longest);
    expect(merchantAccountProblems(account)).toEqual({});
    const { qr } = buildKhqr({
      account,
      currency: 'USD',
      amountMinor: 100,
      billNumber: 'WEB-1',
      expiresAt: Date.now() + 60_000,
    });
    expect(decodeKhqr(qr)).toMatchObject({
      kind: 'merchant',
      accountId: longest.accountId,
      merchantName: longest.name,
    });
  });

  it.each([
    ['accountId', { accountId: `${'a'.repeat(merchantAccountLimits.accountId - 4)}@aclb` }],
    ['accountId', { accountId: 'no-bank' }],
    ['name', { name: 'ក'.repeat(merchantAccountLimits.name + 1) }],
    ['city', { city: 'P'.repeat(merchantAccountLimits.city + 1) }],
    ['merchantId', { merchantId: '9'.repeat(merchantAccountLimits.merchantId + 1) }],
    ['merchantId', { merchantId: undefined }],
    ['acquiringBank', { acquiringBank: undefined }],
    ['storeLabel', { storeLabel: 'S'.repeat(merchantAccountLimits.storeLabel + 1) }],
  ] as const)('refuse what the builder refuses: %s in %j', (field, change) => {
    const account = { ...longest, ...change };
    expect(Object.keys(merchantAccountProblems(account))).toEqual([field]);
    expectRefused(account, field);
  });

  it('refuse an account id, merchant id and bank too long together for one QR, which the builder cannot make', () => {
    const account = { ...longest, acquiringBank: `${longest.acquiringBank}B` };
    expect(() =>
      buildKhqr({
        account,
        currency: 'USD',
        amountMinor: 100,
        billNumber: 'WEB-1',
        expiresAt: Date.now() + 60_000,
      }),
    ).toThrow('KHQR provided is invalid');
    expectRefused(account, 'merchantId');
  });
});

function expectRefused(account: MerchantAccount, field: string): void {
  const result = merchantAccountSchema.safeParse(account);
  expect(result.success).toBe(false);
  expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
}
