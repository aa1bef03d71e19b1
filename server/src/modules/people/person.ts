import type { Person } from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import { toUser } from '../accounts/present';
import { findUserById } from '../accounts/repo';

/**
 * One account for its page in the back office, so that a shared address opens it without the list that led there:
 * the same fields as a row of the users list, plus when its counter PIN was set (never the PIN's verifier).
 */
export async function getPerson(db: Db, id: string): Promise<Person> {
  const row = await findUserById(db, id);
  if (!row) throw new NotFound('There is no such account');
  return {
    ...toUser(row),
    counterPinSetAt: row.pin_verifier && row.pin_set_at ? Number(row.pin_set_at) : null,
  };
}
