import type { Db } from '../../db/database';
import { pageOf, type PageRequest } from '../../db/paging';
import type { Tx } from '../../db/transaction';

/** The SQL of sign-in history (from the audit log) and of resetting how a staff member signs in. */

export const signInActions = {
  signed_in: 'auth.login',
  failed: 'auth.login_failed',
  code_sent: 'auth.login_code_sent',
} as const;
export type SignInOutcome = keyof typeof signInActions;

export function pageOfSignIns(db: Db, userId: string, outcome: SignInOutcome | undefined, page: PageRequest) {
  const base = db
    .selectFrom('audit_log')
    .where('entity', '=', 'user')
    .where('entity_id', '=', userId)
    .where('action', 'in', outcome ? [signInActions[outcome]] : Object.values(signInActions));
  const rows = base
    .select(['id', 'action', 'ip', 'after_json', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
  return pageOf(rows, base, page);
}

/** Which of these sessions are still live. */
export async function liveSessionIds(db: Db, ids: string[], now: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', 'in', ids)
    .where('expires_at', '>', now)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Clears a counter PIN: counters refuse the person until they set a new one online. */
export async function clearCounterPin(tx: Tx, userId: string, now: number): Promise<void> {
  await tx
    .updateTable('users')
    .set({ pin_verifier: null, pin_set_at: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
