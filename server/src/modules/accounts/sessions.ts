import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Tx } from '../../db/transaction';
import { readCookie, SESSION_COOKIE } from '../../http/cookies';
import { NotFound } from '../../http/errors';
import {
  deleteSession,
  deleteSessionsOf,
  findLiveSession,
  insertSession,
  listLiveSessions,
  touchSession,
} from './sessions-repo';

/**
 * Sessions are random 256-bit tokens; only their SHA-256 is stored, so several server processes share them through
 * the database and a leaked table opens no session. Browsers carry the token in an HttpOnly cookie, the desktop
 * app as a bearer token. Expiry slides: a session used within 30 days stays alive.
 */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

export interface Authentication {
  user: SignedInUser;
  token: string;
  via: 'bearer' | 'cookie';
  /** Set when this request moved the session's expiry forward. */
  extendedUntil: number | null;
}

export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
// Writing last-seen on every request would turn every read into a write; once an hour is enough to slide.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(
  db: Db | Tx,
  userId: string,
  client: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
  now = Date.now(),
): Promise<{ token: string; id: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  const expiresAt = now + SESSION_IDLE_MS;
  await insertSession(db, {
    id,
    token_hash: hashToken(token),
    user_id: userId,
    created_at: now,
    expires_at: expiresAt,
    last_seen_at: now,
    ip: client.ip,
    user_agent: client.userAgent,
  });
  return { token, id, expiresAt };
}

/** The signed-in caller of a request (bearer token first, then the session cookie), or null. */
export async function authenticateRequest(
  db: Db,
  req: Request,
  now = Date.now(),
): Promise<Authentication | null> {
  const bearer = bearerToken(req);
  const token = bearer ?? readCookie(req, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const row = await findLiveSession(db, hashToken(token), now);
  if (!row) return null;
  let extendedUntil: number | null = null;
  if (now - Number(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    extendedUntil = now + SESSION_IDLE_MS;
    await touchSession(db, row.sessionId, now, extendedUntil);
  }
  const user = {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    sessionId: row.sessionId,
  };
  return { user, token, via: bearer ? 'bearer' : 'cookie', extendedUntil };
}

export async function endSession(db: Db | Tx, userId: string, sessionId: string): Promise<boolean> {
  return deleteSession(db, userId, sessionId);
}

/** Ends one of the caller's own sessions; another user's session id is "not found". */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<void> {
  if (!(await deleteSession(db, userId, sessionId))) throw new NotFound('There is no such session');
}

/** Ends every session of a user, or every one but the caller's own. */
export async function endAllSessions(db: Db | Tx, userId: string, except?: string): Promise<void> {
  await deleteSessionsOf(db, userId, except || undefined);
}

export async function listSessions(db: Db, userId: string, currentSessionId: string, now = Date.now()) {
  const rows = await listLiveSessions(db, userId, now);
  return rows.map((s) => ({
    id: s.id,
    current: s.id === currentSessionId,
    createdAt: Number(s.created_at),
    lastSeenAt: Number(s.last_seen_at),
    ip: s.ip,
    userAgent: s.user_agent,
  }));
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const token = header.slice('Bearer '.length).trim();
  return token.length > 0 ? token : null;
}
