import type { Tx } from '../../db/transaction';

/** The SQL of the people module beside its concerns' own repos (invitations-repo.ts, sign-ins-repo.ts): the admin roster. */

/**
 * Who is an active admin changes one transaction at a time: each such change first updates the `admin_roster`
 * counter row (migration 021), which locks it on MySQL (SQLite runs one writer anyway). Without it, two admins
 * demoting each other at once would each still see the other as an admin and the shop would be left with none.
 * Take it first in the transaction: on MySQL the snapshot of later reads then starts after the other one committed.
 */
export async function lockAdminRoster(tx: Tx): Promise<void> {
  await tx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'admin_roster')
    .execute();
}

/** Active admins other than `userId`. */
export async function otherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
