import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';

const notYet = async (): Promise<never> => {
  throw new Error('not built yet (issue 11: push)');
};

/** What counters push, and the items the server parked for staff. */
export function pushHandlers(
  _db: Db,
): Handlers<'pushItems' | 'listParkedItems' | 'retryParkedItem' | 'discardParkedItem'> {
  return { pushItems: notYet, listParkedItems: notYet, retryParkedItem: notYet, discardParkedItem: notYet };
}
