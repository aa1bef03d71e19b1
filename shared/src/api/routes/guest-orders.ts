import {
  guestOrderPlacedSchema,
  orderAccessInputSchema,
  placeGuestOrderInputSchema,
} from '../../guest-orders';
import { orderSchema } from '../../orders';
import {
  orderPaymentProofsSchema,
  orderPaymentSchema,
  paymentProofMaxBytes,
  paymentProofSchema,
} from '../../payments';
import { defineRoute, publicAccess, signedIn } from '../route';
import { idParam } from './common';

/**
 * A guest's order, opened by the token of its link (guest-orders.ts). Reading routes are POSTs so that the token
 * travels in the body: URLs end up in access logs, proxies and browser history.
 */
export const guestOrderRoutes = {
  placeGuestOrder: defineRoute({
    method: 'post',
    path: '/guest-orders',
    summary:
      'Place an order as a guest (name, phone, email; no account) from `items` or the guest cart; answers the ' +
      "order and the token that opens its page; never joins an account, whoever's the email is",
    tag: 'orders',
    access: publicAccess,
    body: placeGuestOrderInputSchema,
    response: guestOrderPlacedSchema,
    status: 201,
    errors: [409, 429],
  }),
  openGuestOrder: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/open',
    summary: "A guest's order by the token of its link (any other token, or another order's, is 404)",
    tag: 'orders',
    access: publicAccess,
    params: idParam,
    body: orderAccessInputSchema,
    response: orderSchema,
    errors: [404, 429],
  }),
  getGuestOrderPayment: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/payment',
    summary: "A guest order's KHQR and whether it is paid, by the token of its link; the pay page polls this",
    tag: 'payments',
    access: publicAccess,
    params: idParam,
    body: orderAccessInputSchema,
    response: orderPaymentSchema,
    errors: [404, 429],
  }),
  renewGuestOrderPayment: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/payment/renew',
    summary: 'A fresh KHQR for an unpaid guest order whose QR expired, by the token of its link',
    tag: 'payments',
    access: publicAccess,
    params: idParam,
    body: orderAccessInputSchema,
    response: orderPaymentSchema,
    errors: [404, 409, 429],
  }),
  cancelGuestOrder: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/cancel',
    summary: 'Cancel an unpaid guest order by the token of its link; its stock is given back',
    tag: 'orders',
    access: publicAccess,
    params: idParam,
    body: orderAccessInputSchema,
    response: orderSchema,
    errors: [404, 409, 429],
  }),
  uploadGuestPaymentProof: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/payment-proofs',
    summary:
      'Send a screenshot of a bank transfer for an unpaid guest order (multipart field `file`: JPEG, PNG or WebP), ' +
      'by the token of its link in the `x-order-token` header, checked before the file is read; staff check it',
    tag: 'payments',
    access: publicAccess,
    params: idParam,
    orderTokenHeader: true,
    upload: { field: 'file', maxBytes: paymentProofMaxBytes },
    response: paymentProofSchema,
    status: 201,
    errors: [404, 409, 413, 429],
  }),
  listGuestPaymentProofs: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/payment-proofs/list',
    summary: 'The screenshots sent for a guest order and what staff decided, by the token of its link',
    tag: 'payments',
    access: publicAccess,
    params: idParam,
    body: orderAccessInputSchema,
    response: orderPaymentProofsSchema,
    errors: [404, 429],
  }),
  claimGuestOrder: defineRoute({
    method: 'post',
    path: '/guest-orders/:id/claim',
    summary:
      "Make a guest order the caller's: the token of its link and a signed-in customer whose (proven) email is " +
      "the order's; anything else is 404",
    tag: 'orders',
    access: signedIn,
    params: idParam,
    body: orderAccessInputSchema,
    response: orderSchema,
    errors: [404, 429],
  }),
} as const;
