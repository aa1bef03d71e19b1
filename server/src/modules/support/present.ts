import {
  asLocale,
  type Inquiry,
  type InquiryAuthorKind,
  type InquiryMessage,
  type InquiryStatus,
  type InquirySummary,
  type StaffInquiry,
  type StaffInquirySummary,
} from '@shop/shared';
import type { InquiryRow, MessageRow } from './repo';

/** Inquiries as the API shows them: to the customer who asked, and to staff with who asked. */
export function toInquirySummary(row: InquiryRow): InquirySummary {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status as InquiryStatus,
    orderId: row.order_id,
    orderNumber: row.order_number,
    lastAuthorKind: row.last_author_kind as InquiryAuthorKind,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function toInquiry(row: InquiryRow, messages: MessageRow[]): Inquiry {
  return { ...toInquirySummary(row), messages: messages.map((m) => toMessage(row, m)) };
}

export function toStaffInquirySummary(row: InquiryRow): StaffInquirySummary {
  return { ...toInquirySummary(row), from: inquirerOf(row) };
}

export function toStaffInquiry(row: InquiryRow, messages: MessageRow[]): StaffInquiry {
  return { ...toInquiry(row, messages), from: inquirerOf(row) };
}

/** Who asked and where answers go: a customer's account as it is now, or what a guest told us. */
export function inquirerOf(row: InquiryRow) {
  const customer = row.user_id !== null;
  const locale = asLocale(customer ? row.user_locale : row.locale);
  return {
    kind: customer ? ('customer' as const) : ('guest' as const),
    userId: row.user_id,
    name: (customer && row.user_name) || row.name,
    email: (customer && row.user_email) || row.email,
    locale,
  };
}

function toMessage(inquiry: InquiryRow, row: MessageRow): InquiryMessage {
  const kind = row.author_kind as InquiryAuthorKind;
  return {
    id: row.id,
    authorKind: kind,
    authorName: row.author_name ?? (kind === 'staff' ? '' : inquirerOf(inquiry).name),
    body: row.body,
    createdAt: Number(row.created_at),
  };
}
