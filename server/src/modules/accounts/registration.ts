import { asLocale, type RegisterInput } from '@shop/shared';
import { isUniqueViolation } from '../../db/errors';
import type { UserTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Invalid } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { accountChanges, recordChanges } from '../sync/change-log';
import { actorOf, grantSession, ipOf, resetUrlOf, type AuthContext, type SessionGrant } from './context';
import { forgetDevices } from './devices';
import { mailUser } from './mail-user';
import {
  codeMatches,
  codeWasRight,
  codeWasWrong,
  countCodeTry,
  issueSignUpCode,
  OTP_RESEND_INTERVAL_MS,
  takeCodeTry,
  tooManyWrongCodes,
  wrongCode,
  type SignUpChoices,
} from './codes';
import { markUsed, voidCodes } from './codes-repo';
import { hashPassword, refuseWeakPassword } from './passwords';
import { enforceLimits, limits, takeSlot } from './rate-limit';
import { activateUser, findUserByEmail, insertUnverifiedUser, voidResets } from './repo';
import { endAllSessions } from './sessions';
import { accountKeyOf } from './sign-in-checks';
import {
  attemptCount,
  attemptHashOf,
  attemptTokenFor,
  choicesOf,
  codesOfAttempt,
  pendingSignUpCodes,
  type PendingSignUpCode,
} from './sign-up-attempts';

/**
 * Sign-up by mailed code. The code proves who owns the address, so what the person entering it chose is what the
 * account gets: each attempt's password (hashed), name and language travel with the code mailed for that attempt,
 * and a code counts only in the browser that made its attempt (sign-up-attempts.ts). Entering a code applies that
 * attempt and wipes every other (their codes, any session, trusted browser or reset link). Someone who signs up
 * with another person's address, before or after them, gains nothing. Answers never tell whether an address has
 * an account.
 */
const ACCEPTED_REGISTER =
  'If this address can be used, we have sent it a 6-digit code. Enter it to activate your account.';

const signUpElsewhere = () =>
  new Invalid(
    'More than one sign-up is waiting for this address. Enter the code in the browser where you signed up, or sign up again in this one. (A client without cookies sends back the `attempt` value its sign-up answered.)',
    { code: 'enter the code in the browser where you signed up, or sign up again in this one' },
  );

export async function register(ctx: AuthContext, input: RegisterInput) {
  await enforceLimits(ctx.db, [limits.registerPerIp(ipOf(ctx))]);
  refuseWeakPassword(input.password, 'password', input);
  const choices: SignUpChoices = {
    passwordHash: await hashPassword(input.password), // outside the transaction: it takes ~0.2 s
    name: input.name,
    locale: input.locale ?? 'en',
  };
  // Every sign-up answers a token, whatever the address, so the answers cannot tell addresses apart.
  const attempt = attemptTokenFor(ctx.signUpAttempt);
  try {
    await inTransaction(ctx.db, async (tx) => {
      const now = Date.now();
      const existing = await findUserByEmail(tx, input.email);
      if (existing && existing.status !== 'unverified') {
        await mailUser(tx, existing, 'account-exists', {
          signInUrl: `${ctx.publicUrl}/login`,
          resetUrl: resetUrlOf(ctx),
        });
        return;
      }
      const user = existing ?? (await insertUnverifiedUser(tx, input.email, choices, now));
      // Recorded even when the address had its mails for the hour: the attempt still counts (verifyEmail).
      const { code } = await issueSignUpCode(tx, user.id, { choices, hash: attemptHashOf(attempt) }, now);
      if (await mayMailCode(tx, user.email, now)) await mailCode(tx, user.email, choices.locale, code);
      if (!existing)
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
  return { status: 'accepted' as const, message: ACCEPTED_REGISTER, attempt };
}

/** A new code for the caller's own sign-up attempt of an unverified address (a minute after its last one). */
export async function resendVerification(
  ctx: AuthContext,
  input: { email: string; attempt?: string | undefined },
) {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  await inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    if (user?.status !== 'unverified') return;
    const now = Date.now();
    const pending = await pendingSignUpCodes(tx, user.id, now);
    const attempt = attemptToResend(pending, attemptHashOf(input.attempt ?? ctx.signUpAttempt), user);
    if (!attempt || now - attempt.lastSentAt < OTP_RESEND_INTERVAL_MS) return;
    if (!(await mayMailCode(tx, user.email, now))) return;
    const { code } = await issueSignUpCode(tx, user.id, attempt, now);
    await mailCode(tx, user.email, attempt.choices?.locale ?? user.locale, code);
  });
  return { status: 'accepted' as const, message: ACCEPTED_REGISTER };
}

/**
 * Which attempt a new code is for: the caller's own; without a token, the address's only attempt; for an account
 * from before attempts kept their choices, its own row. None when the caller's attempt cannot be told.
 */
function attemptToResend(pending: PendingSignUpCode[], hash: string | null, user: UserTable) {
  const own = codesOfAttempt(pending, hash);
  const newest = own[0];
  if (newest && (hash !== null || attemptCount(pending) === 1))
    return { choices: choicesOf(newest), hash: newest.attempt_hash, lastSentAt: newest.created_at };
  if (pending.length === 0 && user.password_hash) return { choices: null, hash, lastSentAt: 0 };
  return null;
}

export async function verifyEmail(
  ctx: AuthContext,
  input: { email: string; code: string; attempt?: string | undefined; next?: string | undefined },
): Promise<SessionGrant> {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  const now = Date.now();
  const user = await findUserByEmail(ctx.db, input.email);
  const pending = user?.status === 'unverified' ? await pendingSignUpCodes(ctx.db, user.id, now) : [];
  const hash = attemptHashOf(input.attempt ?? ctx.signUpAttempt);
  // Only the codes of the attempt this browser made: any other attempt's code is a wrong code here.
  const codes = codesOfAttempt(pending, hash).filter((code) => code.expires_at > now);
  if (!user || codes.length === 0) throw wrongCode();
  // Each of them counts this try before any is compared, so parallel guesses gain nothing.
  const tried = [];
  for (const code of codes) if ((await countCodeTry(ctx.db, code.id)) === 'counted') tried.push(code);
  if (tried.length === 0) throw tooManyWrongCodes();
  const account = { key: accountKeyOf(input.email), epoch: user.sign_in_epoch ?? 0, owner: null };
  const slot = await takeCodeTry(ctx.db, ctx.policy, account);
  const entered = tried.find((code) => codeMatches(code.id, code.code_hash, input.code));
  if (!entered) {
    await codeWasWrong(ctx.db, ctx.policy, account, { resetUrl: resetUrlOf(ctx) });
    throw wrongCode();
  }
  await codeWasRight(ctx.db, slot);
  // Without a token nobody can tell whose attempt the code is of: believed only when the address has no other.
  // Said only after a right code, so it tells nothing to someone without the mailbox.
  if (hash === null && attemptCount(pending) > 1) throw signUpElsewhere();
  return inTransaction(ctx.db, async (tx) => {
    const now = Date.now();
    if (!(await markUsed(tx, entered.id, now))) throw wrongCode();
    // Whatever other attempts left behind goes: their codes, sessions, trusted browsers and reset links.
    await voidCodes(tx, user.id, 'verify_email', now);
    await voidCodes(tx, user.id, 'login', now);
    await voidResets(tx, user.id, now);
    await endAllSessions(tx, user.id);
    await forgetDevices(tx, user.id);
    const choices = choicesOf(entered);
    await activateUser(tx, user.id, choices, now);
    const active = {
      ...user,
      ...(choices && { password_hash: choices.passwordHash, name: choices.name, locale: choices.locale }),
      status: 'active',
      email_verified_at: now,
    };
    const session = await grantSession(
      tx,
      ctx,
      active,
      { next: input.next, action: 'auth.email_verified' },
      now,
    );
    // A verified customer is one the counters can sell to.
    await recordChanges(tx, accountChanges(user.id, user.role), now);
    return session;
  });
}

/** Up to a few sign-up codes an hour are mailed to an address. */
async function mayMailCode(tx: Tx, email: string, now: number): Promise<boolean> {
  return (await takeSlot(tx, limits.signUpMailsPerAccount(email), now)).taken;
}

/** The mail carries nothing the sender chose: the address may not be theirs. */
async function mailCode(tx: Tx, email: string, locale: string, code: string): Promise<void> {
  await mailUser(tx, { email, locale: asLocale(locale) }, 'verify-email', { code });
}
