import { z } from 'zod';
import { defineRoute, requires } from '../route';
import { idParam } from './common';

/** An amount of cash in both of the shop's currencies (minor units: USD cents, riel). */
const cash = z.object({ usdCents: z.number().int(), khr: z.number().int() });

/**
 * A counter shift's cash report: an X report while it is open, the Z report once closed. What the drawer should
 * hold is the float, plus cash kept from sales (what was paid, the change went back) and pay-ins, minus pay-outs and
 * cash refunds; the difference is what was counted minus that.
 */
export const shiftReportSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    deviceName: z.string(),
    openedBy: z.object({ id: z.string(), name: z.string() }),
    openedAt: z.number().int(),
    closedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    closedAt: z.number().int().nullable(),
    /** How many sales the shift made and what they came to (USD cents, after discounts). */
    sales: z.object({ count: z.number().int(), totalCents: z.number().int() }),
    float: cash,
    cashSales: cash,
    payIns: cash,
    payOuts: cash,
    cashRefunds: cash,
    expected: cash,
    /** Null while the shift is open (X report). */
    counted: cash.nullable(),
    difference: cash.nullable(),
  })
  .meta({ id: 'ShiftReport' });
export type ShiftReport = z.infer<typeof shiftReportSchema>;

/** Back-office views of what counters did. */
export const counterRoutes = {
  getShiftReport: defineRoute({
    method: 'get',
    path: '/admin/shifts/:id',
    summary:
      "A counter shift's cash: float, sales, pay-ins and outs, refunds, expected against counted (X/Z report)",
    tag: 'back office',
    access: requires('pos.sell'),
    params: idParam,
    response: shiftReportSchema,
    errors: [404],
  }),
} as const;
