import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Tx } from '../../db/transaction';
import { Invalid, RateLimited } from '../../http/errors';

/**
 * Six-digit codes mailed for email verification and sign-in. Stored hashed, valid 10 minutes, five tries, used
 * once; a new code for the same purpose can be asked for once a minute.
 */
export type OtpPurpose = 'verify_email' | 'login';

export const OTP_LIFETIME_MS = 10 * 60 * 1000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_INTERVAL_MS = 60 * 1000;

function hashCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`).digest('hex');
}

/** Makes a new code (and voids earlier ones of this purpose); the caller mails it inside the same transaction. */
export async function issueOtp(tx: Tx, userId: string, purpose: OtpPurpose, now = Date.now()) {
  const last = await tx
    .selectFrom('otp_challenges')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && now - Number(last.created_at) < OTP_RESEND_INTERVAL_MS) {
    throw new RateLimited(
      Math.ceil((OTP_RESEND_INTERVAL_MS - (now - Number(last.created_at))) / 1000),
      'A code was sent a moment ago. Please check your email or wait a minute before asking again.',
    );
  }
  await tx
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .execute();
  const id = newId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
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
    })
    .execute();
  return { challengeId: id, code };
}

/** The newest open challenge of a user for a purpose (verification by email address has no challenge id). */
export async function latestChallengeId(
  db: Db | Tx,
  userId: string,
  purpose: OtpPurpose,
): Promise<string | null> {
  const row = await db
    .selectFrom('otp_challenges')
    .select('id')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Checks a code and uses it up. Every try counts, right or wrong, through a conditional update, so parallel
 * guesses cannot exceed the limit; the sixth try fails even with the right code.
 */
export async function consumeOtp(
  db: Db,
  challengeId: string,
  purpose: OtpPurpose,
  code: string,
  now = Date.now(),
): Promise<string> {
  const wrong = () =>
    new Invalid('That code is not right, or it has expired. Check the latest email or ask for a new code.', {
      code: 'wrong or expired code',
    });
  const counted = await db
    .updateTable('otp_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', challengeId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', OTP_MAX_ATTEMPTS)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) !== 1) {
    const row = await db
      .selectFrom('otp_challenges')
      .select(['attempts', 'consumed_at'])
      .where('id', '=', challengeId)
      .executeTakeFirst();
    if (row && row.consumed_at === null && Number(row.attempts) >= OTP_MAX_ATTEMPTS) {
      throw new RateLimited(60, 'Too many wrong codes. Ask for a new code.');
    }
    throw wrong();
  }
  const row = await db
    .selectFrom('otp_challenges')
    .select(['user_id', 'code_hash'])
    .where('id', '=', challengeId)
    .executeTakeFirstOrThrow();
  const expected = Buffer.from(row.code_hash, 'hex');
  const given = Buffer.from(hashCode(challengeId, code), 'hex');
  if (!timingSafeEqual(expected, given)) throw wrong();
  const used = await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('id', '=', challengeId)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw wrong();
  return row.user_id;
}
