import { createHash, randomBytes } from 'node:crypto';
import {
  safeNextPath,
  type LoginInput,
  type LoginOtpInput,
  type Locale,
  type RegisterInput,
  type User,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { UserTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Forbidden, Invalid, RateLimited, Unauthenticated } from '../../http/errors';
import { enqueueMail } from '../../mail/outbox';
import type { MailData, MailTemplate } from '../../mail/templates';
import { recordAudit, type Actor } from '../audit/audit';
import { consumeOtp, issueOtp, latestChallengeId } from './otp';
import { hashPassword, verifyPassword } from './passwords';
import { needsLoginCode, toUser } from './present';
import { countFailure, enforceLimits, limits, refuseWhenExhausted } from './rate-limit';
import { endAllSessions, startSession } from './sessions';

/**
 * Sign-up, verification, sign-in with a mailed second factor, and password reset. Answers never tell whether an
 * address has an account; codes and tokens go out only by mail, never in an answer or a log line.
 */
export interface AuthContext {
  db: Db;
  publicUrl: string;
  client: { ip: string | null; userAgent: string | null };
}

export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: number;
  next: string;
}

const ACCEPTED_REGISTER =
  'If this address can be used, we have sent it a 6-digit code. Enter it to activate your account.';
const ACCEPTED_RESET = 'If an account uses this address, we have sent it a link to choose a new password.';
const LOCKOUT_AFTER = 5;
const RESET_LIFETIME_MS = 30 * 60 * 1000;

// Verifying against this when the address is unknown makes a miss cost the same time as a wrong password.
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

const actorOf = (ctx: AuthContext, userId: string | null): Actor => ({ userId, ip: ctx.client.ip });
const ipOf = (ctx: AuthContext) => ctx.client.ip ?? 'unknown';

export async function register(ctx: AuthContext, input: RegisterInput) {
  await enforceLimits(ctx.db, [limits.registerPerIp(ipOf(ctx))]);
  const passwordHash = await hashPassword(input.password); // outside the transaction: it takes ~0.2 s
  try {
    await inTransaction(ctx.db, async (tx) => {
      const existing = await tx
        .selectFrom('users')
        .selectAll()
        .where('email', '=', input.email)
        .executeTakeFirst();
      if (existing?.status === 'unverified') {
        const { code } = await issueOtp(tx, existing.id, 'verify_email').catch(ignoreThrottle);
        if (code) await mailUser(tx, existing, 'verify-email', { code });
        return;
      }
      if (existing) {
        await mailUser(tx, existing, 'account-exists', {
          signInUrl: `${ctx.publicUrl}/login`,
          resetUrl: `${ctx.publicUrl}/forgot-password`,
        });
        return;
      }
      const now = Date.now();
      const user: UserTable = {
        id: newId(),
        email: input.email,
        name: input.name,
        role: 'customer',
        status: 'unverified',
        password_hash: passwordHash,
        phone: null,
        locale: input.locale ?? 'en',
        otp_login: 0,
        email_verified_at: null,
        failed_logins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      };
      await tx.insertInto('users').values(user).execute();
      const { code } = await issueOtp(tx, user.id, 'verify_email', now);
      await mailUser(tx, user, 'verify-email', { code });
      await recordAudit(tx, actorOf(ctx, user.id), {
        action: 'auth.register',
        entity: 'user',
        entityId: user.id,
        after: { email: user.email },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // a parallel sign-up with the same address won: same answer
  }
  return { status: 'accepted' as const, message: ACCEPTED_REGISTER };
}

export async function resendVerification(ctx: AuthContext, email: string) {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  await inTransaction(ctx.db, async (tx) => {
    const user = await tx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (user?.status !== 'unverified') return;
    const { code } = await issueOtp(tx, user.id, 'verify_email').catch(ignoreThrottle);
    if (code) await mailUser(tx, user, 'verify-email', { code });
  });
  return { status: 'accepted' as const, message: ACCEPTED_REGISTER };
}

export async function verifyEmail(
  ctx: AuthContext,
  input: { email: string; code: string; next?: string | undefined },
): Promise<SessionGrant> {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', input.email)
    .executeTakeFirst();
  const challengeId =
    user?.status === 'unverified' ? await latestChallengeId(ctx.db, user.id, 'verify_email') : null;
  if (!user || !challengeId)
    throw new Invalid(
      'That code is not right, or it has expired. Check the latest email or ask for a new code.',
      { code: 'wrong or expired code' },
    );
  await consumeOtp(ctx.db, challengeId, 'verify_email', input.code);
  return inTransaction(ctx.db, async (tx) => {
    const now = Date.now();
    await tx
      .updateTable('users')
      .set({ status: 'active', email_verified_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(tx, actorOf(ctx, user.id), {
      action: 'auth.email_verified',
      entity: 'user',
      entityId: user.id,
    });
    const session = await startSession(tx, user.id, ctx.client, now);
    return {
      user: toUser({ ...user, status: 'active' }),
      token: session.token,
      expiresAt: session.expiresAt,
      next: safeNextPath(input.next),
    };
  });
}

export type LoginOutcome =
  ({ kind: 'signed-in' } & SessionGrant) | { kind: 'code-sent'; challengeId: string };

export async function login(ctx: AuthContext, input: LoginInput): Promise<LoginOutcome> {
  const accountLimit = limits.loginFailuresPerAccount(input.email);
  await enforceLimits(ctx.db, [limits.loginPerIp(ipOf(ctx))]);
  await refuseWhenExhausted(ctx.db, accountLimit);
  const now = Date.now();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', input.email)
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(input.password, await decoyHash());
    await countFailure(ctx.db, accountLimit);
    throw new Unauthenticated('The email or password is not right');
  }
  if (user.locked_until !== null && Number(user.locked_until) > now) {
    throw new RateLimited(Math.ceil((Number(user.locked_until) - now) / 1000));
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await countFailure(ctx.db, accountLimit);
    await recordFailedLogin(ctx, user, now);
    throw new Unauthenticated('The email or password is not right');
  }
  if (user.status === 'disabled') throw new Forbidden('This account is disabled. Please contact the shop.');
  if (user.status === 'unverified') {
    await resendVerification(ctx, user.email);
    throw new Forbidden('Please verify your email address first: enter the 6-digit code we sent you.');
  }
  return inTransaction(ctx.db, async (tx): Promise<LoginOutcome> => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    if (needsLoginCode(user)) {
      const { challengeId, code } = await issueOtp(tx, user.id, 'login', now).catch((error: unknown) => {
        if (error instanceof RateLimited)
          throw new RateLimited(
            error.retryAfterSeconds,
            'A sign-in code was sent a moment ago. Please check your email.',
          );
        throw error;
      });
      await mailUser(tx, user, 'login-code', { code });
      await recordAudit(tx, actorOf(ctx, user.id), {
        action: 'auth.login_code_sent',
        entity: 'user',
        entityId: user.id,
      });
      return { kind: 'code-sent', challengeId };
    }
    const session = await startSession(tx, user.id, ctx.client, now);
    await recordAudit(tx, actorOf(ctx, user.id), {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      after: { sessionId: session.id },
    });
    return {
      kind: 'signed-in',
      user: toUser(user),
      token: session.token,
      expiresAt: session.expiresAt,
      next: safeNextPath(input.next),
    };
  });
}

export async function loginWithCode(ctx: AuthContext, input: LoginOtpInput): Promise<SessionGrant> {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  const userId = await consumeOtp(ctx.db, input.challengeId, 'login', input.code);
  return inTransaction(ctx.db, async (tx) => {
    const user = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    if (user.status !== 'active') throw new Forbidden('This account is disabled. Please contact the shop.');
    const session = await startSession(tx, user.id, ctx.client);
    await recordAudit(tx, actorOf(ctx, user.id), {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      after: { sessionId: session.id, secondFactor: 'email' },
    });
    return {
      user: toUser(user),
      token: session.token,
      expiresAt: session.expiresAt,
      next: safeNextPath(input.next),
    };
  });
}

async function recordFailedLogin(ctx: AuthContext, user: UserTable, now: number): Promise<void> {
  const failures = Number(user.failed_logins) + 1;
  // After five failures in a row the account waits 1, 2, 4 … up to 60 minutes between tries.
  const lockedUntil =
    failures >= LOCKOUT_AFTER ? now + Math.min(2 ** (failures - LOCKOUT_AFTER), 60) * 60_000 : null;
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: failures, locked_until: lockedUntil })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(tx, actorOf(ctx, null), {
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user.id,
      after: { failures, lockedUntil },
    });
  });
}

export async function forgotPassword(ctx: AuthContext, email: string) {
  await enforceLimits(ctx.db, [limits.resetPerIp(ipOf(ctx)), limits.resetPerAccount(email)]);
  await inTransaction(ctx.db, async (tx) => {
    const user = await tx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (!user || user.status === 'disabled') return;
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await tx
      .insertInto('password_resets')
      .values({
        id: newId(),
        user_id: user.id,
        token_hash: sha256(token),
        expires_at: now + RESET_LIFETIME_MS,
        used_at: null,
        created_at: now,
      })
      .execute();
    await mailUser(tx, user, 'password-reset', {
      resetUrl: `${ctx.publicUrl}/reset-password?token=${token}`,
    });
    await recordAudit(tx, actorOf(ctx, null), {
      action: 'auth.password_reset_requested',
      entity: 'user',
      entityId: user.id,
    });
  });
  return { status: 'accepted' as const, message: ACCEPTED_RESET };
}

export async function resetPassword(
  ctx: AuthContext,
  input: { token: string; password: string },
): Promise<void> {
  await enforceLimits(ctx.db, [limits.resetPerIp(ipOf(ctx))]);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(ctx.db, async (tx) => {
    const now = Date.now();
    const reset = await tx
      .selectFrom('password_resets')
      .select(['id', 'user_id'])
      .where('token_hash', '=', sha256(input.token))
      .executeTakeFirst();
    const used = reset
      ? await tx
          .updateTable('password_resets')
          .set({ used_at: now })
          .where('id', '=', reset.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst()
      : null;
    if (!reset || Number(used?.numUpdatedRows ?? 0) !== 1) {
      throw new Invalid('This reset link has expired or was used already. Ask for a new one.', {
        token: 'expired or used',
      });
    }
    const user = await tx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', reset.user_id)
      .executeTakeFirstOrThrow();
    // Opening the mailed link proves the address, so an unverified account becomes active.
    const status = user.status === 'unverified' ? 'active' : user.status;
    await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        status,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
        email_verified_at: user.email_verified_at ?? now,
      })
      .where('id', '=', user.id)
      .execute();
    // Other unused links of this account die with the reset.
    await tx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await endAllSessions(tx, user.id);
    await mailUser(tx, user, 'password-changed', {});
    await recordAudit(tx, actorOf(ctx, user.id), {
      action: 'auth.password_reset',
      entity: 'user',
      entityId: user.id,
    });
  });
}

export async function changePassword(
  ctx: AuthContext,
  user: { id: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await enforceLimits(ctx.db, [limits.passwordChange(user.id)]);
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new Invalid('The current password is not right', { currentPassword: 'not right' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: Date.now() })
      .where('id', '=', user.id)
      .execute();
    await endAllSessions(tx, user.id, user.sessionId);
    await mailUser(tx, row, 'password-changed', {});
    await recordAudit(tx, actorOf(ctx, user.id), {
      action: 'auth.password_changed',
      entity: 'user',
      entityId: user.id,
    });
  });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Mails a user in their language; `name` comes from the account. */
function mailUser<T extends MailTemplate>(
  tx: Tx,
  user: Pick<UserTable, 'email' | 'locale' | 'name'>,
  template: T,
  data: Omit<MailData[T], 'name'>,
): Promise<string> {
  return enqueueMail(tx, {
    to: user.email,
    locale: asLocale(user.locale),
    template,
    data: { ...data, name: user.name } as MailData[T],
  });
}

function asLocale(value: string): Locale {
  return value === 'km' ? 'km' : 'en';
}

/** A code sent a minute ago is still good: asking again quietly does nothing rather than telling the asker. */
function ignoreThrottle(error: unknown): { code: null } {
  if (error instanceof RateLimited) return { code: null };
  throw error;
}
