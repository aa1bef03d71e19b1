import type { ProfilePatch, Role, User } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { accountChanges, recordChanges } from '../sync/change-log';
import { toUser } from './present';
import { findUserById, getUserById, updateUserRow } from './repo';

/** The signed-in user's own account. */
export async function getUser(db: Db, userId: string): Promise<User> {
  const row = await findUserById(db, userId);
  if (!row) throw new NotFound('There is no such account');
  return toUser(row);
}

export async function updateProfile(
  db: Db,
  user: { id: string; role: Role },
  patch: ProfilePatch,
  actor: Actor,
): Promise<User> {
  await inTransaction(db, async (tx) => {
    const before = await getUserById(tx, user.id);
    const changes = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      // Staff and admins always sign in with a code; the setting only matters to customers.
      ...(patch.otpLogin !== undefined && { otp_login: patch.otpLogin ? 1 : 0 }),
      updated_at: Date.now(),
    };
    await updateUserRow(tx, user.id, changes);
    if (patch.otpLogin !== undefined && (before.otp_login === 1) !== patch.otpLogin) {
      await recordAudit(tx, actor, {
        action: patch.otpLogin ? 'auth.login_code_on' : 'auth.login_code_off',
        entity: 'user',
        entityId: user.id,
      });
    }
    // Counters keep a customer's name and phone, and a staff member's name.
    if (patch.name !== undefined || patch.phone !== undefined)
      await recordChanges(tx, accountChanges(user.id, user.role));
  });
  return getUser(db, user.id);
}
