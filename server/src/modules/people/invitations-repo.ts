import type { InvitationStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { containsText } from '../../db/like';
import { pageOf, type PageRequest } from '../../db/paging';
import type { StaffInvitationTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of staff invitations. Tokens only as their SHA-256. */

export async function insertInvitation(tx: Tx, row: StaffInvitationTable): Promise<void> {
  await tx.insertInto('staff_invitations').values(row).execute();
}

/** An invitation with the name of the admin who sent it. */
function withInviter(db: Db | Tx) {
  return db
    .selectFrom('staff_invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .selectAll('i')
    .select('u.name as inviter_name');
}
export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

export function findInvitation(db: Db | Tx, id: string) {
  return withInviter(db).where('i.id', '=', id).executeTakeFirst();
}

/** The open (not accepted, not revoked) invitation of an address, expired or not. */
export function findOpenInvitationOf(tx: Tx, email: string) {
  return tx.selectFrom('staff_invitations').selectAll().where('open_email', '=', email).executeTakeFirst();
}

/** An invitation whose link still works: by its token's hash, open and unexpired. */
export function findUsableInvitation(db: Db, tokenHash: string, now: number) {
  return db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('open_email', 'is not', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Takes an invitation for acceptance: one conditional update, so of two people racing with the same link exactly
 * one gets it (the other's update finds it closed). False when it was closed or expired meanwhile.
 */
export async function claimInvitation(tx: Tx, id: string, now: number): Promise<boolean> {
  const claimed = await tx
    .updateTable('staff_invitations')
    .set({ accepted_at: now, open_email: null, updated_at: now })
    .where('id', '=', id)
    .where('open_email', 'is not', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** The account an accepted invitation made. */
export async function setInvitationUser(tx: Tx, id: string, userId: string): Promise<void> {
  await tx.updateTable('staff_invitations').set({ user_id: userId }).where('id', '=', id).execute();
}

/**
 * A new link for an open invitation, sent by `invitedBy` from now on (the admin who vouches for it, accept-invitation.ts);
 * false when it was accepted or revoked meanwhile.
 */
export async function renewInvitation(
  tx: Tx,
  id: string,
  change: { tokenHash: string; expiresAt: number; now: number; invitedBy: string | null },
): Promise<boolean> {
  const renewed = await tx
    .updateTable('staff_invitations')
    .set({
      token_hash: change.tokenHash,
      expires_at: change.expiresAt,
      invited_by: change.invitedBy,
      updated_at: change.now,
    })
    .where('id', '=', id)
    .where('open_email', 'is not', null)
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) === 1;
}

/**
 * Closes an open invitation: revoked by an admin (`revoked`), or merely set aside (an expired one a new invitation
 * replaces, which stays "expired"). False when it was closed meanwhile.
 */
export async function closeInvitation(tx: Tx, id: string, now: number, revoked: boolean): Promise<boolean> {
  const closed = await tx
    .updateTable('staff_invitations')
    .set({ open_email: null, updated_at: now, ...(revoked && { revoked_at: now }) })
    .where('id', '=', id)
    .where('open_email', 'is not', null)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) === 1;
}

export async function pageOfInvitations(
  db: Db,
  filter: { status?: InvitationStatus | undefined; q?: string | undefined },
  sort: 'newest' | 'oldest' | 'email',
  page: PageRequest,
  now: number,
) {
  let base = db.selectFrom('staff_invitations as i');
  switch (filter.status) {
    case 'accepted':
      base = base.where('i.accepted_at', 'is not', null);
      break;
    case 'revoked':
      base = base.where('i.revoked_at', 'is not', null);
      break;
    case 'pending':
      base = base.where('i.open_email', 'is not', null).where('i.expires_at', '>', now);
      break;
    case 'expired':
      base = base
        .where('i.accepted_at', 'is', null)
        .where('i.revoked_at', 'is', null)
        .where('i.expires_at', '<=', now);
      break;
  }
  if (filter.q) {
    const text = filter.q.toLowerCase();
    base = base.where((eb) =>
      eb.or([
        containsText(eb.fn('lower', ['i.email']), text),
        containsText(eb.fn('lower', ['i.name']), text),
      ]),
    );
  }
  let rows = base
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .selectAll('i')
    .select('u.name as inviter_name');
  rows =
    sort === 'email'
      ? rows.orderBy('i.email').orderBy('i.id')
      : rows
          .orderBy('i.created_at', sort === 'oldest' ? 'asc' : 'desc')
          .orderBy('i.id', sort === 'oldest' ? 'asc' : 'desc');
  return pageOf(rows, base, page);
}
