import type { Db } from '../../db/database';
import type { SessionTable, TrustedDeviceTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of sessions (sessions.ts) and of the browsers an account trusts (devices.ts); tokens only as hashes. */

export async function insertSession(db: Db | Tx, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session of an active account by its token's hash, with who it belongs to. */
export function findLiveSession(db: Db, tokenHash: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.last_seen_at',
      'users.id',
      'users.email',
      'users.name',
      'users.role',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

/** Slides a session's expiry on. */
export async function touchSession(db: Db, sessionId: string, now: number, expiresAt: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

/** Deletes one session of a user; false when there was none (another user's id included). */
export async function deleteSession(db: Db | Tx, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deletes every session of a user, or every one but `except`. */
export async function deleteSessionsOf(db: Db | Tx, userId: string, except?: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(except !== undefined, (q) => q.where('id', '!=', except!))
    .execute();
}

/** A user's unexpired sessions, the most recently used first. */
export function listLiveSessions(db: Db, userId: string, now: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function isDeviceTrusted(
  db: Db,
  tokenHash: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('trusted_devices')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves a trusted device's expiry on; false when the account does not trust it yet. */
export async function renewTrustedDevice(
  tx: Tx,
  tokenHash: string,
  userId: string,
  now: number,
  expiresAt: number,
): Promise<boolean> {
  const renewed = await tx
    .updateTable('trusted_devices')
    .set({ last_used_at: now, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) > 0;
}

/** Throws a unique violation when the same browser was trusted at the same moment by another request. */
export async function insertTrustedDevice(tx: Tx, row: TrustedDeviceTable): Promise<void> {
  await tx.insertInto('trusted_devices').values(row).execute();
}

export async function deleteTrustedDevicesOf(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom('trusted_devices').where('user_id', '=', userId).execute();
}
