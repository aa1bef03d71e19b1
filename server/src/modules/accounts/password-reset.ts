import { createHash, randomBytes } from 'node:crypto';
import type { UserTable } from '../../db/schema';
import { newId } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { Invalid, Unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { accountChanges, recordChanges } from '../sync/change-log';
import { voidCodes } from './codes-repo';
import { actorOf, ipOf, type AuthContext } from './context';
import { forgetDevices, trustDevice, type DeviceCookie } from './devices';
import { mailUser } from './mail-user';
import { hashPassword, refuseWeakPassword, verifyPassword } from './passwords';
import { enforceLimits, limits } from './rate-limit';
import {
  findOpenReset,
  findUserByEmail,
  findUserById,
  insertPasswordReset,
  setPassword,
  setPasswordFromReset,
  useReset,
  voidResets,
} from './repo';
import { endAllSessions } from './sessions';
import { attemptHashOf, choicesOf, codesOfAttempt, pendingSignUpCodes } from './sign-up-attempts';

/**
 * A new password: through a link mailed to the address (forgotten), or from the signed-in owner who knows the
 * current one (changed). Answers never tell whether an address has an account; reset tokens go out only by mail.
 */
const ACCEPTED_RESET = 'If an account uses this address, we have sent it a link to choose a new password.';
const RESET_LIFETIME_MS = 30 * 60 * 1000;

export async function forgotPassword(ctx: AuthContext, email: string) {
  await enforceLimits(ctx.db, [limits.resetPerIp(ipOf(ctx)), limits.resetPerAccount(email)]);
  await inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.status === 'disabled') return;
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await insertPasswordReset(tx, {
      id: newId(),
      user_id: user.id,
      token_hash: sha256(token),
      expires_at: now + RESET_LIFETIME_MS,
      used_at: null,
      created_at: now,
    });
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
    // A reset link proves the address: an unverified account became active, a customer the counters sell to.
    if (user.status === 'unverified') await recordChanges(tx, accountChanges(user.id, user.role), now);
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
