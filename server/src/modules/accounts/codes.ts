import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { UserTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Invalid, RateLimited } from '../../http/errors';
import {
  addTryIfOpen,
  findCodeState,
  insertChallenge,
  lastLoginCodeAt,
  voidCodes,
  type CodeTable,
} from './codes-repo';
import { mailUser } from './mail-user';
import { releaseSlot, slotsTaken, takeSlot, type Slot } from './rate-limit';
import { signInLimits, type SignInPolicy } from './sign-in-throttle';

/**
 * Six-digit codes mailed for email verification and sign-in, and the daily budget of wrong codes that every kind
 * of mailed code (these and the sign-in checks of sign-in-checks.ts) draws on. Stored hashed, valid 10 minutes, five tries, used
 * once. A sign-in code voids the earlier one and can be asked for once a minute. A sign-up code belongs to its
 * sign-up attempt: it carries what that attempt chose (password hash, name, language) and the browser that made it
 * (sign-up-attempts.ts), and earlier attempts' codes stay valid for their own choices until one of them is entered.
 */
export type OtpPurpose = 'verify_email' | 'login';

export const OTP_LIFETIME_MS = 10 * 60 * 1000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_INTERVAL_MS = 60 * 1000;

export interface SignUpChoices {
  passwordHash: string;
  name: string;
  locale: string;
}

export function hashCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`).digest('hex');
}

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Compares in constant time what was entered with the stored hash of a challenge's code. */
export function codeMatches(challengeId: string, codeHash: string, code: string): boolean {
  return timingSafeEqual(Buffer.from(codeHash, 'hex'), Buffer.from(hashCode(challengeId, code), 'hex'));
}

export const wrongCode = () =>
  new Invalid('That code is not right, or it has expired. Check the latest email or ask for a new code.', {
    code: 'wrong or expired code',
  });

export const tooManyWrongCodes = () => new RateLimited(60, 'Too many wrong codes. Ask for a new code.');

/** Makes a new sign-in code (and voids the earlier one); the caller mails it inside the same transaction. */
export async function issueLoginCode(tx: Tx, userId: string, now = Date.now()) {
  const last = await lastLoginCodeAt(tx, userId);
  if (last !== undefined && now - last < OTP_RESEND_INTERVAL_MS) {
    throw new RateLimited(
      Math.ceil((OTP_RESEND_INTERVAL_MS - (now - last)) / 1000),
      'A code was sent a moment ago. Please check your email or wait a minute before asking again.',
    );
  }
  await voidCodes(tx, userId, 'login', now);
  return newChallenge(tx, userId, 'login', { choices: null, hash: null }, now);
}

/**
 * A code for one sign-up attempt, carrying that attempt's choices (null: an account from before attempts kept
 * them, whose row holds them) and the hash of the attempt token of the browser that made it (sign-up-attempts.ts).
 */
export function issueSignUpCode(
  tx: Tx,
  userId: string,
  attempt: { choices: SignUpChoices | null; hash: string | null },
  now = Date.now(),
) {
  return newChallenge(tx, userId, 'verify_email', attempt, now);
}

/**
 * Counts one try at a challenge before its code is compared, through a conditional update, so parallel guesses
 * cannot exceed the limit: the sixth try fails even with the right code.
 */
export function countCodeTry(db: Db, challengeId: string, now = Date.now()) {
  return countTry(db, 'otp_challenges', challengeId, now);
}

/** One try at a mailed code of `table`, counted before the code is compared: 'used-up' after five. */
export async function countTry(
  db: Db,
  table: CodeTable,
  id: string,
  now = Date.now(),
): Promise<'counted' | 'used-up' | 'gone'> {
  if (await addTryIfOpen(db, table, id, OTP_MAX_ATTEMPTS, now)) return 'counted';
  const row = await findCodeState(db, table, id);
  const open = row && row.consumed_at === null && Number(row.expires_at) > now;
  return open && Number(row.attempts) >= OTP_MAX_ATTEMPTS ? 'used-up' : 'gone';
}

/**
 * A day's budget of wrong codes per account, over every kind of code (sign-up, sign-in, mailed check): five tries
 * per code and a new code a minute would otherwise allow thousands of guesses a day. The try takes its slot before
 * the code is compared and gives it back when the code was right. When wrong codes keep coming, the owner is
 * mailed once that day.
 */
export interface CodeAccount {
  /** accountKeyOf(address): the same for addresses with and without an account. */
  key: string;
  epoch: number;
  /** The owner to warn; null for an address without an active account. */
  owner: Pick<UserTable, 'email' | 'name' | 'locale' | 'status'> | null;
}

export async function takeCodeTry(
  db: Db,
  policy: SignInPolicy,
  account: CodeAccount,
  now = Date.now(),
): Promise<Slot> {
  const slot = await takeSlot(db, signInLimits(policy).codesPerDay(account.key, account.epoch), now);
  if (!slot.taken)
    throw new RateLimited(
      slot.retryAfterSeconds,
      'Too many wrong codes today. Try again tomorrow, sign in on a device you used before, or reset your password.',
    );
  return slot;
}

export const codeWasRight = (db: Db, slot: Slot) => releaseSlot(db, slot);

/** Keeps the wrong try counted, and mails the owner once a day when the wrong codes reach the alert level. */
export async function codeWasWrong(
  db: Db,
  policy: SignInPolicy,
  account: CodeAccount,
  input: { resetUrl: string },
  now = Date.now(),
): Promise<void> {
  const limit = signInLimits(policy);
  const { owner } = account;
  if (owner?.status !== 'active') return;
  const wrongCodes = await slotsTaken(db, limit.codesPerDay(account.key, account.epoch), now);
  if (wrongCodes < policy.alertAfterWrongCodes) return;
  await inTransaction(db, async (tx) => {
    // The alert's own slot (one a day) is taken in the mail's transaction: exactly one mail, however many race.
    const once = await takeSlot(tx, limit.codeAlert(account.key, account.epoch), now);
    if (once.taken) await mailUser(tx, owner, 'codes-failing', { wrongCodes, resetUrl: input.resetUrl });
  });
}

async function newChallenge(
  tx: Tx,
  userId: string,
  purpose: OtpPurpose,
  { choices, hash }: { choices: SignUpChoices | null; hash: string | null },
  now: number,
) {
  const id = newId();
  const code = newCode();
  await insertChallenge(tx, {
    id,
    user_id: userId,
    purpose,
    code_hash: hashCode(id, code),
    attempts: 0,
    expires_at: now + OTP_LIFETIME_MS,
    consumed_at: null,
    created_at: now,
    password_hash: choices?.passwordHash ?? null,
    name: choices?.name ?? null,
    locale: choices?.locale ?? null,
    attempt_hash: hash,
  });
  return { challengeId: id, code };
}
