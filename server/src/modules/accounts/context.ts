import { randomBytes } from 'node:crypto';
import { safeNextPath, type User } from '@shop/shared';
import type { Db } from '../../db/database';
import type { UserTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { recordAudit, type Actor } from '../audit/audit';
import { trustDevice, type DeviceCookie } from './devices';
import { createHashLane, type HashLane } from './hash-lane';
import { hashPassword } from './passwords';
import { toUser } from './present';
import { startSession } from './sessions';
import { defaultSignInPolicy, type SignInPolicy } from './sign-in-throttle';

/** What the sign-up, sign-in and reset services need of the request and the shop. */
export interface AuthContext {
  db: Db;
  publicUrl: string;
  client: { ip: string | null; userAgent: string | null };
  /** The browser's device cookie (devices.ts), when it sent one. */
  deviceToken: string | null;
  /** The browser's sign-up attempt cookie (sign-up-attempts.ts), when it sent one. */
  signUpAttempt: string | null;
  policy: SignInPolicy;
  /** A hash to verify against when there is no password to check, so that costs the same time as a wrong one. */
  decoyHash: () => Promise<string>;
  /** Where the passwords of devices an account does not know are hashed (hash-lane.ts). */
  strangers: HashLane;
}

/** What one request brings to those services. */
export type AuthRequest = Pick<AuthContext, 'client' | 'deviceToken' | 'signUpAttempt'>;

/**
 * Makes each request's AuthContext, with what a server's requests share: one decoy hash and one lane for
 * strangers' password hashes.
 */
export function authContexts(
  db: Db,
  publicUrl: string,
  policy: SignInPolicy = defaultSignInPolicy,
): (request: AuthRequest) => AuthContext {
  // Made on first use, once per server: what an unknown address's password is checked against.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
  const strangers = createHashLane();
  return (request) => ({ db, publicUrl, ...request, policy, decoyHash, strangers });
}

export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: number;
  next: string;
  /** The device cookie this browser keeps: it signed in to this account. */
  device: DeviceCookie;
}

export const actorOf = (ctx: AuthContext, userId: string | null): Actor => ({ userId, ip: ctx.client.ip });
export const ipOf = (ctx: AuthContext) => ctx.client.ip ?? 'unknown';
/** The browser as the sign-in history shows it: at most what the sessions table keeps. */
export const userAgentOf = (ctx: AuthContext) => ctx.client.userAgent?.slice(0, 300) ?? null;
export const resetUrlOf = (ctx: AuthContext) => `${ctx.publicUrl}/forgot-password`;

/** Starts a session, trusts the browser for this account and records how it signed in, in the caller's transaction. */
export async function grantSession(
  tx: Tx,
  ctx: AuthContext,
  user: UserTable,
  input: { next?: string | undefined; action: string; how?: Record<string, unknown> },
  now = Date.now(),
): Promise<SessionGrant> {
  const session = await startSession(tx, user.id, ctx.client, now);
  const device = await trustDevice(tx, user.id, ctx.deviceToken, now);
  await recordAudit(tx, actorOf(ctx, user.id), {
    action: input.action,
    entity: 'user',
    entityId: user.id,
    // The browser is kept for the sign-in history admins read (people/sign-ins.ts).
    after: { sessionId: session.id, userAgent: userAgentOf(ctx), ...input.how },
  });
  return {
    user: toUser(user),
    token: session.token,
    expiresAt: session.expiresAt,
    next: safeNextPath(input.next),
    device,
  };
}
