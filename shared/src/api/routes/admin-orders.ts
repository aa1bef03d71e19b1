import {
  adminOrderListQuerySchema,
  adminOrderListSchema,
  adminOrderSchema,
  customerDetailSchema,
  customerListQuerySchema,
  customerListSchema,
  paymentReviewListSchema,
  paymentReviewQuerySchema,
  reconcilePaymentInputSchema,
  reconciliationItemSchema,
  reconciliationListSchema,
  reconciliationQuerySchema,
} from '../../back-office';
import { defineRoute, requires } from '../route';
import { idParam } from './common';

/**
 * The back office's reading of orders, payments and customers (issue 13 items 3 to 5). Moving orders along, naming
 * serials at handover and cancelling lines are in orders.ts; the screenshot queue in payment-proofs.ts; refunds owed
 * in refunds-owed.ts.
 */
export const adminOrderRoutes = {
  listAdminOrders: defineRoute({
    method: 'get',
    path: '/admin/orders',
    summary:
      'Every order, web and counter: filter by status, channel, shop days (Asia/Phnom_Penh), customer; search by ' +
      'order or receipt number, customer name, phone or email; sort newest, oldest or by total',
    tag: 'back office',
    access: requires('orders.manage'),
    query: adminOrderListQuerySchema,
    response: adminOrderListSchema,
  }),
  getAdminOrder: defineRoute({
    method: 'get',
    path: '/admin/orders/:id',
    summary:
      'One order as staff work it: lines with serials, payments, timeline with who, the next allowed steps, the ' +
      'counter, staff member and shift of a counter sale, refunds owed and payment screenshots',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    response: adminOrderSchema,
    errors: [404],
  }),
  listPaymentsInReview: defineRoute({
    method: 'get',
    path: '/admin/payments/review',
    summary:
      'KHQR payments that did not match what was asked (amount, currency, account), with what Bakong reported',
    tag: 'back office',
    access: requires('orders.manage'),
    query: paymentReviewQuerySchema,
    response: paymentReviewListSchema,
  }),
  listPaymentsToReconcile: defineRoute({
    method: 'get',
    path: '/admin/payments/reconciliation',
    summary:
      'Payments to match with the bank statement: static KHQRs confirmed by staff, counter KHQRs the server could ' +
      'not vouch for, paid counter KHQRs no sale took',
    tag: 'back office',
    access: requires('orders.manage'),
    query: reconciliationQuerySchema,
    response: reconciliationListSchema,
  }),
  reconcilePayment: defineRoute({
    method: 'post',
    path: '/admin/payments/:id/reconcile',
    summary:
      'Record that a payment to reconcile (or a counter KHQR paid wrongly) was matched with the bank statement or ' +
      'refunded, with a note; once',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    body: reconcilePaymentInputSchema,
    response: reconciliationItemSchema,
    errors: [404, 409],
  }),
  listCustomers: defineRoute({
    method: 'get',
    path: '/admin/customers',
    summary: 'Customer accounts: search by name, phone or email; sort newest, oldest or by name',
    tag: 'back office',
    access: requires('customers.view'),
    query: customerListQuerySchema,
    response: customerListSchema,
  }),
  getCustomer: defineRoute({
    method: 'get',
    path: '/admin/customers/:id',
    summary:
      'A customer with their latest orders (all of them: GET /admin/orders?customerId=), saved addresses and inquiries',
    tag: 'back office',
    access: requires('customers.view'),
    params: idParam,
    response: customerDetailSchema,
    errors: [404],
  }),
} as const;
