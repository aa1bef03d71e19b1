import { createHash, randomBytes } from 'node:crypto';
import { asLocale, type Invitation, type InvitationInput, type InvitationStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import { pageAnswer } from '../../db/paging';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import { enqueueMail } from '../../mail/outbox';
import { INVITATION_HOURS } from '../../mail/copy/mail-copy';
import { recordAudit, type Actor } from '../audit/audit';
import { findUserByEmail, findUserById } from '../accounts/repo';
import {
  closeInvitation,
  findInvitation,
  findOpenInvitationOf,
  insertInvitation,
  pageOfInvitations,
  renewInvitation,
  type InvitationRow,
} from './invitations-repo';

/**
 * Admins invite the people who run the shop. The link is mailed, never answered: only its SHA-256 is kept. An
 * address that already has an account is refused, so an invitation can never hand someone's customer account (its
 * orders, addresses, sign-in) to whoever opens a link: an admin changes that account's role instead. A sign-up never
 * verified is no one's account yet; accepting takes it over, as a password reset link would (accept-invitation.ts).
 */
export const INVITATION_LIFETIME_MS = INVITATION_HOURS * 60 * 60 * 1000;

export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const alreadyHasAccount = () =>
  new Conflict(
    'This email already has an account: change the role of that account in the user list instead',
    {
      email: 'already has an account',
    },
  );
const alreadyInvited = () =>
  new Conflict('This email has an invitation waiting: resend it or revoke it', { email: 'already invited' });

export async function inviteStaff(
  db: Db,
  publicUrl: string,
  input: InvitationInput,
  actor: Actor,
  now = Date.now(),
): Promise<Invitation> {
  const id = newId();
  try {
    await inTransaction(db, async (tx) => {
      await refuseExistingAccount(tx, input.email);
      const open = await findOpenInvitationOf(tx, input.email);
      if (open && Number(open.expires_at) > now) throw alreadyInvited();
      // An expired invitation stays on record as expired; the new one takes its place as the address's open one.
      if (open) await closeInvitation(tx, open.id, now, false);
      const token = randomBytes(32).toString('base64url');
      await insertInvitation(tx, {
        id,
        email: input.email,
        open_email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale ?? 'en',
        token_hash: tokenHashOf(token),
        invited_by: actor.userId,
        user_id: null,
        expires_at: now + INVITATION_LIFETIME_MS,
        accepted_at: null,
        revoked_at: null,
        created_at: now,
        updated_at: now,
      });
      await mailInvitation(tx, publicUrl, (await findInvitation(tx, id))!, token);
      await recordAudit(
        tx,
        actor,
        {
          action: 'user.invited',
          entity: 'invitation',
          entityId: id,
          after: { email: input.email, role: input.role },
        },
        now,
      );
    });
  } catch (error) {
    // Two admins inviting the same address at once: the unique open address lets one through.
    if (isUniqueViolation(error)) throw alreadyInvited();
    throw error;
  }
  return toInvitation((await findInvitation(db, id))!, now);
}

export async function listInvitations(
  db: Db,
  query: {
    status?: InvitationStatus | undefined;
    q?: string | undefined;
    sort: 'newest' | 'oldest' | 'email';
    page: number;
    pageSize: number;
  },
  now = Date.now(),
) {
  const found = await pageOfInvitations(db, query, query.sort, query, now);
  return pageAnswer(found, (row) => toInvitation(row, now), query);
}

/** A new link, valid from now; the old one stops working. Refused once the address has an account. */
export async function resendInvitation(
  db: Db,
  publicUrl: string,
  id: string,
  actor: Actor,
  now = Date.now(),
): Promise<Invitation> {
  return changeOpenInvitation(db, id, now, async (tx, invitation) => {
    await refuseExistingAccount(tx, invitation.email);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + INVITATION_LIFETIME_MS;
    // The admin who resends vouches for the invitation from now on: it lives as long as their right to invite.
    const invitedBy = actor.userId;
    if (!(await renewInvitation(tx, id, { tokenHash: tokenHashOf(token), expiresAt, now, invitedBy })))
      throw notOpen(invitation);
    await mailInvitation(tx, publicUrl, { ...invitation, invited_by: invitedBy }, token);
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.invitation_resent',
        entity: 'invitation',
        entityId: id,
        before: { invitedBy: invitation.invited_by },
        after: { expiresAt, invitedBy },
      },
      now,
    );
  });
}

export async function revokeInvitation(
  db: Db,
  id: string,
  actor: Actor,
  now = Date.now(),
): Promise<Invitation> {
  return changeOpenInvitation(db, id, now, async (tx, invitation) => {
    if (!(await closeInvitation(tx, id, now, true))) throw notOpen(invitation);
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.invitation_revoked',
        entity: 'invitation',
        entityId: id,
        before: { email: invitation.email },
      },
      now,
    );
  });
}

/** An admin's change to an invitation still open, in one transaction; answers the invitation as it is after. */
async function changeOpenInvitation(
  db: Db,
  id: string,
  now: number,
  change: (tx: Tx, invitation: InvitationRow) => Promise<void>,
): Promise<Invitation> {
  await inTransaction(db, async (tx) => {
    const invitation = await findInvitation(tx, id);
    if (!invitation) throw new NotFound('There is no such invitation');
    if (invitation.open_email === null) throw notOpen(invitation);
    await change(tx, invitation);
  });
  return toInvitation((await findInvitation(db, id))!, now);
}

function notOpen(invitation: InvitationRow): Conflict {
  const status = statusOf(invitation, Date.now());
  return new Conflict(
    status === 'accepted'
      ? 'This invitation was accepted already'
      : 'This invitation was withdrawn or replaced by a newer one',
    { id: status },
  );
}

async function refuseExistingAccount(tx: Tx, email: string): Promise<void> {
  const existing = await findUserByEmail(tx, email);
  if (existing && existing.status !== 'unverified') throw alreadyHasAccount();
}

async function mailInvitation(tx: Tx, publicUrl: string, invitation: InvitationRow, token: string) {
  const inviter = invitation.invited_by ? await findUserById(tx, invitation.invited_by) : undefined;
  await enqueueMail(tx, {
    to: invitation.email,
    locale: asLocale(invitation.locale),
    template: 'staff-invitation',
    data: {
      name: invitation.name,
      role: invitation.role === 'admin' ? 'admin' : 'staff',
      invitedBy: inviter?.name ?? '',
      acceptUrl: `${publicUrl}/accept-invitation?token=${token}`,
    },
  });
}

function statusOf(row: InvitationRow, now: number): InvitationStatus {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return Number(row.expires_at) > now && row.open_email !== null ? 'pending' : 'expired';
}

function toInvitation(row: InvitationRow, now: number): Invitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role === 'admin' ? 'admin' : 'staff',
    status: statusOf(row, now),
    invitedBy: row.invited_by,
    invitedByName: row.inviter_name ?? null,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    userId: row.user_id,
    acceptedAt: row.accepted_at === null ? null : Number(row.accepted_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}
