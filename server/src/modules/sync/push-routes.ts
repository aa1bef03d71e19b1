import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { discardParkedItem, listParkedItems, retryParkedItem } from './parked';
import { pushItems } from './push-service';

/** What counters push, and the items the server parked for staff. */
export function pushHandlers(
  db: Db,
): Handlers<'pushItems' | 'listParkedItems' | 'retryParkedItem' | 'discardParkedItem'> {
  return {
    pushItems: ({ counter, body }) => pushItems(db, counter, body),
    listParkedItems: () => listParkedItems(db),
    retryParkedItem: ({ user, actor, params }) =>
      retryParkedItem(db, { ...actor, userId: user.id }, params.id),
    discardParkedItem: ({ user, actor, params, body }) =>
      discardParkedItem(db, { ...actor, userId: user.id }, params.id, body.reason),
  };
}
