import type { Db } from '../../db/database';
import type { OtpChallengeTable, SignInCheckTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { OtpPurpose } from './codes';

/**
 * The SQL of mailed codes: sign-up and second-factor challenges (`otp_challenges`, codes.ts) and the sign-in checks
 * asked for before a password is hashed (`sign_in_checks`, sign-in-checks.ts). Codes are stored only as hashes.
 */

/** Mailed codes of either kind share the columns that count tries. */
export type CodeTable = 'otp_challenges' | 'sign_in_checks';

export async function insertChallenge(tx: Tx, row: OtpChallengeTable): Promise<void> {
  await tx.insertInto('otp_challenges').values(row).execute();
}

/** When the newest sign-in code of an account was made, if it ever had one. */
export async function lastLoginCodeAt(tx: Tx, userId: string): Promise<number | undefined> {
  const last = await tx
    .selectFrom('otp_challenges')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('purpose', '=', 'login')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? Number(last.created_at) : undefined;
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

/** Adds a try to an open code that has tries left: a conditional update, so parallel guesses cannot overrun. */
export async function addTryIfOpen(
  db: Db,
  table: CodeTable,
  id: string,
  maxTries: number,
  now: number,
): Promise<boolean> {
  const counted = await db
    .updateTable(table)
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxTries)
    .executeTakeFirst();
  return Number(counted.numUpdatedRows) === 1;
}

/** How far a code of either kind got: tries, whether it was used, when it expires. */
export function findCodeState(db: Db, table: CodeTable, id: string) {
  return db
    .selectFrom(table)
    .select(['attempts', 'consumed_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
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

export type LoginChallenge = NonNullable<Awaited<ReturnType<typeof findLoginChallenge>>>;

/** Sign-up codes of an account neither used nor voided and made after `since`, newest first. */
export async function findOpenSignUpCodes(db: Db | Tx, userId: string, since: number) {
  const rows = await db
    .selectFrom('otp_challenges')
    .select([
      'id',
      'code_hash',
      'attempt_hash',
      'password_hash',
      'name',
      'locale',
      'expires_at',
      'created_at',
    ])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'verify_email')
    .where('consumed_at', 'is', null)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    ...row,
    expires_at: Number(row.expires_at),
    created_at: Number(row.created_at),
  }));
}

/** The sign-in check of an address (live or not): there is at most one per address. */
export function findCheckOfAccount(db: Db, accountKey: string) {
  return db.selectFrom('sign_in_checks').selectAll().where('account_key', '=', accountKey).executeTakeFirst();
}

/** Throws a unique violation when another request opened the address's first check at the same moment. */
export async function insertSignInCheck(tx: Tx, row: SignInCheckTable): Promise<void> {
  await tx.insertInto('sign_in_checks').values(row).execute();
}

/** Replaces the address's check `previousId` with a new one; false when another request replaced it first. */
export async function replaceSignInCheck(
  tx: Tx,
  accountKey: string,
  previousId: string,
  row: Omit<SignInCheckTable, 'account_key'>,
): Promise<boolean> {
  const replaced = await tx
    .updateTable('sign_in_checks')
    .set(row)
    .where('account_key', '=', accountKey)
    .where('id', '=', previousId)
    .executeTakeFirst();
  return Number(replaced.numUpdatedRows) === 1;
}

export function findSignInCheck(db: Db, id: string) {
  return db
    .selectFrom('sign_in_checks')
    .select(['id', 'account_key', 'user_id', 'code_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type SignInCheck = NonNullable<Awaited<ReturnType<typeof findSignInCheck>>>;

/** Uses the check up once someone got in with it; false when another request did first. */
export async function closeSignInCheck(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const closed = await db
    .updateTable('sign_in_checks')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) === 1;
}
