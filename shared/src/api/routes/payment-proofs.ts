import { z } from 'zod';
import {
  orderPaymentProofsSchema,
  paymentProofListQuerySchema,
  paymentProofListSchema,
  paymentProofMaxBytes,
  paymentProofReviewInputSchema,
  paymentProofReviewItemSchema,
  paymentProofSchema,
} from '../../payments';
import { defineRoute, requires, signedIn } from '../route';
import { idParam } from './common';

/**
 * Payment screenshots: sent by the order's customer, checked by staff. Only an accepted proof (or a matching Bakong
 * check) makes an order paid; nothing here lets a customer change an order's status.
 */
export const paymentProofRoutes = {
  uploadPaymentProof: defineRoute({
    method: 'post',
    path: '/orders/:id/payment-proofs',
    summary:
      'Send a screenshot of a bank transfer for an unpaid order (multipart field `file`: JPEG, PNG or WebP); staff check it',
    tag: 'payments',
    access: signedIn,
    params: idParam,
    upload: { field: 'file', maxBytes: paymentProofMaxBytes },
    response: paymentProofSchema,
    status: 201,
    errors: [404, 409, 413],
  }),
  listOrderPaymentProofs: defineRoute({
    method: 'get',
    path: '/orders/:id/payment-proofs',
    summary: "The screenshots sent for an order and what staff decided (another customer's order is 404)",
    tag: 'payments',
    access: signedIn,
    params: idParam,
    response: orderPaymentProofsSchema,
    errors: [404],
  }),
  getPaymentProofImage: defineRoute({
    method: 'get',
    path: '/payment-proofs/:id/image',
    summary: 'A payment screenshot, re-encoded as WebP without metadata: for its customer and staff only',
    tag: 'payments',
    access: signedIn,
    params: idParam,
    response: z.unknown(),
    produces: ['image/webp'],
    errors: [404],
  }),
  listPaymentProofs: defineRoute({
    method: 'get',
    path: '/admin/payment-proofs',
    summary: 'The verification queue: payment screenshots with their order, amount and duplicate flag',
    tag: 'back office',
    access: requires('orders.manage'),
    query: paymentProofListQuerySchema,
    response: paymentProofListSchema,
  }),
  reviewPaymentProof: defineRoute({
    method: 'post',
    path: '/admin/payment-proofs/:id/review',
    summary:
      'Accept a screenshot (the order becomes paid, stock sold) or reject it with a reason the customer is mailed; once',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    body: paymentProofReviewInputSchema,
    response: paymentProofReviewItemSchema,
    errors: [404, 409],
  }),
} as const;
