import { can, type Role } from '@shop/shared';
import type { UserTable } from '../../db/schema';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { voidCodes } from '../accounts/codes-repo';
import { actorOf, ipOf, type AuthContext } from '../accounts/context';
import { hashPassword, refuseWeakPassword } from '../accounts/passwords';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import { findUserByEmail, findUserById, getUserById, insertUser, updateUserRow } from '../accounts/repo';
import { sendLoginCode } from '../accounts/sign-in';
import { accountChanges, recordChanges } from '../sync/change-log';
import { claimInvitation, findUsableInvitation, setInvitationUser } from './invitations-repo';
import { tokenHashOf } from './invitations';

/** Links are 256-bit random, so guessing is hopeless; the limit only keeps scrypt from being run for nothing. */
const acceptsPerIp = (ip: string): Limit => ({ bucket: `invite:ip:${ip}`, max: 10, windowMs: 3_600_000 });

/**
 * The invitee chooses a password with the mailed link: the account is made (active, in the invited role) and then
 * signs in as every staff sign-in does, with a code mailed to the same address. Answers as POST /auth/login does
 * when a code is needed.
 */
export async function acceptInvitation(
  ctx: AuthContext,
  input: { token: string; password: string },
): Promise<{ otpRequired: true; challengeId: string }> {
  await enforceLimits(ctx.db, [acceptsPerIp(ipOf(ctx))]);
  const expired = () =>
    new Invalid(
      'This invitation link has expired, was used already or was withdrawn. Ask the shop for a new one.',
      {
        token: 'expired or used',
      },
    );
  const invitation = await findUsableInvitation(ctx.db, tokenHashOf(input.token), Date.now());
  if (!invitation || !(await inviterStillAdmin(ctx, invitation.invited_by))) throw expired();
  refuseWeakPassword(input.password, 'password', { email: invitation.email, name: invitation.name });
  const passwordHash = await hashPassword(input.password);
  let user: UserTable;
  try {
    user = await inTransaction(ctx.db, async (tx) => {
      const now = Date.now();
      // Claimed first: of people racing with one link, the losers hear that it was used, whatever else holds.
      if (!(await claimInvitation(tx, invitation.id, now))) throw expired();
      const existing = await findUserByEmail(tx, invitation.email);
      // An account made since the invitation was sent (a customer who signed up meanwhile) is not taken over.
      if (existing && existing.status !== 'unverified')
        throw new Conflict('This email has an account already: ask an admin to change its role instead', {
          token: 'the address has an account',
        });
      const userId = existing?.id ?? newId();
      await setInvitationUser(tx, invitation.id, userId);
      const fields = {
        name: invitation.name,
        role: invitation.role,
        locale: invitation.locale,
        status: 'active',
        password_hash: passwordHash,
        email_verified_at: now,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      };
      if (existing) await takeOverSignUp(tx, existing, fields, now);
      else
        await insertUser(tx, {
          id: userId,
          email: invitation.email,
          phone: null,
          otp_login: 0,
          created_at: now,
          ...fields,
        });
      await recordAudit(
        tx,
        actorOf(ctx, userId),
        {
          action: 'user.invitation_accepted',
          entity: 'user',
          entityId: userId,
          after: { invitationId: invitation.id, role: invitation.role, invitedBy: invitation.invited_by },
        },
        now,
      );
      // Counters learn of the new staff member at their next pull.
      await recordChanges(
        tx,
        accountChanges(userId, invitation.role, ...(existing ? [existing.role] : [])),
        now,
      );
      return getUserById(tx, userId);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict('This email has an account already: ask an admin to change its role instead', {
        token: 'the address has an account',
      });
    throw error;
  }
  return { otpRequired: true, challengeId: await sendLoginCode(ctx, user) };
}

/**
 * An invitation speaks for the admin who sent it, so it dies with their right to invite: an admin disabled or made
 * staff (a stolen session found out, someone who left) leaves behind no link that still makes admins.
 */
async function inviterStillAdmin(ctx: AuthContext, inviterId: string | null): Promise<boolean> {
  const inviter = inviterId === null ? undefined : await findUserById(ctx.db, inviterId);
  return inviter?.status === 'active' && can(inviter.role as Role, 'users.manage');
}

/**
 * A sign-up never verified belongs to no one yet: the invitation link proves the mailbox, as a reset link does, so
 * the account becomes the invitee's, with nothing of what the sign-up chose (its pending codes die).
 */
async function takeOverSignUp(
  tx: Tx,
  existing: UserTable,
  fields: Partial<UserTable>,
  now: number,
): Promise<void> {
  await updateUserRow(tx, existing.id, { ...fields, sign_in_epoch: (existing.sign_in_epoch ?? 0) + 1 });
  await voidCodes(tx, existing.id, 'verify_email', now);
}
