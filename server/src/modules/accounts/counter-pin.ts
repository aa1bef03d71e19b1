import { makePinVerifier } from '@shop/shared/pin-verifier';
import { inTransaction } from '../../db/transaction';
import { Invalid, Unauthenticated } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { recordChanges } from '../sync/change-log';
import { actorOf, type AuthContext } from './context';
import { verifyPassword } from './passwords';
import { enforceLimits, type Limit } from './rate-limit';
import { findUserById, updateUserRow } from './repo';

/** Each try checks the password: as few as a password change allows, per account. */
const pinChangesPerUser = (userId: string): Limit => ({
  bucket: `pin:user:${userId}`,
  max: 10,
  windowMs: 3_600_000,
});

/**
 * A staff member sets the short PIN that signs them in at a counter, offline, where they signed in online before.
 * It takes the password again (a session left open must not become a counter PIN); counters learn the new verifier
 * at their next pull (the change feed's `staff` entity), and the old PIN stops working there.
 */
export async function setCounterPin(
  ctx: AuthContext,
  user: { id: string },
  input: { pin: string; password: string },
  now = Date.now(),
): Promise<void> {
  await enforceLimits(ctx.db, [pinChangesPerUser(user.id)]);
  const row = await findUserById(ctx.db, user.id);
  if (!row) throw new Unauthenticated();
  if (!(await verifyPassword(input.password, row.password_hash)))
    throw new Invalid('The password is not right', { password: 'not right' });
  const verifier = await makePinVerifier(input.pin);
  await inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, user.id, { pin_verifier: verifier, pin_set_at: now, updated_at: now });
    await recordAudit(
      tx,
      actorOf(ctx, user.id),
      { action: 'auth.pin_set', entity: 'user', entityId: user.id },
      now,
    );
    await recordChanges(tx, [{ entity: 'staff', entityId: user.id, operation: 'upsert' }], now);
  });
}
