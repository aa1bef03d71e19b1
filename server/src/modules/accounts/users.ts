import { roles, type Role, type User, type UserStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { newId } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { lockAdminRoster, otherActiveAdmins } from '../people/repo';
import { accountChanges, recordChanges } from '../sync/change-log';
import { hashPassword, refuseWeakPassword } from './passwords';
import { toUser } from './present';
import { findUserByEmail, findUserById, getUserById, insertUser, pageOfUsers, updateUserRow } from './repo';
import { endAllSessions, type SignedInUser } from './sessions';

/**
 * Accounts made and managed by people other than their owner: the admin CLI and seeds make active accounts;
 * in the back office admins manage everyone, and staff look up customers (at the counter, for orders).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const MIN_PASSWORD_LENGTH = 10;

/** Creates an active account (the admin CLI and seeds); sign-up with email verification comes with accounts. */
export async function createActiveUser(
  db: Db,
  input: { email: string; password: string; name: string; role: Role },
): Promise<{ id: string; email: string }> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new Invalid('Check the email address', { email: 'not an email address' });
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new Invalid('Choose a longer password', {
      password: `use at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  refuseWeakPassword(input.password, 'password', { email, name: input.name });
  if (!roles.includes(input.role)) throw new Invalid('Unknown role', { role: `one of ${roles.join(', ')}` });
  if (await findUserByEmail(db, email))
    throw new Conflict('An account with this email already exists', { email: 'already registered' });
  const passwordHash = await hashPassword(input.password);
  const now = Date.now();
  const id = newId();
  await inTransaction(db, async (tx) => {
    await insertUser(tx, {
      id,
      email,
      name: input.name.trim() || email,
      role: input.role,
      status: 'active',
      password_hash: passwordHash,
      phone: null,
      locale: 'en',
      otp_login: 0,
      email_verified_at: now,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
    // Counters learn of a new customer or staff member at their next pull.
    await recordChanges(tx, accountChanges(id, input.role), now);
  });
  return { id, email };
}

export async function listUsers(
  db: Db,
  caller: SignedInUser,
  query: {
    q?: string | undefined;
    role?: Role | undefined;
    status?: UserStatus | undefined;
    page: number;
    pageSize: number;
  },
) {
  const role = caller.role === 'admin' ? query.role : 'customer';
  return pageAnswer(await pageOfUsers(db, { role, status: query.status, q: query.q }, query), toUser, query);
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string },
  actor: Actor,
): Promise<User> {
  const created = await createActiveUser(db, input);
  await inTransaction(db, (tx) =>
    recordAudit(tx, actor, {
      action: 'user.create',
      entity: 'user',
      entityId: created.id,
      after: { email: created.email, role: input.role },
    }),
  );
  return toUser(await getUserById(db, created.id));
}

export async function updateUser(
  db: Db,
  caller: SignedInUser,
  id: string,
  patch: { role?: Role | undefined; status?: 'active' | 'disabled' | undefined; name?: string | undefined },
  actor: Actor,
): Promise<User> {
  return inTransaction(db, async (tx) => {
    await lockAdminRoster(tx);
    const current = await findUserById(tx, id);
    if (!current) throw new NotFound('There is no such account');
    if (id === caller.id && ((patch.role && patch.role !== 'admin') || patch.status === 'disabled')) {
      throw new Conflict('You cannot remove your own admin access; ask another admin', {
        [patch.status === 'disabled' ? 'status' : 'role']: 'your own account',
      });
    }
    const next = {
      role: patch.role ?? current.role,
      status: patch.status ?? current.status,
      name: patch.name ?? current.name,
      updated_at: Date.now(),
    };
    const wasActiveAdmin = current.role === 'admin' && current.status === 'active';
    const staysActiveAdmin = next.role === 'admin' && next.status === 'active';
    if (wasActiveAdmin && !staysActiveAdmin && (await otherActiveAdmins(tx, id)) === 0)
      throw new Conflict('The shop needs at least one active admin: make someone else an admin first', {
        [next.status === 'active' ? 'role' : 'status']: 'the last active admin',
      });
    await updateUserRow(tx, id, next);
    if (next.status === 'disabled' && current.status !== 'disabled') await endAllSessions(tx, id);
    // One audit row for each field that changed: user.role_changed, then user.status_changed.
    for (const field of ['role', 'status'] as const) {
      if (next[field] === current[field]) continue;
      await recordAudit(tx, actor, {
        action: `user.${field}_changed`,
        entity: 'user',
        entityId: id,
        before: { [field]: current[field] },
        after: { [field]: next[field] },
      });
    }
    await recordChanges(tx, accountChanges(id, current.role, next.role));
    return toUser({ ...current, ...next });
  });
}
