import { z } from 'zod';
import { addressSchema, localeSchema, userStatuses } from './accounts';
import {
  currencySchema,
  orderChannelSchema,
  orderEventSchema,
  orderItemSchema,
  orderListSchema,
  orderSchema,
  orderStatuses,
} from './orders';
import { paymentMethods, paymentProofReviewItemSchema, refundOwedSchema } from './payments';
import { inquiryStatuses } from './support';

/**
 * What the back office reads of orders, payments and customers (issue 13): lists paged, sorted and filtered on the
 * server, and the details a staff member works from. Money in minor units, times in epoch milliseconds.
 */

const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const person = z.object({ id: z.string(), name: z.string() });

/** A day on the shop's calendar (Asia/Phnom_Penh), as lists filter and reports group by. */
export const shopDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'not a day of the calendar');

export const adminOrderSorts = ['newest', 'oldest', 'total'] as const;

export const adminOrderListQuerySchema = z
  .object({
    status: z.enum(orderStatuses).optional(),
    channel: orderChannelSchema.optional(),
    /** Shop days, both inclusive: orders placed (or sold at a counter) from the start of `from` to the end of `to`. */
    from: shopDaySchema.optional(),
    to: shopDaySchema.optional(),
    customerId: z.string().min(1).max(40).optional(),
    /** Part of an order number, a receipt number, or the customer's name, phone or email. */
    q: z.string().trim().min(1).max(80).optional(),
    /** newest (default), oldest, or total: the largest first. */
    sort: z.enum(adminOrderSorts).default('newest'),
    ...page,
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'on or after `from`' });
  });
export type AdminOrderListQuery = z.infer<typeof adminOrderListQuerySchema>;

const orderListItemSchema = orderListSchema.shape.items.element;

export const adminOrderListSchema = z
  .object({
    items: z.array(
      orderListItemSchema.extend({
        customerPhone: z.string().nullable(),
        /** The receipt printed at the counter (counter sales only). */
        receiptNumber: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'AdminOrderList' });
export type AdminOrderList = z.infer<typeof adminOrderListSchema>;

/** A payment of an order as staff check it: how it came, what Bakong confirmed, what the drawer took. */
export const adminOrderPaymentSchema = z.object({
  id: z.string(),
  method: z.enum(paymentMethods),
  /** pending | paid | expired | superseded | mismatch (in review) */
  status: z.string(),
  currency: currencySchema,
  /** In minor units of `currency`. */
  amount: z.number().int(),
  md5: z.string().nullable(),
  bakongHash: z.string().nullable(),
  /** A KHQR the server could not vouch for (a static QR confirmed by staff, an unverified counter KHQR). */
  needsReconciliation: z.boolean(),
  reconciledAt: z.number().int().nullable(),
  /** Cash: the notes handed over (in `currency`) and the change given back (in `changeCurrency`). */
  tendered: z.number().int().nullable(),
  change: z.number().int().nullable(),
  changeCurrency: currencySchema.nullable(),
  receivedBy: person.nullable(),
  expiresAt: z.number().int().nullable(),
  paidAt: z.number().int().nullable(),
  createdAt: z.number().int(),
});

export const adminOrderSchema = orderSchema
  .extend({
    /** `serialized`: the line's product carries serial numbers, one per unit, named at handover. */
    items: z.array(orderItemSchema.extend({ serialized: z.boolean() })),
    customerPhone: z.string().nullable(),
    /** Order-level discount (USD cents), after line discounts: counter sales. */
    discountCents: z.number().int(),
    /** The timeline, with the person who made each step (null for the system and for customers' own steps). */
    events: z.array(orderEventSchema.extend({ by: person.nullable() })),
    /** Where and by whom a counter sale was made; null for web orders. */
    counter: z
      .object({
        device: z.object({ id: z.string(), name: z.string() }).nullable(),
        staff: person.nullable(),
        shiftId: z.string().nullable(),
        receiptNumber: z.string().nullable(),
      })
      .nullable(),
    payments: z.array(adminOrderPaymentSchema),
    refundsOwed: z.array(refundOwedSchema),
    proofs: z.array(paymentProofReviewItemSchema),
  })
  .meta({ id: 'AdminOrder' });
export type AdminOrder = z.infer<typeof adminOrderSchema>;

/* Payments ------------------------------------------------------------------------------------------------------ */

export const paymentReviewQuerySchema = z.object({
  /** open (default): still waiting for staff (the order in review, or a counter's QR not yet settled); all: every one. */
  state: z.enum(['open', 'all']).default('open'),
  ...page,
});

/** A KHQR that was paid, but not as asked (amount, currency, account): what was asked next to what Bakong reported. */
export const paymentReviewItemSchema = z
  .object({
    id: z.string(),
    /** Null for a counter's online KHQR no sale has taken. */
    order: z.object({ id: z.string(), number: z.string(), status: z.enum(orderStatuses) }).nullable(),
    deviceId: z.string().nullable(),
    customer: z
      .object({
        id: z.string().nullable(),
        name: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      })
      .nullable(),
    asked: z.object({ amount: z.number().int(), currency: currencySchema }),
    /** What Bakong reported; null fields for payments checked before the server kept them (see `problems`). */
    reported: z.object({
      amount: z.number().int().nullable(),
      currency: z.string().nullable(),
      toAccountId: z.string().nullable(),
      hash: z.string().nullable(),
    }),
    /** The differences, as the payment job wrote them ("paid 4000 instead of 4250"). */
    problems: z.array(z.string()),
    md5: z.string().nullable(),
    /** When the payment job found the money. */
    foundAt: z.number().int(),
    reconciledAt: z.number().int().nullable(),
  })
  .meta({ id: 'PaymentReviewItem' });
export type PaymentReviewItem = z.infer<typeof paymentReviewItemSchema>;

export const paymentReviewListSchema = z
  .object({
    items: z.array(paymentReviewItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'PaymentReviewList' });

/**
 * Why a payment waits to be matched with the bank statement: a static KHQR staff confirmed at a counter, a counter's
 * KHQR the server could not vouch for, a paid counter KHQR no sale ever took (docs/decisions/0006-counter-khqr.md),
 * or a counter's KHQR paid but not as asked (the money came; no order to review it with).
 */
export const reconciliationKinds = ['static_qr', 'unverified', 'unclaimed', 'mismatch'] as const;
export const reconciliationOutcomes = ['matched', 'refunded'] as const;

export const reconciliationQuerySchema = z.object({
  /** open (default): oldest first; reconciled: newest first. */
  status: z.enum(['open', 'reconciled']).default('open'),
  ...page,
});

export const reconciliationItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(reconciliationKinds),
    /** Why the server could not vouch for it (unverified counter KHQRs). */
    problem: z.string().nullable(),
    order: z.object({ id: z.string(), number: z.string(), receiptNumber: z.string().nullable() }).nullable(),
    deviceId: z.string().nullable(),
    method: z.enum(paymentMethods),
    currency: currencySchema,
    amount: z.number().int(),
    md5: z.string().nullable(),
    bakongHash: z.string().nullable(),
    receivedBy: person.nullable(),
    paidAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    reconciled: z
      .object({
        at: z.number().int(),
        by: person.nullable(),
        outcome: z.enum(reconciliationOutcomes),
        note: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ReconciliationItem' });
export type ReconciliationItem = z.infer<typeof reconciliationItemSchema>;

export const reconciliationListSchema = z
  .object({
    items: z.array(reconciliationItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ReconciliationList' });

export const reconcilePaymentInputSchema = z
  .object({
    /** matched: found on the bank statement; refunded: the money went back to the customer. */
    outcome: z.enum(reconciliationOutcomes),
    /** What was found or done (statement line, transfer reference): for the audit and the next person to look. */
    note: z.string().trim().min(3, 'say what you found on the statement or how the money went back').max(500),
  })
  .meta({ id: 'ReconcilePaymentInput' });
export type ReconcilePaymentInput = z.infer<typeof reconcilePaymentInputSchema>;

/* Customers ----------------------------------------------------------------------------------------------------- */

export const customerSorts = ['newest', 'oldest', 'name'] as const;

export const customerListQuerySchema = z.object({
  /** Part of a name, phone number or email address. */
  q: z.string().trim().min(1).max(120).optional(),
  status: z.enum(userStatuses).optional(),
  sort: z.enum(customerSorts).default('newest'),
  ...page,
});

export const customerSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    status: z.enum(userStatuses),
    locale: localeSchema,
    createdAt: z.number().int(),
    orderCount: z.number().int(),
    lastOrderAt: z.number().int().nullable(),
  })
  .meta({ id: 'CustomerSummary' });

export const customerListSchema = z
  .object({
    items: z.array(customerSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'CustomerList' });

/** How many of a customer's orders the detail shows; the rest through GET /admin/orders?customerId=. */
export const customerRecentOrders = 20;

export const customerDetailSchema = z
  .object({
    customer: customerSummarySchema,
    /** The latest orders, newest first; `total` counts them all. */
    orders: z.object({ items: adminOrderListSchema.shape.items, total: z.number().int() }),
    addresses: z.array(addressSchema),
    inquiries: z.array(
      z.object({
        id: z.string(),
        subject: z.string(),
        status: z.enum(inquiryStatuses),
        orderId: z.string().nullable(),
        createdAt: z.number().int(),
        updatedAt: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CustomerDetail' });
export type CustomerDetail = z.infer<typeof customerDetailSchema>;
