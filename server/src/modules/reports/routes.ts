import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { readHealth, type HealthSources } from './health';
import {
  marginReport,
  myShiftReport,
  myShifts,
  salesReport,
  shiftSummaries,
  takingsReport,
  topProducts,
} from './service';

export function reportHandlers(
  db: Db,
  health: HealthSources,
): Handlers<
  | 'getSalesReport'
  | 'getTopProducts'
  | 'getMarginReport'
  | 'getTakingsReport'
  | 'listShiftSummaries'
  | 'listMyShifts'
  | 'getMyShiftReport'
  | 'getSystemHealth'
> {
  return {
    getSalesReport: ({ query }) => salesReport(db, query),
    getTopProducts: ({ query }) => topProducts(db, query),
    getMarginReport: ({ query }) => marginReport(db, query),
    getTakingsReport: ({ query }) => takingsReport(db, query),
    listShiftSummaries: ({ query }) => shiftSummaries(db, query),
    listMyShifts: ({ query, user }) => myShifts(db, user, query),
    getMyShiftReport: ({ params, user }) => myShiftReport(db, params.id, user),
    getSystemHealth: () => readHealth(health),
  };
}
