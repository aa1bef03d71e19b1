import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Tx } from '../../db/transaction';
import { Invalid, RateLimited } from '../../http/errors';

/**
 * Six-digit codes mailed for email verification and sign-in. Stored hashed, valid 10 minutes, five tries, used
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
  const last = await tx
    .selectFrom('otp_challenges')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('purpose', '=', 'login')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && now - Number(last.created_at) < OTP_RESEND_INTERVAL_MS) {
    throw new RateLimited(
      Math.ceil((OTP_RESEND_INTERVAL_MS - (now - Number(last.created_at))) / 1000),
      'A code was sent a moment ago. Please check your email or wait a minute before asking again.',
    );
  }
  await voidCodes(tx, userId, 'login', now);
  return insertChallenge(tx, userId, 'login', { choices: null, hash: null }, now);
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
  return insertChallenge(tx, userId, 'verify_email', attempt, now);
}

/** Uses up every open code of a purpose (a sign-up that went through takes its other attempts with it). */
export async function voidCodes(
  tx: Tx,
  userId: string,
  purpose: OtpPurpose,
  now = Date.now(),
): Promise<void> {
  await tx
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .execute();
}

/**
 * Counts one try at a challenge before its code is compared, through a conditional update, so parallel guesses
 * cannot exceed the limit: the sixth try fails even with the right code.
 */
export function countCodeTry(db: Db, challengeId: string, now = Date.now()) {
  return countTry(db, 'otp_challenges', challengeId, now);
}

/** Mailed codes of either kind: sign-up and second-factor challenges, and sign-in checks (sign-in-checks.ts). */
export type CodeTable = 'otp_challenges' | 'sign_in_checks';

/** One try at a mailed code of `table`, counted before the code is compared: 'used-up' after five. */
export async function countTry(
  db: Db,
  table: CodeTable,
  id: string,
  now = Date.now(),
): Promise<'counted' | 'used-up' | 'gone'> {
  const counted = await db
    .updateTable(table)
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', OTP_MAX_ATTEMPTS)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) === 1) return 'counted';
  const row = await db
    .selectFrom(table)
    .select(['attempts', 'consumed_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  const open = row && row.consumed_at === null && Number(row.expires_at) > now;
  return open && Number(row.attempts) >= OTP_MAX_ATTEMPTS ? 'used-up' : 'gone';
}

/** Marks a challenge used; false when another request used it first. */
export async function markUsed(db: Db | Tx, challengeId: string, now = Date.now()): Promise<boolean> {
  const used = await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('id', '=', challengeId)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** An open sign-in code and its account. */
export function findLoginChallenge(db: Db, challengeId: string) {
  return db
    .selectFrom('otp_challenges')
    .innerJoin('users', 'users.id', 'otp_challenges.user_id')
    .select([
      'otp_challenges.id',
      'otp_challenges.code_hash',
      'users.id as userId',
      'users.email',
      'users.sign_in_epoch',
    ])
    .where('otp_challenges.id', '=', challengeId)
    .where('otp_challenges.purpose', '=', 'login')
    .executeTakeFirst();
}

async function insertChallenge(
  tx: Tx,
  userId: string,
  purpose: OtpPurpose,
  { choices, hash }: { choices: SignUpChoices | null; hash: string | null },
  now: number,
) {
  const id = newId();
  const code = newCode();
  await tx
    .insertInto('otp_challenges')
    .values({
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
    })
    .execute();
  return { challengeId: id, code };
}
