import {
  markRefundedInputSchema,
  refundOwedListQuerySchema,
  refundOwedListSchema,
  refundOwedSchema,
} from '../../payments';
import { defineRoute, requires } from '../route';
import { idParam } from './common';

/** Money that came in for orders no longer waiting for it, for the back office's payments screen. */
export const refundOwedRoutes = {
  listRefundsOwed: defineRoute({
    method: 'get',
    path: '/admin/refunds-owed',
    summary:
      'Money Bakong reported for cancelled, expired or already paid orders: owed back to the customer (open) or ' +
      'sent back (refunded)',
    tag: 'back office',
    access: requires('orders.manage'),
    query: refundOwedListQuerySchema,
    response: refundOwedListSchema,
  }),
  markRefunded: defineRoute({
    method: 'post',
    path: '/admin/refunds-owed/:id/refunded',
    summary: 'Record that the money went back to the customer, with a note saying how; once',
    tag: 'back office',
    access: requires('orders.manage'),
    params: idParam,
    body: markRefundedInputSchema,
    response: refundOwedSchema,
    errors: [404, 409],
  }),
} as const;
