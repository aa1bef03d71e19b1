import type { User } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { voidCodes } from '../accounts/codes-repo';
import { forgetDevices } from '../accounts/devices';
import { toUser } from '../accounts/present';
import { findUserById, getUserById } from '../accounts/repo';
import { endAllSessions } from '../accounts/sessions';
import { recordChanges } from '../sync/change-log';
import { clearCounterPin } from './sign-ins-repo';

/**
 * A staff member's phone or PIN is lost, or someone else may know them: the admin resets how they sign in. Their
 * counter PIN is cleared (counters learn it at their next pull, through the feed's `staff` entity, and refuse the old
 * PIN), the browsers that skipped the slow-down are forgotten, open sign-in codes die and every session ends. Their
 * password stays: they sign in online again (with a mailed code) and set a new PIN.
 */
export async function resetSecondFactor(
  db: Db,
  userId: string,
  actor: Actor,
  now = Date.now(),
): Promise<User> {
  return inTransaction(db, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFound('There is no such account');
    await clearCounterPin(tx, userId, now);
    await forgetDevices(tx, userId);
    await voidCodes(tx, userId, 'login', now);
    await endAllSessions(tx, userId);
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.second_factor_reset',
        entity: 'user',
        entityId: userId,
        before: { pinSet: Boolean(user.pin_verifier) },
        after: { pinSet: false },
      },
      now,
    );
    if (user.role !== 'customer')
      await recordChanges(tx, [{ entity: 'staff', entityId: userId, operation: 'upsert' }], now);
    return toUser(await getUserById(tx, userId));
  });
}
