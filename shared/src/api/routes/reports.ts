import {
  marginReportSchema,
  myShiftListSchema,
  myShiftsQuerySchema,
  reportRangeSchema,
  salesReportQuerySchema,
  salesReportSchema,
  shiftSummariesSchema,
  systemHealthSchema,
  takingsReportSchema,
  topProductsQuerySchema,
  topProductsSchema,
} from '../../reports';
import { defineRoute, requires } from '../route';
import { idParam } from './common';
import { shiftReportSchema } from './counter';

/** Sales reports and system health: the contract route (ARCHITECTURE.md) and what the screens need beside it. */
export const reportRoutes = {
  getSalesReport: defineRoute({
    method: 'get',
    path: '/admin/reports/sales',
    summary:
      'Sales for a range of shop days (Asia/Phnom_Penh, both ends included) grouped by day, ISO week, month, ' +
      'category, brand, product, staff member, channel or payment method; USD cents; definitions in docs/reports.md',
    tag: 'reports',
    access: requires('reports.view'),
    query: salesReportQuerySchema,
    response: salesReportSchema,
  }),
  getTopProducts: defineRoute({
    method: 'get',
    path: '/admin/reports/top-products',
    summary: 'The products with the most net sales in a range of shop days',
    tag: 'reports',
    access: requires('reports.view'),
    query: topProductsQuerySchema,
    response: topProductsSchema,
  }),
  getMarginReport: defineRoute({
    method: 'get',
    path: '/admin/reports/margin',
    summary:
      'Gross margin per category where cost prices are known, and the net sales of products without a cost price',
    tag: 'reports',
    access: requires('reports.view'),
    query: reportRangeSchema,
    response: marginReportSchema,
  }),
  getTakingsReport: defineRoute({
    method: 'get',
    path: '/admin/reports/takings',
    summary: 'Money received and given back per method and currency, as it moved (USD cents or riel)',
    tag: 'reports',
    access: requires('reports.view'),
    query: reportRangeSchema,
    response: takingsReportSchema,
  }),
  listShiftSummaries: defineRoute({
    method: 'get',
    path: '/admin/reports/shifts',
    summary: 'Counter shifts opened in a range of shop days with expected, counted and the cash difference',
    tag: 'reports',
    access: requires('reports.view'),
    query: reportRangeSchema,
    response: shiftSummariesSchema,
  }),
  listMyShifts: defineRoute({
    method: 'get',
    path: '/reports/my-shifts',
    summary: 'The shifts the signed-in staff member opened, newest first (admins too: only their own)',
    tag: 'reports',
    access: requires('pos.sell'),
    query: myShiftsQuerySchema,
    response: myShiftListSchema,
  }),
  getMyShiftReport: defineRoute({
    method: 'get',
    path: '/reports/my-shifts/:id',
    summary: "A shift's figures for the staff member who opened it (admins: any shift); others get 404",
    tag: 'reports',
    access: requires('pos.sell'),
    params: idParam,
    response: shiftReportSchema,
    errors: [404],
  }),
  getSystemHealth: defineRoute({
    method: 'get',
    path: '/admin/health',
    summary:
      "The server processes' uptime and version, this one's requests, the database's size and pool, the file " +
      "store's disk, the mail and payment-check backlogs, the counters' last sync, Bakong's reachability and " +
      'token, with warnings',
    tag: 'reports',
    access: requires('health.view'),
    response: systemHealthSchema,
  }),
} as const;
