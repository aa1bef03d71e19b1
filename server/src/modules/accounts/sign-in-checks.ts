import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import type { UserTable } from '../../db/schema';
import {
  codeMatches,
  countTry,
  hashCode,
  newCode,
  OTP_LIFETIME_MS,
  OTP_MAX_ATTEMPTS,
  OTP_RESEND_INTERVAL_MS,
} from './codes';
import { findCheckOfAccount, insertSignInCheck, replaceSignInCheck } from './codes-repo';
import { mailUser } from './mail-user';
import { takeSlot, type Limit } from './rate-limit';

/**
 * The mailed check that comes before a password is hashed while sign-ins from unknown devices are throttled
 * (sign-in-throttle.ts). One check at a time per address, kept whether or not the address has an account (only an
 * active account's owner is mailed its code), so every answer and every later try behaves the same for both:
 * the guesser learns nothing and gets no hash. Everyone signing in to one address in those minutes shares the
 * check; a used-up or expired one is renewed at most once a minute and a few times an hour (each is a mail).
 */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(`account:${email}`).digest('hex');
}

type Account = Pick<UserTable, 'id' | 'email' | 'name' | 'locale' | 'status'>;

/** The id of the address's live check, renewing (and mailing) it when it can no longer be used. */
export async function openSignInCheck(
  db: Db,
  input: { email: string; user: Account | null; mailLimit: Limit; resetUrl: string },
  now = Date.now(),
): Promise<string> {
  const accountKey = accountKeyOf(input.email);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await findCheckOfAccount(db, accountKey);
    const usable =
      current &&
      current.consumed_at === null &&
      Number(current.expires_at) > now &&
      Number(current.attempts) < OTP_MAX_ATTEMPTS;
    // A used-up or expired check waits a minute before the next mail; one the owner got in with is renewed at once.
    const recent =
      current && current.consumed_at === null && now - Number(current.created_at) < OTP_RESEND_INTERVAL_MS;
    if (current && (usable || recent)) return current.id;
    if (current && !(await takeSlot(db, input.mailLimit, now)).taken) return current.id;
    if (!current) await takeSlot(db, input.mailLimit, now);
    const renewed = await renew(db, accountKey, current?.id ?? null, input, now);
    if (renewed) return renewed;
    // Another request renewed it at the same moment: use theirs.
  }
  throw new Error('sign-in check could not be opened');
}

async function renew(
  db: Db,
  accountKey: string,
  previousId: string | null,
  input: { user: Account | null; resetUrl: string },
  now: number,
): Promise<string | null> {
  const id = newId();
  const code = newCode();
  const row = {
    id,
    user_id: input.user?.id ?? null,
    code_hash: hashCode(id, code),
    attempts: 0,
    expires_at: now + OTP_LIFETIME_MS,
    consumed_at: null,
    created_at: now,
  };
  return inTransaction(db, async (tx) => {
    if (previousId === null) {
      try {
        await insertSignInCheck(tx, { account_key: accountKey, ...row });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    } else {
      if (!(await replaceSignInCheck(tx, accountKey, previousId, row))) return null;
    }
    if (input.user?.status === 'active')
      await mailUser(tx, input.user, 'sign-in-check', { code, resetUrl: input.resetUrl });
    return id;
  });
}

/** Counts one try at the check before its code is compared (see countTry in codes.ts). */
export function countCheckTry(db: Db, id: string, now = Date.now()) {
  return countTry(db, 'sign_in_checks', id, now);
}

export function checkCodeMatches(check: { id: string; code_hash: string }, code: string): boolean {
  return codeMatches(check.id, check.code_hash, code);
}
