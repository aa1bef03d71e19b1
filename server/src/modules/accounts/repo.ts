import type { Role, UserStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { containsText } from '../../db/like';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';
import type { PasswordResetTable, UserTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { SignUpChoices } from './codes';

/**
 * The SQL of accounts and their password reset links. Sessions and trusted browsers are in sessions-repo.ts,
 * mailed codes in codes-repo.ts, rate-limit windows in rate-limit-repo.ts, addresses in addresses-repo.ts.
 */

export function findUserByEmail(db: Db | Tx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db | Tx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An account that must exist (throws Kysely's NoResultError otherwise). */
export function getUserById(db: Db | Tx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertUser(db: Db | Tx, row: UserTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(
  db: Db | Tx,
  id: string,
  changes: Partial<Omit<UserTable, 'id'>>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** A page of accounts, newest first, and how many match in all. */
export async function pageOfUsers(
  db: Db,
  filter: { role?: Role | undefined; status?: UserStatus | undefined; q?: string | undefined },
  page: PageRequest,
): Promise<PageOf<UserTable>> {
  let base = db.selectFrom('users');
  if (filter.role) base = base.where('role', '=', filter.role);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.q) {
    // A small table searched by staff: a LIKE scan is fine here, unlike the catalog.
    const text = filter.q.toLowerCase();
    base = base.where((eb) =>
      eb.or([
        containsText(eb.fn('lower', ['email']), text),
        containsText(eb.fn('lower', ['name']), text),
        containsText(eb.ref('phone'), text),
      ]),
    );
  }
  return pageOf(base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'), base, page);
}

/**
 * The account row of a first sign-up attempt. It holds no usable password: each attempt's password waits on its
 * own code (codes.ts) and only the attempt whose code is entered sets it.
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
  await insertUser(tx, user);
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

export async function insertPasswordReset(tx: Tx, row: PasswordResetTable): Promise<void> {
  await tx.insertInto('password_resets').values(row).execute();
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
