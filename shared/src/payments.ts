import { z } from 'zod';
import { currencySchema, orderStatuses, paymentViewSchema } from './orders';

/**
 * How an order's money came: a KHQR confirmed by Bakong, cash at the counter (USD or riel), or a screenshot staff
 * accepted.
 */
export const paymentMethods = ['khqr', 'cash', 'proof'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/**
 * Payment proofs: a screenshot of a bank transfer a customer sends when the KHQR check cannot confirm their
 * payment. Staff accept it (the order becomes paid) or reject it with a reason the customer is mailed.
 */
export const paymentProofStatuses = ['pending', 'accepted', 'rejected'] as const;
export type PaymentProofStatus = (typeof paymentProofStatuses)[number];

/** Uploads larger than this are refused (413) before they are read. */
export const paymentProofMaxBytes = 8 * 1024 * 1024;

/** A proof as its customer sees it on their order. */
export const paymentProofSchema = z
  .object({
    id: z.string(),
    status: z.enum(paymentProofStatuses),
    /** Why staff rejected it (rejected proofs only). */
    reason: z.string().nullable(),
    uploadedAt: z.number().int(),
    reviewedAt: z.number().int().nullable(),
  })
  .meta({ id: 'PaymentProof' });
export type PaymentProof = z.infer<typeof paymentProofSchema>;

export const orderPaymentProofsSchema = z
  .object({ items: z.array(paymentProofSchema) })
  .meta({ id: 'OrderPaymentProofs' });

/** A proof in the staff's verification queue: what to compare the screenshot with. */
export const paymentProofReviewItemSchema = paymentProofSchema
  .extend({
    orderId: z.string(),
    orderNumber: z.string(),
    orderStatus: z.enum(orderStatuses),
    /** What the order asks for, in minor units of `currency` (USD cents or whole riel): as its KHQR did. */
    amount: z.number().int(),
    currency: currencySchema,
    customer: z.object({ id: z.string().nullable(), name: z.string(), email: z.string().nullable() }),
    /** Sent by the holder of a guest order's link (no account): the customer is the order's guest contact. */
    sentByGuest: z.boolean(),
    /** The same picture (byte for byte) was sent for this other order first: a screenshot used twice. */
    duplicateOfOrderId: z.string().nullable(),
    duplicateOfOrderNumber: z.string().nullable(),
    reviewedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** The bank's transaction id staff read on an accepted screenshot: one transaction pays one order. */
    transactionRef: z.string().nullable(),
  })
  .meta({ id: 'PaymentProofReviewItem' });
export type PaymentProofReviewItem = z.infer<typeof paymentProofReviewItemSchema>;

export const paymentProofListQuerySchema = z.object({
  /** The queue by default: proofs waiting for staff, oldest first. */
  status: z.enum(paymentProofStatuses).default('pending'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const paymentProofListSchema = z
  .object({
    items: z.array(paymentProofReviewItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'PaymentProofList' });

export const paymentProofReviewInputSchema = z
  .object({
    decision: z.enum(['accept', 'reject']),
    /** Told to the customer when rejecting: what was wrong with the screenshot. */
    reason: z.string().trim().max(500).optional(),
    /**
     * Accepting: the transaction id (or Bakong hash) shown on the screenshot. A transaction that already paid another
     * order, by an accepted screenshot or a Bakong-confirmed KHQR, is refused (409): the same payment shown twice
     * with a different picture.
     */
    transactionRef: z
      .string()
      .trim()
      .min(4, 'the transaction id as the screenshot shows it')
      .max(64)
      .regex(/^[A-Za-z0-9 ._/-]+$/, 'letters, digits, spaces and . _ / - only')
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'reject' && !input.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why, for the customer' });
    if (input.decision === 'reject' && input.transactionRef)
      ctx.addIssue({ code: 'custom', path: ['transactionRef'], message: 'only when accepting' });
  })
  .meta({ id: 'PaymentProofReviewInput' });
export type PaymentProofReviewInput = z.infer<typeof paymentProofReviewInputSchema>;

/**
 * What the pay page polls: the order's KHQR and, for customers on a phone, a link that opens their bank app on it
 * (Bakong's deeplink), since a phone cannot scan its own screen.
 */
export const orderPaymentSchema = paymentViewSchema
  .extend({
    /** Null when the QR can no longer be paid, or Bakong did not give a link in time (the QR still works). */
    deeplink: z.string().nullable(),
    /** The server's clock when it answered: a page counts down to `expiresAt` even on a phone whose clock is off. */
    serverNow: z.number().int(),
  })
  .meta({ id: 'OrderPayment' });
export type OrderPayment = z.infer<typeof orderPaymentSchema>;

/**
 * Money owed back: Bakong reported a payment for an order that no longer waited for it (cancelled, expired, or paid
 * already). The shop keeps the money until staff send it back and mark the record refunded.
 */
export const refundOwedStatuses = ['open', 'refunded'] as const;
export type RefundOwedStatus = (typeof refundOwedStatuses)[number];

export const refundOwedSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    /** The order's status when the money was found. */
    orderStatus: z.enum(orderStatuses),
    customer: z.object({
      id: z.string().nullable(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    /** What was paid, in minor units of `currency` (USD cents or whole riel). */
    amount: z.number().int(),
    currency: currencySchema,
    /** Bakong's transaction hash, and the md5 of the QR that was paid: what the bank statement shows. */
    bakongHash: z.string().nullable(),
    md5: z.string(),
    foundAt: z.number().int(),
    status: z.enum(refundOwedStatuses),
    refundedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    refundedAt: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'RefundOwed' });
export type RefundOwed = z.infer<typeof refundOwedSchema>;

export const refundOwedListQuerySchema = z.object({
  /** What is still owed by default, oldest first; refunded ones newest first. */
  status: z.enum(refundOwedStatuses).default('open'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const refundOwedListSchema = z
  .object({
    items: z.array(refundOwedSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'RefundOwedList' });

export const markRefundedInputSchema = z
  .object({
    /** How the money went back (bank, reference, who received it): for the audit and the next person to look. */
    note: z.string().trim().min(3, 'say how the money went back').max(500),
  })
  .meta({ id: 'MarkRefundedInput' });
export type MarkRefundedInput = z.infer<typeof markRefundedInputSchema>;
