import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { UserTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { SignUpChoices } from './otp';

/** The accounts queries the sign-up, sign-in and reset services share. */

export function findUserByEmail(db: Db | Tx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db | Tx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The account row of a first sign-up attempt. It holds no usable password: each attempt's password waits on its
 * own code (otp.ts) and only the attempt whose code is entered sets it.
 */
export async function insertUnverifiedUser(
  tx: Tx,
  email: string,
  choices: SignUpChoices,
  now = Date.now(),
): Promise<UserTable> {
  const user: UserTable = {
    id: newId(),
    email,
    name: choices.name,
    role: 'customer',
    status: 'unverified',
    password_hash: '',
    phone: null,
    locale: choices.locale,
    otp_login: 0,
    email_verified_at: null,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('users').values(user).execute();
  return user;
}

/** Activates an account with what the verified sign-up attempt chose (an attempt from before these were kept: as is). */
export async function activateUser(
  tx: Tx,
  userId: string,
  choices: SignUpChoices | null,
  now = Date.now(),
): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      ...(choices && { password_hash: choices.passwordHash, name: choices.name, locale: choices.locale }),
      status: 'active',
      email_verified_at: now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/** An unused, unexpired reset link by its token's hash. */
export function findOpenReset(db: Db, tokenHash: string, now = Date.now()) {
  return db
    .selectFrom('password_resets')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Uses a reset link; false when it was used (or expired) meanwhile. */
export async function useReset(tx: Tx, resetId: string, now = Date.now()): Promise<boolean> {
  const used = await tx
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', resetId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** Other unused links of an account die with a reset or a completed sign-up. */
export async function voidResets(tx: Tx, userId: string, now = Date.now()): Promise<void> {
  await tx
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/**
 * A new password from a mailed reset link: the link proves the address (an unverified account becomes active, with
 * the name and language `firstProfile` the service worked out), and the sign-in epoch moves on, so every throttle
 * counter of the account starts afresh.
 */
export async function setPasswordFromReset(
  tx: Tx,
  user: Pick<UserTable, 'id' | 'status' | 'email_verified_at'>,
  passwordHash: string,
  firstProfile: Pick<UserTable, 'name' | 'locale'> | null,
  now = Date.now(),
): Promise<void> {
  await tx
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      ...(user.status === 'unverified' && firstProfile),
      status: user.status === 'unverified' ? 'active' : user.status,
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
      email_verified_at: user.email_verified_at ?? now,
      sign_in_epoch: eb('sign_in_epoch', '+', 1),
    }))
    .where('id', '=', user.id)
    .execute();
}

export async function setPassword(tx: Tx, userId: string, passwordHash: string, now = Date.now()) {
  await tx
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
