import type { Locale, RegisterInput } from '@shop/shared';
import { isUniqueViolation } from '../../db/errors';
import { inTransaction, type Tx } from '../../db/transaction';
import { recordAudit } from '../audit/audit';
import { codeWasRight, codeWasWrong, takeCodeTry } from './code-budget';
import { actorOf, grantSession, ipOf, resetUrlOf, type AuthContext, type SessionGrant } from './context';
import { forgetDevices } from './devices';
import { mailUser } from './mail-user';
import {
  codeMatches,
  countCodeTry,
  issueSignUpCode,
  markUsed,
  newestSignUpAttempt,
  openSignUpCodes,
  OTP_RESEND_INTERVAL_MS,
  tooManyWrongCodes,
  voidCodes,
  wrongCode,
  type SignUpChoices,
} from './otp';
import { hashPassword } from './passwords';
import { refuseWeakPassword } from './password-policy';
import { enforceLimits, limits, takeSlot } from './rate-limit';
import { activateUser, findUserByEmail, insertUnverifiedUser, voidResets } from './repo';
import { endAllSessions } from './sessions';
import { accountKeyOf } from './sign-in-checks';

/**
 * Sign-up by mailed code. The code proves who owns the address, so what the person entering it chose is what the
 * account gets: each attempt's password (hashed), name and language travel with the code mailed for that attempt,
 * and entering a code applies that attempt and wipes every other (their codes, any session, trusted browser or
 * reset link). Someone who signs up with another person's address first gains nothing. Answers never tell whether
 * an address has an account.
 */
const ACCEPTED_REGISTER =
  'If this address can be used, we have sent it a 6-digit code. Enter it to activate your account.';

export async function register(ctx: AuthContext, input: RegisterInput) {
  await enforceLimits(ctx.db, [limits.registerPerIp(ipOf(ctx))]);
  refuseWeakPassword(input.password, 'password', input);
  const choices: SignUpChoices = {
    passwordHash: await hashPassword(input.password), // outside the transaction: it takes ~0.2 s
    name: input.name,
    locale: input.locale ?? 'en',
  };
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
      await mailSignUpCode(tx, user, choices, now);
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
  return { status: 'accepted' as const, message: ACCEPTED_REGISTER };
}

/** A new code for the newest sign-up attempt of an unverified address (a minute after the last one). */
export async function resendVerification(ctx: AuthContext, email: string) {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  await inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (user?.status !== 'unverified') return;
    const newest = await newestSignUpAttempt(tx, user.id);
    const now = Date.now();
    if (newest && now - newest.sentAt < OTP_RESEND_INTERVAL_MS) return;
    // An attempt from before attempts kept their choices: the account row holds them.
    const legacy = user.password_hash
      ? { passwordHash: user.password_hash, name: user.name, locale: user.locale }
      : null;
    const choices = newest?.choices ?? legacy;
    if (choices) await mailSignUpCode(tx, user, choices, now);
  });
  return { status: 'accepted' as const, message: ACCEPTED_REGISTER };
}

export async function verifyEmail(
  ctx: AuthContext,
  input: { email: string; code: string; next?: string | undefined },
): Promise<SessionGrant> {
  await enforceLimits(ctx.db, [limits.otpPerIp(ipOf(ctx))]);
  const user = await findUserByEmail(ctx.db, input.email);
  const codes = user?.status === 'unverified' ? await openSignUpCodes(ctx.db, user.id) : [];
  if (!user || codes.length === 0) throw wrongCode();
  // Each open attempt's code counts this try before any is compared, so parallel guesses gain nothing.
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
  return inTransaction(ctx.db, async (tx) => {
    const now = Date.now();
    if (!(await markUsed(tx, entered.id, now))) throw wrongCode();
    // Whatever earlier attempts left behind goes: their codes, sessions, trusted browsers and reset links.
    await voidCodes(tx, user.id, 'verify_email', now);
    await voidCodes(tx, user.id, 'login', now);
    await voidResets(tx, user.id, now);
    await endAllSessions(tx, user.id);
    await forgetDevices(tx, user.id);
    const choices =
      entered.password_hash !== null && entered.name !== null && entered.locale !== null
        ? { passwordHash: entered.password_hash, name: entered.name, locale: entered.locale }
        : null;
    await activateUser(tx, user.id, choices, now);
    const active = {
      ...user,
      ...(choices && { password_hash: choices.passwordHash, name: choices.name, locale: choices.locale }),
      status: 'active',
      email_verified_at: now,
    };
    return grantSession(tx, ctx, active, { next: input.next, action: 'auth.email_verified' }, now);
  });
}

/**
 * Mails a code for this attempt, up to a few an hour per address. The mail carries nothing the sender chose: the
 * address may not be theirs.
 */
async function mailSignUpCode(
  tx: Tx,
  user: { id: string; email: string },
  choices: SignUpChoices,
  now: number,
): Promise<void> {
  if (!(await takeSlot(tx, limits.signUpMailsPerAccount(user.email), now)).taken) return;
  const { code } = await issueSignUpCode(tx, user.id, choices, now);
  await mailUser(tx, { email: user.email, locale: choices.locale as Locale, name: '' }, 'verify-email', {
    code,
  });
}
