import type { Role, User, UserStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { toUser } from './present';
import { endAllSessions, type SignedInUser } from './sessions';
import { createActiveUser } from './users';

/** Accounts in the back office: admins manage everyone; staff look up customers (at the counter, for orders). */
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
  let base = db.selectFrom('users');
  if (role) base = base.where('role', '=', role);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.q) {
    // A small table searched by staff: a LIKE scan is fine here, unlike the catalog.
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('email', 'like', pattern),
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb('phone', 'like', pattern),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(total.n), page: query.page, pageSize: query.pageSize };
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
  const row = await db.selectFrom('users').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  return toUser(row);
}

export async function updateUser(
  db: Db,
  caller: SignedInUser,
  id: string,
  patch: { role?: Role | undefined; status?: 'active' | 'disabled' | undefined; name?: string | undefined },
  actor: Actor,
): Promise<User> {
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw new NotFound('There is no such account');
    if (id === caller.id && ((patch.role && patch.role !== 'admin') || patch.status === 'disabled')) {
      throw new Conflict('You cannot remove your own admin access; ask another admin', {
        role: 'your own account',
      });
    }
    const next = {
      role: patch.role ?? current.role,
      status: patch.status ?? current.status,
      name: patch.name ?? current.name,
      updated_at: Date.now(),
    };
    await tx.updateTable('users').set(next).where('id', '=', id).execute();
    if (next.status === 'disabled' && current.status !== 'disabled') await endAllSessions(tx, id);
    if (next.role !== current.role) {
      await recordAudit(tx, actor, {
        action: 'user.role_changed',
        entity: 'user',
        entityId: id,
        before: { role: current.role },
        after: { role: next.role },
      });
    }
    if (next.status !== current.status) {
      await recordAudit(tx, actor, {
        action: 'user.status_changed',
        entity: 'user',
        entityId: id,
        before: { status: current.status },
        after: { status: next.status },
      });
    }
    return toUser({ ...current, ...next });
  });
}
