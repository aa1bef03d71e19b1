import { createHash, randomBytes } from 'node:crypto';
import type { LoginInput, LoginOtpInput } from '@shop/shared';
import { newId } from '../../db/ids';
import type { UserTable } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { Forbidden, Invalid, RateLimited, Unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { codeWasRight, codeWasWrong, takeCodeTry, type CodeAccount } from './code-budget';
import { actorOf, grantSession, ipOf, resetUrlOf, type AuthContext, type SessionGrant } from './context';
import { forgetDevices, trustedDeviceOf, trustDevice, type DeviceCookie } from './devices';
import { mailUser } from './mail-user';
import {
  codeMatches,
  countCodeTry,
  findLoginChallenge,
  issueLoginCode,
  markUsed,
  tooManyWrongCodes,
  voidCodes,
  wrongCode,
} from './otp';
import { hashPassword, verifyPassword } from './passwords';
import { refuseWeakPassword } from './password-policy';
import { needsLoginCode } from './present';
import { enforceLimits, limits } from './rate-limit';
import { resendVerification } from './registration';
import {
  findOpenReset,
  findUserByEmail,
  findUserById,
  setPassword,
  setPasswordFromReset,
  useReset,
  voidResets,
} from './repo';
import { endAllSessions } from './sessions';
import {
  accountKeyOf,
  checkCodeMatches,
  closeSignInCheck,
  countCheckTry,
  findSignInCheck,
  openSignInCheck,
} from './sign-in-checks';
import { admitPasswordCheck, signInLimits } from './sign-in-throttle';
import { attemptHashOf, choicesOf, codesOfAttempt, pendingSignUpCodes } from './sign-up-attempts';

/**
 * Sign-in (password, then a mailed code where the account asks for one; or, while sign-ins are throttled, a mailed
 * code before the password) and password reset and change. Answers never tell whether an address has an account;
 * codes and tokens go out only by mail, never in an answer or a log line.
 */
export type { AuthContext, SessionGrant } from './context';
export { register, resendVerification, verifyEmail } from './registration';

const ACCEPTED_RESET = 'If an account uses this address, we have sent it a link to choose a new password.';
const RESET_LIFETIME_MS = 30 * 60 * 1000;
const WRONG_PASSWORD = 'The email or password is not right';

export type LoginOutcome =
  ({ kind: 'signed-in' } & SessionGrant) | { kind: 'code-sent'; challengeId: string };

export async function login(ctx: AuthContext, input: LoginInput): Promise<LoginOutcome> {
  await enforceLimits(ctx.db, [limits.loginPerIp(ipOf(ctx))]);
  const user = (await findUserByEmail(ctx.db, input.email)) ?? null;
  const admission = await admitPasswordCheck(ctx.db, ctx.policy, {
    email: input.email,
    epoch: user?.sign_in_epoch ?? 0,
    ip: ipOf(ctx),
    userId: user?.id ?? null,
    trustedDevice: await trustedDeviceOf(ctx.db, ctx.deviceToken, user?.id ?? null),
  });
  if (admission.kind === 'mailed-check-first') {
    const challengeId = await openSignInCheck(ctx.db, {
      email: input.email,
      user,
      mailLimit: signInLimits(ctx.policy).checkMails(input.email),
      resetUrl: resetUrlOf(ctx),
    });
    return { kind: 'code-sent', challengeId };
  }
  // Hashed for an unknown address too (against a decoy): a miss costs the same time as a wrong password.
  const check = async () => verifyPassword(input.password, await passwordHashOf(ctx, user));
  const right = admission.knownDevice ? await check() : await ctx.strangers(check);
  if (!user || !right) {
    await recordFailedSignIn(ctx, user);
    throw new Unauthenticated(WRONG_PASSWORD);
  }
  await admission.passed();
  if (user.status === 'disabled') throw new Forbidden('This account is disabled. Please contact the shop.');
  if (user.status === 'unverified') {
    await resendVerification(ctx, { email: user.email });
    throw new Forbidden('Please verify your email address first: enter the 6-digit code we sent you.');
  }
  if (needsLoginCode(user)) return { kind: 'code-sent', challengeId: await sendLoginCode(ctx, user) };
  const grant = await inTransaction(ctx.db, (tx) =>
    grantSession(tx, ctx, user, { next: input.next, action: 'auth.login' }),
  );
  return { kind: 'signed-in', ...grant };
}

/**
 * The hash a password is checked against: an unverified account's is that of this browser's own sign-up attempt,
 * or else of the newest attempt (a right one only mails a code to the address, registration.ts).
 */
async function passwordHashOf(ctx: AuthContext, user: UserTable | null): Promise<string> {
  let hash = user?.password_hash;
  if (user?.status === 'unverified') {
    const pending = await pendingSignUpCodes(ctx.db, user.id);
    const own = codesOfAttempt(pending, attemptHashOf(ctx.signUpAttempt))[0];
    hash = choicesOf(own ?? pending[0])?.passwordHash ?? user.password_hash;
  }
  return hash || ctx.decoyHash();
}

async function sendLoginCode(ctx: AuthContext, user: UserTable): Promise<string> {
  return inTransaction(ctx.db, async (tx) => {
    const { challengeId, code } = await issueLoginCode(tx, user.id).catch((error: unknown) => {
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
    return challengeId;
  });
}

/** Every password that was hashed and did not match leaves an audit row (the stuffing bench counts them). */
async function recordFailedSignIn(ctx: AuthContext, user: UserTable | null): Promise<void> {
  await inTransaction(ctx.db, (tx) =>
    recordAudit(tx, actorOf(ctx, null), {
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user?.id ?? null,
    }),
  );
}

/** The second step: a sign-in code after the password, or a mailed check and then the password. */
export async function loginWithCode(ctx: AuthContext, input: LoginOtpInput): Promise<SessionGrant> {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  const challenge = await findLoginChallenge(ctx.db, input.challengeId);
  if (challenge) return completeWithLoginCode(ctx, challenge, input);
  const check = await findSignInCheck(ctx.db, input.challengeId);
  if (check) return completeWithCheck(ctx, check, input);
  throw wrongCode();
}

async function completeWithLoginCode(
  ctx: AuthContext,
  challenge: NonNullable<Awaited<ReturnType<typeof findLoginChallenge>>>,
  input: LoginOtpInput,
): Promise<SessionGrant> {
  const tried = await countCodeTry(ctx.db, challenge.id);
  if (tried === 'used-up') throw tooManyWrongCodes();
  if (tried === 'gone') throw wrongCode();
  const user = await findUserById(ctx.db, challenge.userId);
  const account: CodeAccount = {
    key: accountKeyOf(challenge.email),
    epoch: challenge.sign_in_epoch ?? 0,
    owner: user ?? null,
  };
  const slot = await takeCodeTry(ctx.db, ctx.policy, account);
  if (!codeMatches(challenge.id, challenge.code_hash, input.code)) {
    await codeWasWrong(ctx.db, ctx.policy, account, { resetUrl: resetUrlOf(ctx) });
    throw wrongCode();
  }
  await codeWasRight(ctx.db, slot);
  if (!(await markUsed(ctx.db, challenge.id))) throw wrongCode();
  if (user?.status !== 'active') throw new Forbidden('This account is disabled. Please contact the shop.');
  return inTransaction(ctx.db, (tx) =>
    grantSession(tx, ctx, user, { next: input.next, action: 'auth.login', how: { secondFactor: 'email' } }),
  );
}

/**
 * The code proves the mailbox before any password is hashed; the check's own five tries then bound the password
 * tries too. A right code with a wrong password keeps the check open for the owner's next try.
 */
async function completeWithCheck(
  ctx: AuthContext,
  check: NonNullable<Awaited<ReturnType<typeof findSignInCheck>>>,
  input: LoginOtpInput,
): Promise<SessionGrant> {
  if (!input.password)
    throw new Invalid('Enter your password together with the code from the email', {
      password: 'enter your password',
    });
  const tried = await countCheckTry(ctx.db, check.id);
  if (tried === 'used-up') throw tooManyWrongCodes();
  if (tried === 'gone') throw wrongCode();
  const user = check.user_id ? ((await findUserById(ctx.db, check.user_id)) ?? null) : null;
  const account: CodeAccount = { key: check.account_key, epoch: user?.sign_in_epoch ?? 0, owner: user };
  const slot = await takeCodeTry(ctx.db, ctx.policy, account);
  if (!checkCodeMatches(check, input.code)) {
    await codeWasWrong(ctx.db, ctx.policy, account, { resetUrl: resetUrlOf(ctx) });
    throw wrongCode();
  }
  await codeWasRight(ctx.db, slot);
  const right = await verifyPassword(input.password, await passwordHashOf(ctx, user));
  if (!user || !right) {
    await recordFailedSignIn(ctx, user);
    throw new Unauthenticated(WRONG_PASSWORD);
  }
  if (user.status === 'disabled') throw new Forbidden('This account is disabled. Please contact the shop.');
  if (user.status === 'unverified') {
    await resendVerification(ctx, { email: user.email });
    throw new Forbidden('Please verify your email address first: enter the 6-digit code we sent you.');
  }
  if (!(await closeSignInCheck(ctx.db, check.id))) throw wrongCode();
  return inTransaction(ctx.db, (tx) =>
    grantSession(tx, ctx, user, {
      next: input.next,
      action: 'auth.login',
      how: { secondFactor: 'email', mailedCheck: true },
    }),
  );
}

export async function forgotPassword(ctx: AuthContext, email: string) {
  await enforceLimits(ctx.db, [limits.resetPerIp(ipOf(ctx)), limits.resetPerAccount(email)]);
  await inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, email);
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

/**
 * A new password through a mailed link. Every session ends and every trusted browser is forgotten; the sign-in
 * throttle of the account starts afresh; the browser that opened the link proved the mailbox and is trusted.
 */
export async function resetPassword(
  ctx: AuthContext,
  input: { token: string; password: string },
): Promise<{ device: DeviceCookie }> {
  await enforceLimits(ctx.db, [limits.resetPerIp(ipOf(ctx))]);
  const expired = () =>
    new Invalid('This reset link has expired or was used already. Ask for a new one.', {
      token: 'expired or used',
    });
  const reset = await findOpenReset(ctx.db, sha256(input.token));
  const user = reset && (await findUserById(ctx.db, reset.user_id));
  if (!reset || !user) throw expired();
  refuseWeakPassword(input.password, 'password', user);
  const passwordHash = await hashPassword(input.password);
  const firstProfile = user.status === 'unverified' ? await signUpProfileOf(ctx, user) : null;
  return inTransaction(ctx.db, async (tx) => {
    const now = Date.now();
    if (!(await useReset(tx, reset.id, now))) throw expired();
    await setPasswordFromReset(tx, user, passwordHash, firstProfile, now);
    await voidResets(tx, user.id, now);
    await voidCodes(tx, user.id, 'verify_email', now);
    await voidCodes(tx, user.id, 'login', now);
    await endAllSessions(tx, user.id);
    await forgetDevices(tx, user.id);
    const device = await trustDevice(tx, user.id, ctx.deviceToken, now);
    await mailUser(tx, { ...user, ...firstProfile }, 'password-changed', {});
    await recordAudit(tx, actorOf(ctx, user.id), {
      action: 'auth.password_reset',
      entity: 'user',
      entityId: user.id,
    });
    return { device };
  });
}

/**
 * A reset link proves the address as a sign-up code does, so it may finish a sign-up (the account becomes active),
 * but only with what the person opening it chose: the password typed now, and the name and language of a sign-up
 * attempt made in this same browser. Without one the account has no name until its owner gives it one in the
 * profile: the name on an unverified account was typed by whoever signed up first, maybe a stranger.
 */
async function signUpProfileOf(ctx: AuthContext, user: UserTable): Promise<{ name: string; locale: string }> {
  const hash = attemptHashOf(ctx.signUpAttempt);
  const own = hash && choicesOf(codesOfAttempt(await pendingSignUpCodes(ctx.db, user.id), hash)[0]);
  return { name: own ? own.name : '', locale: own ? own.locale : user.locale };
}

export async function changePassword(
  ctx: AuthContext,
  user: { id: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await enforceLimits(ctx.db, [limits.passwordChange(user.id)]);
  const row = await findUserById(ctx.db, user.id);
  if (!row) throw new Unauthenticated();
  refuseWeakPassword(input.newPassword, 'newPassword', row);
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new Invalid('The current password is not right', { currentPassword: 'not right' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    await setPassword(tx, user.id, passwordHash);
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
