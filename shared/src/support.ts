import { z } from 'zod';
import { email, localeSchema } from './accounts';
import { lineText, multilineText, personName } from './text';

/**
 * Customer inquiries: a thread of messages between someone who asks (a signed-in customer or a guest who leaves a
 * name and an email address) and the shop's staff. Customers read their threads in the web shop; guests have no
 * account, so staff replies reach them by mail only.
 */
export const inquiryStatuses = ['open', 'waiting_on_customer', 'closed'] as const;
export type InquiryStatus = (typeof inquiryStatuses)[number];

export const inquiryAuthorKinds = ['customer', 'guest', 'staff'] as const;
export type InquiryAuthorKind = (typeof inquiryAuthorKinds)[number];

export const inquirySubjectMax = 200;
export const inquiryMessageMax = 5000;

const messageText = multilineText(inquiryMessageMax).min(1, 'write a message');

export const inquiryMessageSchema = z
  .object({
    id: z.string(),
    authorKind: z.enum(inquiryAuthorKinds),
    /** The customer's or guest's name, or the name of the staff member who answered. */
    authorName: z.string(),
    body: z.string(),
    createdAt: z.number().int(),
  })
  .meta({ id: 'InquiryMessage' });
export type InquiryMessage = z.infer<typeof inquiryMessageSchema>;

/** A thread as lists show it. `updatedAt` is its last activity (a message or a change of status). */
export const inquirySummarySchema = z
  .object({
    id: z.string(),
    subject: z.string(),
    status: z.enum(inquiryStatuses),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    /** Who wrote last: a list can mark threads with a new answer from the shop. */
    lastAuthorKind: z.enum(inquiryAuthorKinds),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'InquirySummary' });
export type InquirySummary = z.infer<typeof inquirySummarySchema>;

/** A thread with its messages, oldest first. */
export const inquirySchema = inquirySummarySchema
  .extend({ messages: z.array(inquiryMessageSchema) })
  .meta({ id: 'Inquiry' });
export type Inquiry = z.infer<typeof inquirySchema>;

/** Who asked, for staff: a customer's account or a guest's name and address; mails go out in `locale`. */
export const inquirerSchema = z
  .object({
    kind: z.enum(['customer', 'guest']),
    userId: z.string().nullable(),
    name: z.string(),
    email: z.string(),
    locale: localeSchema,
  })
  .meta({ id: 'Inquirer' });

export const staffInquirySummarySchema = inquirySummarySchema
  .extend({ from: inquirerSchema })
  .meta({ id: 'StaffInquirySummary' });
export type StaffInquirySummary = z.infer<typeof staffInquirySummarySchema>;

export const staffInquirySchema = inquirySchema.extend({ from: inquirerSchema }).meta({ id: 'StaffInquiry' });
export type StaffInquiry = z.infer<typeof staffInquirySchema>;

/**
 * Opening a thread. A signed-in customer writes as their account (name and email are ignored); a guest must give
 * both. `orderId` must be one of the customer's own orders.
 */
export const openInquiryInputSchema = z
  .object({
    subject: lineText(inquirySubjectMax).min(1, 'enter a subject'),
    message: messageText,
    orderId: z.string().trim().min(1).max(40).optional(),
    name: personName('enter your name').optional(),
    email: email.optional(),
    /** The language of a guest's mails (a customer's come in their account's language); English by default. */
    locale: localeSchema.optional(),
  })
  .meta({ id: 'OpenInquiryInput' });
export type OpenInquiryInput = z.infer<typeof openInquiryInputSchema>;

export const inquiryReplyInputSchema = z.object({ message: messageText }).meta({ id: 'InquiryReplyInput' });
export type InquiryReplyInput = z.infer<typeof inquiryReplyInputSchema>;

export const staffInquiryReplyInputSchema = z
  .object({
    message: messageText,
    /** Answered for good: the thread is closed instead of waiting on the customer. */
    close: z.boolean().optional(),
  })
  .meta({ id: 'StaffInquiryReplyInput' });
export type StaffInquiryReplyInput = z.infer<typeof staffInquiryReplyInputSchema>;

export const inquiryStatusInputSchema = z
  .object({ status: z.enum(inquiryStatuses) })
  .meta({ id: 'InquiryStatusInput' });

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export const inquiryListQuerySchema = z.object({ page, pageSize });
/** Without a status: every thread, newest activity first; `open` lists the longest-waiting first. */
export const staffInquiryListQuerySchema = z.object({
  status: z.enum(inquiryStatuses).optional(),
  /** Part of the subject, the asker's name or email address, or the number of the order it is about. */
  q: z.string().trim().min(1).max(120).optional(),
  /** One customer's threads (their account's id). */
  customerId: z.string().trim().min(1).max(40).optional(),
  page,
  pageSize,
});

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export type StaffInquiryListQuery = z.input<typeof staffInquiryListQuerySchema>;

export const inquiryListSchema = listOf(inquirySummarySchema).meta({ id: 'InquiryList' });
export const staffInquiryListSchema = listOf(staffInquirySummarySchema).meta({ id: 'StaffInquiryList' });
