import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';

/** The caller of a request, as the permission checks see them. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Sessions are random 256-bit tokens; only their SHA-256 is stored, so a leaked table opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(
  db: Db,
  userId: string,
  now = Date.now(),
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: now + SESSION_LIFETIME_MS,
      last_seen_at: now,
    })
    .execute();
  return { token, id };
}

/** Finds the active user behind a bearer token; expired sessions and disabled accounts count as anonymous. */
export async function findSessionUser(db: Db, token: string, now = Date.now()): Promise<SignedInUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'users.id', 'users.email', 'users.name', 'users.role'])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  return row ? { ...row, role: row.role as Role } : null;
}

export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const token = header.slice('Bearer '.length).trim();
  return token.length > 0 && token.length <= 200 ? token : null;
}
