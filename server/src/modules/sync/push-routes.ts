import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { discardParkedItem, listParkedItems, retryParkedItem } from './parked';
import { pushItems } from './push-service';
import { shiftReport } from './shift-report';

/** What counters push, the items the server parked for staff, and the cash report of a counter's shift. */
export function pushHandlers(
  db: Db,
): Handlers<'pushItems' | 'listParkedItems' | 'retryParkedItem' | 'discardParkedItem' | 'getShiftReport'> {
  return {
    pushItems: ({ counter, body }) => pushItems(db, counter, body),
    listParkedItems: () => listParkedItems(db),
    retryParkedItem: ({ user, actor, params }) =>
      retryParkedItem(db, { ...actor, userId: user.id }, params.id),
    discardParkedItem: ({ user, actor, params, body }) =>
      discardParkedItem(db, { ...actor, userId: user.id }, params.id, body.reason),
    getShiftReport: ({ params }) => shiftReport(db, params.id),
  };
}
