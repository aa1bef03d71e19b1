import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { discardParkedItem, listParkedItems, retryParkedItem } from './parked';
import { pushItems } from './push-service';
import { shiftReport } from './shift-report';
import { listShortfalls, resolveShortfall } from './shortfalls';

/** What counters push, the items the server parked for staff, counter shortfalls and a shift's cash report. */
export function pushHandlers(
  db: Db,
): Handlers<
  | 'pushItems'
  | 'listParkedItems'
  | 'retryParkedItem'
  | 'discardParkedItem'
  | 'getShiftReport'
  | 'listShortfalls'
  | 'resolveShortfall'
> {
  return {
    pushItems: ({ counter, body }) => pushItems(db, counter, body),
    listParkedItems: () => listParkedItems(db),
    retryParkedItem: ({ user, actor, params }) =>
      retryParkedItem(db, { ...actor, userId: user.id }, params.id),
    discardParkedItem: ({ user, actor, params, body }) =>
      discardParkedItem(db, { ...actor, userId: user.id }, params.id, body.reason),
    getShiftReport: ({ params }) => shiftReport(db, params.id),
    listShortfalls: () => listShortfalls(db),
    resolveShortfall: ({ user, actor, params, body }) =>
      resolveShortfall(db, { ...actor, userId: user.id }, params.id, body.resolution),
  };
}
