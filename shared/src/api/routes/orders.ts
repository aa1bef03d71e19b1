import { z } from 'zod';
import {
  cancelOrderLineInputSchema,
  orderListQuerySchema,
  orderListSchema,
  orderSchema,
  orderTransitionInputSchema,
  placeOrderInputSchema,
} from '../../orders';
import { orderPaymentSchema } from '../../payments';
import { defineRoute, requires, signedIn } from '../route';
import { idParam } from './common';

/** Orders, their lifecycle and their KHQR payments. */
export const orderRoutes = {
  placeOrder: defineRoute({
    method: 'post',
    path: '/orders',
    summary:
      'Place an order from `items` or, without them, from the cart; reserves the stock; honours Idempotency-Key',
    tag: 'orders',
    access: signedIn,
    body: placeOrderInputSchema,
    response: orderSchema,
    status: 201,
    errors: [409],
  }),
  listOrders: defineRoute({
    method: 'get',
    path: '/orders',
    summary: "The caller's orders, newest first (staff: everyone's)",
    tag: 'orders',
    access: signedIn,
    query: orderListQuerySchema,
    response: orderListSchema,
  }),
  getOrder: defineRoute({
    method: 'get',
    path: '/orders/:id',
    summary: "One order with its lines and timeline (another customer's order is 404)",
    tag: 'orders',
    access: signedIn,
    params: idParam,
    response: orderSchema,
    errors: [404],
  }),
  cancelOrder: defineRoute({
    method: 'post',
    path: '/orders/:id/cancel',
    summary: 'Cancel an unpaid order; its stock is given back',
    tag: 'orders',
    access: signedIn,
    params: idParam,
    response: orderSchema,
    errors: [404, 409],
  }),
  getOrderPayment: defineRoute({
    method: 'get',
    path: '/orders/:id/payment',
    summary:
      "The order's KHQR, a link that opens the customer's bank app on it, and whether it is paid; the pay page " +
      'polls this (never Bakong)',
    tag: 'payments',
    access: signedIn,
    params: idParam,
    response: orderPaymentSchema,
    errors: [404],
  }),
  renewOrderPayment: defineRoute({
    method: 'post',
    path: '/orders/:id/payment/renew',
    summary: 'A fresh KHQR for an unpaid order whose QR expired while its stock is still reserved',
    tag: 'payments',
    access: signedIn,
    params: idParam,
    response: orderPaymentSchema,
    errors: [404, 409],
  }),
  transitionOrder: defineRoute({
    method: 'post',
    path: '/admin/orders/:id/transitions',
    summary:
      'Move an order along its lifecycle (staff), with a reason where it matters; the handover (out for ' +
      'delivery, picked up) names the serial numbers of serialized units, which are sold from then on',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    body: orderTransitionInputSchema,
    response: orderSchema,
    errors: [404, 409],
  }),
  cancelOrderLine: defineRoute({
    method: 'post',
    path: '/admin/orders/:id/lines/:lineId/cancel',
    summary:
      'Cancel units of one order line (staff): stock goes back through the ledger; before payment the total ' +
      'drops and a new KHQR replaces the old one, after payment the refund owed grows',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam.extend({ lineId: z.string().min(1).max(40) }),
    body: cancelOrderLineInputSchema,
    response: orderSchema,
    errors: [404, 409],
  }),
} as const;
