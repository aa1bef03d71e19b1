import { orderSchema } from '../../orders';
import { orderPaymentSchema } from '../../payments';
import {
  counterPreOrderInputSchema,
  placePreOrderInputSchema,
  preOrderCashInputSchema,
  preOrderListQuerySchema,
  preOrderListSchema,
} from '../../pre-orders';
import { defineRoute, requires, signedIn } from '../route';
import { idParam } from './common';

/**
 * Pre-orders of products out of stock (docs/decisions/0019-pre-orders.md). A customer cancels one with the orders'
 * own `POST /orders/:id/cancel`; staff with `POST /admin/orders/:id/transitions` (to cancelled).
 */
export const preOrderRoutes = {
  placePreOrder: defineRoute({
    method: 'post',
    path: '/pre-orders',
    summary:
      'Pre-order a product that is out of stock and takes pre-orders; answers the order, whose KHQR (GET ' +
      '/orders/:id/payment) asks for the deposit (none at 0 %)',
    tag: 'orders',
    access: signedIn,
    body: placePreOrderInputSchema,
    response: orderSchema,
    status: 201,
    errors: [404, 409],
  }),
  payPreOrderRest: defineRoute({
    method: 'post',
    path: '/pre-orders/:id/rest-payment',
    summary: 'A KHQR for the rest of a pre-order whose product arrived (the current one while it is payable)',
    tag: 'payments',
    access: signedIn,
    params: idParam,
    response: orderPaymentSchema,
    errors: [404, 409],
  }),
  listPreOrders: defineRoute({
    method: 'get',
    path: '/admin/pre-orders',
    summary: "Pre-orders, a product's or all, in the order they are served (first made first)",
    tag: 'back office',
    access: requires('orders.manage'),
    query: preOrderListQuerySchema,
    response: preOrderListSchema,
  }),
  placeCounterPreOrder: defineRoute({
    method: 'post',
    path: '/admin/pre-orders',
    summary: 'Staff take a pre-order at the counter: the deposit in cash now, or by KHQR',
    tag: 'back office',
    access: requires('orders.manage'),
    body: counterPreOrderInputSchema,
    response: orderSchema,
    status: 201,
    errors: [400, 404, 409],
  }),
  confirmPreOrder: defineRoute({
    method: 'post',
    path: '/admin/pre-orders/:id/confirm',
    summary:
      'Staff confirm a placed pre-order: it joins the line for stock (served at once if units are there)',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    response: orderSchema,
    errors: [404, 409],
  }),
  takePreOrderCash: defineRoute({
    method: 'post',
    path: '/admin/pre-orders/:id/cash',
    summary:
      "Cash at the counter for a pre-order, in the order's currency: the rest of its deposit, or the rest of " +
      'its price once it arrived (it is then paid)',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    body: preOrderCashInputSchema,
    response: orderSchema,
    errors: [400, 404, 409],
  }),
} as const;
