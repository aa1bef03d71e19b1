import type { Db } from '../../db/database';
import { RateLimited } from '../../http/errors';
import { countTowardsTrip, releaseSlot, takeSlot, type Limit, type Slot } from './rate-limit';

/**
 * Who may have a password checked, decided before any hashing (docs/decisions/0002-sign-in-throttling.md).
 *
 * - A browser that signed in to the account before (device cookie) has its own small budget of failures and is
 *   not slowed down by anything else: the owner keeps signing in while the account is attacked.
 * - Anyone else is refused (429) after a few failures at one account from one address: per pair, so an attacker
 *   locks out only themselves.
 * - When one account has had a few failures from unknown devices, or the whole shop has had many (credential
 *   stuffing spreads over accounts and addresses, so no per-pair limit bites), unknown devices must first enter a
 *   code mailed to the account's address; only then is their password hashed. The owner gets in; a guesser gets a
 *   code they never see. The answer is the same `otpRequired` whether or not the address has an account.
 */
export interface SignInPolicy {
  /** Failed password checks of one trusted device at its account. */
  perDevice: Window;
  /** Failed password checks at one account from one client address (unknown devices): then 429. */
  perPair: Window;
  /** Failed password checks at one account from unknown devices: then mailed check first. */
  perAccount: Window;
  /** Failed password checks from unknown devices, shop-wide: then mailed check first for every unknown device. */
  shopWide: Window;
  /** Wrong codes of any kind per account per day: then codes are refused until the day is over or a reset. */
  codesPerDay: number;
  /** Wrong codes per account per day after which the owner is mailed (once a day). */
  alertAfterWrongCodes: number;
  /** Mailed checks per account per hour (each a mail to the owner). */
  checkMailsPerHour: number;
}

export interface Window {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const defaultSignInPolicy: SignInPolicy = {
  perDevice: { max: 10, windowMs: 15 * MINUTE },
  perPair: { max: 5, windowMs: 15 * MINUTE },
  perAccount: { max: 5, windowMs: 15 * MINUTE },
  shopWide: { max: 20, windowMs: 15 * MINUTE },
  codesPerDay: 10,
  alertAfterWrongCodes: 5,
  checkMailsPerHour: 6,
};

/** The account being signed in to, as far as the throttle knows it: the same for known and unknown addresses. */
export interface SignInTarget {
  email: string;
  /** The account's sign-in epoch (0 when there is no account): a completed reset starts its counters afresh. */
  epoch: number;
  ip: string;
  /** The caller's device cookie hash when it belongs to this account and is still valid. */
  trustedDevice: string | null;
  userId: string | null;
}

export type Admission =
  { kind: 'check-password'; knownDevice: boolean; passed(): Promise<void> } | { kind: 'mailed-check-first' };

export const signInLimits = (policy: SignInPolicy) => ({
  device: (deviceHash: string, userId: string): Limit => ({
    bucket: `signin:device:${deviceHash}:${userId}`,
    ...policy.perDevice,
  }),
  pair: (t: SignInTarget): Limit => ({
    bucket: `signin:pair:${t.email}:${t.epoch}:${t.ip}`,
    ...policy.perPair,
  }),
  account: (t: SignInTarget): Limit => ({
    bucket: `signin:acct:${t.email}:${t.epoch}`,
    ...policy.perAccount,
  }),
  shop: (): Limit => ({ bucket: 'signin:shop', ...policy.shopWide }),
  codesPerDay: (accountKey: string, epoch: number): Limit => ({
    bucket: `codes:acct:${accountKey}:${epoch}`,
    max: policy.codesPerDay,
    windowMs: 24 * 60 * MINUTE,
  }),
  codeAlert: (accountKey: string, epoch: number): Limit => ({
    bucket: `codes:alert:${accountKey}:${epoch}`,
    max: 1,
    windowMs: 24 * 60 * MINUTE,
  }),
  checkMails: (email: string): Limit => ({
    bucket: `signin:check-mail:${email}`,
    max: policy.checkMailsPerHour,
    windowMs: 60 * MINUTE,
  }),
});

/**
 * Takes this attempt's slots and says whether its password may be hashed now. Every slot is taken before the
 * hash, so a burst of simultaneous guesses gets no more hashes than the limits allow; a sign-in that succeeds
 * gives its slots back (`passed`).
 */
export async function admitPasswordCheck(
  db: Db,
  policy: SignInPolicy,
  target: SignInTarget,
  now = Date.now(),
): Promise<Admission> {
  const limit = signInLimits(policy);
  const giveBack = (slots: Slot[]) => async () => {
    for (const slot of slots) await releaseSlot(db, slot);
  };
  if (target.trustedDevice && target.userId) {
    const device = await takeSlot(db, limit.device(target.trustedDevice, target.userId), now);
    // A device that used up its own budget is treated like any unknown one.
    if (device.taken) return { kind: 'check-password', knownDevice: true, passed: giveBack([device]) };
  }
  const pair = await takeSlot(db, limit.pair(target), now);
  if (!pair.taken) throw new RateLimited(pair.retryAfterSeconds);
  const account = await countTowardsTrip(db, limit.account(target), now);
  const shop = await countTowardsTrip(db, limit.shop(), now);
  if (account.tripped || shop.tripped) return { kind: 'mailed-check-first' };
  return { kind: 'check-password', knownDevice: false, passed: giveBack([pair, account.slot, shop.slot]) };
}
