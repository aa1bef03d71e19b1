import {
  inquiryListQuerySchema,
  inquiryListSchema,
  inquiryReplyInputSchema,
  inquirySchema,
  inquiryStatusInputSchema,
  openInquiryInputSchema,
  staffInquiryListQuerySchema,
  staffInquiryListSchema,
  staffInquiryReplyInputSchema,
  staffInquirySchema,
} from '../../support';
import { anyone, defineRoute, requires, signedIn } from '../route';
import { idParam } from './common';

/**
 * Customer inquiries. Anyone may open one (a guest leaves a name and an email address); customers follow their own
 * threads in the web shop; staff answer in the back office, and the one who asked is mailed the answer.
 */
export const supportRoutes = {
  openInquiry: defineRoute({
    method: 'post',
    path: '/support/inquiries',
    summary:
      'Ask the shop something: as the signed-in customer, or as a guest with `name` and `email`; optionally about ' +
      'one of your orders. Mails an acknowledgement',
    tag: 'support',
    access: anyone,
    body: openInquiryInputSchema,
    response: inquirySchema,
    status: 201,
    errors: [429],
  }),
  listMyInquiries: defineRoute({
    method: 'get',
    path: '/support/inquiries',
    summary: "The caller's inquiries, newest activity first",
    tag: 'support',
    access: signedIn,
    query: inquiryListQuerySchema,
    response: inquiryListSchema,
  }),
  getMyInquiry: defineRoute({
    method: 'get',
    path: '/support/inquiries/:id',
    summary: "One of the caller's inquiries with its messages (anyone else's is 404)",
    tag: 'support',
    access: signedIn,
    params: idParam,
    response: inquirySchema,
    errors: [404],
  }),
  replyToMyInquiry: defineRoute({
    method: 'post',
    path: '/support/inquiries/:id/messages',
    summary: 'Write again in one of your inquiries; it is open for staff again (also when it was closed)',
    tag: 'support',
    access: signedIn,
    params: idParam,
    body: inquiryReplyInputSchema,
    response: inquirySchema,
    status: 201,
    errors: [404],
  }),
  listInquiries: defineRoute({
    method: 'get',
    path: '/admin/support/inquiries',
    summary: 'Every inquiry, by status (open: longest waiting first; otherwise newest activity first)',
    tag: 'back office',
    access: requires('support.manage'),
    query: staffInquiryListQuerySchema,
    response: staffInquiryListSchema,
  }),
  getInquiry: defineRoute({
    method: 'get',
    path: '/admin/support/inquiries/:id',
    summary: 'One inquiry with its messages and who asked',
    tag: 'back office',
    access: requires('support.manage'),
    params: idParam,
    response: staffInquirySchema,
    errors: [404],
  }),
  replyToInquiry: defineRoute({
    method: 'post',
    path: '/admin/support/inquiries/:id/messages',
    summary:
      'Answer an inquiry: the one who asked is mailed the answer; the thread then waits on the customer, or is ' +
      'closed with `close: true`',
    tag: 'back office',
    access: requires('support.manage'),
    params: idParam,
    body: staffInquiryReplyInputSchema,
    response: staffInquirySchema,
    status: 201,
    errors: [404],
  }),
  setInquiryStatus: defineRoute({
    method: 'post',
    path: '/admin/support/inquiries/:id/status',
    summary: 'Set the status of an inquiry (close it, or reopen it)',
    tag: 'back office',
    access: requires('support.manage'),
    params: idParam,
    body: inquiryStatusInputSchema,
    response: staffInquirySchema,
    errors: [404],
  }),
} as const;
