import { z } from 'zod';
import { bakongTokenSources } from './admin-settings';

/**
 * Sales reports and system health (issue 14; the route contract in ARCHITECTURE.md "Reports and health"). Amounts
 * are USD cents unless a field says otherwise; days are the shop's calendar days (Asia/Phnom_Penh), `YYYY-MM-DD`.
 * What counts as a sale, a discount and a refund is written down in docs/reports.md.
 */
export const salesGroupings = [
  'day',
  'week',
  'month',
  'category',
  'brand',
  'product',
  'staff',
  'channel',
  'payment',
] as const;
export type SalesGrouping = (typeof salesGroupings)[number];

/** How a sale was paid, as the payment grouping names it. */
export const salesPaymentKeys = ['khqr', 'cash_usd', 'cash_khr', 'proof'] as const;
export type SalesPaymentKey = (typeof salesPaymentKeys)[number];

const shopDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** `from` … `to`, both ends included, at most about ten years: a typo cannot ask for a millennium. */
function checkedRange<S extends z.ZodType<{ from: string; to: string }>>(schema: S) {
  return schema
    .refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['to'] })
    .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 3700 * 86_400_000, {
      message: 'at most ten years at once',
      path: ['to'],
    });
}

export const reportRangeSchema = checkedRange(z.object({ from: shopDay, to: shopDay }));
export type ReportRange = z.infer<typeof reportRangeSchema>;

export const salesReportQuerySchema = checkedRange(
  z.object({ from: shopDay, to: shopDay, groupBy: z.enum(salesGroupings) }),
);
export type SalesReportQuery = z.infer<typeof salesReportQuerySchema>;

const figures = {
  orders: z.number().int(),
  units: z.number().int(),
  revenueCents: z.number().int(),
  discountCents: z.number().int(),
  refundCents: z.number().int(),
  netCents: z.number().int(),
};

export const salesReportRowSchema = z.object({ key: z.string(), label: z.string(), ...figures });
export type SalesReportRow = z.infer<typeof salesReportRowSchema>;

export const salesReportSchema = z
  .object({ rows: z.array(salesReportRowSchema), totals: z.object(figures) })
  .meta({ id: 'SalesReport' });
export type SalesReport = z.infer<typeof salesReportSchema>;

export const topProductsQuerySchema = checkedRange(
  z.object({ from: shopDay, to: shopDay, limit: z.coerce.number().int().min(1).max(100).default(10) }),
);

export const topProductsSchema = z
  .object({ rows: z.array(salesReportRowSchema.extend({ sku: z.string() })) })
  .meta({ id: 'TopProducts' });
export type TopProducts = z.infer<typeof topProductsSchema>;

/** Gross margin where the cost price is known: net sales of costed products less what the units kept cost. */
export const marginReportSchema = z
  .object({
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        netCents: z.number().int(),
        costedNetCents: z.number().int(),
        costCents: z.number().int(),
        marginCents: z.number().int(),
        /** Net sales of products without a cost price: not in the margin. */
        uncostedNetCents: z.number().int(),
      }),
    ),
    totals: z.object({
      netCents: z.number().int(),
      costedNetCents: z.number().int(),
      costCents: z.number().int(),
      marginCents: z.number().int(),
      uncostedNetCents: z.number().int(),
    }),
  })
  .meta({ id: 'MarginReport' });
export type MarginReport = z.infer<typeof marginReportSchema>;

/** Money as it came in and went back out, in the currency it moved in (minor units: USD cents or riel). */
export const takingsReportSchema = z
  .object({
    rows: z.array(
      z.object({
        method: z.enum(['khqr', 'cash', 'proof']),
        currency: z.enum(['USD', 'KHR']),
        payments: z.number().int(),
        receivedMinor: z.number().int(),
        refundedMinor: z.number().int(),
        netMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TakingsReport' });
export type TakingsReport = z.infer<typeof takingsReportSchema>;

const cashPair = z.object({ usdCents: z.number().int(), khr: z.number().int() });

/** A counter shift with what the drawer should have held and what was counted. */
export const shiftSummarySchema = z.object({
  id: z.string(),
  deviceName: z.string(),
  openedBy: z.object({ id: z.string(), name: z.string() }),
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  sales: z.object({ count: z.number().int(), totalCents: z.number().int() }),
  expected: cashPair,
  counted: cashPair.nullable(),
  difference: cashPair.nullable(),
});
export type ShiftSummary = z.infer<typeof shiftSummarySchema>;

/** Counter shifts opened in a range. */
export const shiftSummariesSchema = z
  .object({ rows: z.array(shiftSummarySchema) })
  .meta({ id: 'ShiftSummaries' });
export type ShiftSummaries = z.infer<typeof shiftSummariesSchema>;

export const myShiftsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

/** The signed-in staff member's own shifts, newest first. */
export const myShiftListSchema = z
  .object({
    items: z.array(shiftSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'MyShiftList' });
export type MyShiftList = z.infer<typeof myShiftListSchema>;

/** One warning of the health screen, in both of the shop's languages. */
const healthWarning = z.object({ code: z.string(), en: z.string(), km: z.string() });

export const systemHealthSchema = z
  .object({
    process: z.object({
      version: z.string(),
      nodeVersion: z.string(),
      uptimeSeconds: z.number(),
      startedAt: z.number().int(),
      dialect: z.enum(['sqlite', 'mysql']),
    }),
    requests: z.array(
      z.object({
        group: z.string(),
        count: z.number().int(),
        errors: z.number().int(),
        p50Ms: z.number().nullable(),
        p99Ms: z.number().nullable(),
      }),
    ),
    mailOutbox: z.object({
      waiting: z.number().int(),
      oldestWaitingAt: z.number().int().nullable(),
      failed: z.number().int(),
    }),
    paymentChecks: z.object({ waiting: z.number().int(), oldestWaitingAt: z.number().int().nullable() }),
    devices: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        lastSyncAt: z.number().int().nullable(),
        pendingCount: z.number().int(),
      }),
    ),
    bakong: z.object({
      tokenExpiresAt: z.number().int().nullable(),
      tokenSource: z.enum(bakongTokenSources),
      /** The last probe of the Bakong API (kept about a minute, so looking never hammers Bakong). */
      reachability: z.object({
        reachable: z.boolean(),
        checkedAt: z.number().int(),
        latencyMs: z.number().int(),
        /** Why not, when unreachable: `unavailable`, `timeout`, `unauthorized`, `forbidden`, `bad_response`. */
        reason: z.string().nullable(),
      }),
    }),
    /** MySQL's connection pool (null on SQLite, which has one connection). */
    pool: z.object({ open: z.number().int(), idle: z.number().int(), waiting: z.number().int() }).nullable(),
    /** The shop's database on disk: SQLite's pages and WAL file, or MySQL's tables and indexes. */
    databaseBytes: z.number().int(),
    /** The disk holding uploaded files; null figures under object storage, which has no disk of ours. */
    fileStore: z.object({
      kind: z.enum(['disk', 'object_storage']),
      freeBytes: z.number().int().nullable(),
      totalBytes: z.number().int().nullable(),
    }),
    /** Server processes on this database seen in the last two minutes, this one marked. */
    processes: z.array(
      z.object({
        id: z.string(),
        hostname: z.string(),
        pid: z.number().int(),
        version: z.string(),
        startedAt: z.number().int(),
        lastSeenAt: z.number().int(),
        thisProcess: z.boolean(),
      }),
    ),
    warnings: z.array(healthWarning),
  })
  .meta({ id: 'SystemHealth' });
export type SystemHealth = z.infer<typeof systemHealthSchema>;
