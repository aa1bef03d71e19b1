import type { LoginInput, LoginOtpInput } from '@shop/shared';
import type { UserTable } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { Forbidden, Invalid, RateLimited, Unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import {
  codeMatches,
  codeWasRight,
  codeWasWrong,
  countCodeTry,
  issueLoginCode,
  takeCodeTry,
  tooManyWrongCodes,
  wrongCode,
  type CodeAccount,
} from './codes';
import {
  closeSignInCheck,
  findLoginChallenge,
  findSignInCheck,
  markUsed,
  type LoginChallenge,
  type SignInCheck,
} from './codes-repo';
import {
  actorOf,
  grantSession,
  ipOf,
  resetUrlOf,
  userAgentOf,
  type AuthContext,
  type SessionGrant,
} from './context';
import { trustedDeviceOf } from './devices';
import { mailUser } from './mail-user';
import { verifyPassword } from './passwords';
import { needsLoginCode } from './present';
import { enforceLimits, limits } from './rate-limit';
import { resendVerification } from './registration';
import { findUserByEmail, findUserById } from './repo';
import { accountKeyOf, checkCodeMatches, countCheckTry, openSignInCheck } from './sign-in-checks';
import { admitPasswordCheck, signInLimits } from './sign-in-throttle';
import { attemptHashOf, choicesOf, codesOfAttempt, pendingSignUpCodes } from './sign-up-attempts';

/**
 * Sign-in: the password, then a mailed code where the account asks for one; or, while sign-ins are throttled, a
 * mailed code before the password (sign-in-throttle.ts). Answers never tell whether an address has an account;
 * codes go out only by mail, never in an answer or a log line.
 */
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

/** Mails a sign-in code and answers its challenge: the second step of every staff sign-in (and an accepted invitation). */
export async function sendLoginCode(ctx: AuthContext, user: UserTable): Promise<string> {
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
      after: { userAgent: userAgentOf(ctx) },
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
      after: { userAgent: userAgentOf(ctx) },
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
  challenge: LoginChallenge,
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
  check: SignInCheck,
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
