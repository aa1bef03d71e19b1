import type {
  Inquiry,
  InquiryAuthorKind,
  InquiryReplyInput,
  InquiryStatus,
  OpenInquiryInput,
  StaffInquiry,
  StaffInquiryReplyInput,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { newId } from '../../db/ids';
import type { SupportMessageTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Invalid, NotFound } from '../../http/errors';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { findOrderRow } from '../orders/repo';
import type { SupportMailer } from './mail';
import { toInquiry, toInquirySummary, toStaffInquiry, toStaffInquirySummary } from './present';
import { addMessage, findInquiry, insertInquiry, pageOfInquiries, setStatus, threadMessages } from './repo';
import { noticeSupportReply } from '../notifications/producers';

/**
 * Customer inquiries. A thread is `open` while the shop owes an answer, `waiting_on_customer` once staff answered,
 * `closed` when done; whatever its status, a customer writing again makes it open. Customers see only their own
 * threads (anyone else's is "not found", as ids reveal nothing); staff answer and are audited.
 */
export interface SupportDeps {
  db: Db;
  mailer: SupportMailer;
}

/**
 * Guests have no account to hold to account and each inquiry mails the address they type: a few threads per
 * client address per hour keep the form from becoming a way to mail strangers.
 */
export const guestInquiriesPerIp = (ip: string): Limit => ({
  bucket: `support:ip:${ip}`,
  max: 5,
  windowMs: 60 * 60_000,
});

export async function openInquiry(
  { db, mailer }: SupportDeps,
  input: OpenInquiryInput,
  user: SignedInUser | null,
  ip: string | null,
): Promise<Inquiry> {
  if (user) {
    if (input.orderId) await ownOrder(db, input.orderId, user);
  } else {
    const missing: Record<string, string> = {};
    if (!input.name) missing.name = 'enter your name';
    if (!input.email) missing.email = 'enter your email address, so that we can answer';
    if (input.orderId) missing.orderId = 'sign in to ask about one of your orders';
    if (Object.keys(missing).length) throw new Invalid('Some fields are not valid', missing);
    await enforceLimits(db, [guestInquiriesPerIp(ip ?? 'unknown')]);
  }
  const id = newId();
  await inTransaction(db, async (tx) => {
    const now = Date.now();
    const kind = user ? 'customer' : 'guest';
    await insertInquiry(tx, {
      id,
      user_id: user?.id ?? null,
      name: user?.name ?? input.name!,
      email: user?.email ?? input.email!,
      locale: input.locale ?? 'en',
      order_id: user ? (input.orderId ?? null) : null,
      subject: input.subject,
      status: 'open',
      last_author_kind: kind,
      created_at: now,
      updated_at: now,
    });
    await addMessage(tx, message(id, kind, user?.id ?? null, input.message, now), 'open');
    await mailer.received(tx, (await findInquiry(tx, id))!);
  });
  // A guest cannot read the thread again (no account): this answer is the only time they see it.
  return toInquiry((await findInquiry(db, id))!, await threadMessages(db, id));
}

export async function listCustomerInquiries(
  db: Db,
  user: SignedInUser,
  query: { page: number; pageSize: number },
) {
  return pageAnswer(await pageOfInquiries(db, { userId: user.id }, query), toInquirySummary, query);
}

export async function customerInquiry(db: Db, id: string, user: SignedInUser): Promise<Inquiry> {
  const row = await findInquiry(db, id);
  if (!row || row.user_id !== user.id) throw new NotFound('There is no such inquiry');
  return toInquiry(row, await threadMessages(db, id));
}

/** The customer writes again: the shop owes an answer once more, even on a closed thread. */
export async function replyAsCustomer(
  db: Db,
  id: string,
  input: InquiryReplyInput,
  user: SignedInUser,
): Promise<Inquiry> {
  await inTransaction(db, async (tx) => {
    const row = await findInquiry(tx, id);
    if (!row || row.user_id !== user.id) throw new NotFound('There is no such inquiry');
    await addMessage(tx, message(id, 'customer', user.id, input.message, Date.now()), 'open');
  });
  return customerInquiry(db, id, user);
}

export async function listInquiries(
  db: Db,
  query: {
    status?: InquiryStatus | undefined;
    q?: string | undefined;
    customerId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  // The open ones are a queue: whoever has waited longest comes first.
  const found = await pageOfInquiries(
    db,
    { status: query.status, text: query.q?.toLowerCase(), userId: query.customerId },
    { ...query, oldestFirst: query.status === 'open' },
  );
  return pageAnswer(found, toStaffInquirySummary, query);
}

export async function staffInquiry(db: Db | Tx, id: string): Promise<StaffInquiry> {
  const row = await findInquiry(db, id);
  if (!row) throw new NotFound('There is no such inquiry');
  return toStaffInquiry(row, await threadMessages(db, id));
}

/** Staff answer: the one who asked is mailed the answer, and the thread waits on them (or is closed). */
export async function replyAsStaff(
  { db, mailer }: SupportDeps,
  id: string,
  input: StaffInquiryReplyInput,
  staff: SignedInUser,
  actor: Actor,
): Promise<StaffInquiry> {
  await inTransaction(db, async (tx) => {
    const row = await findInquiry(tx, id);
    if (!row) throw new NotFound('There is no such inquiry');
    const now = Date.now();
    const status: InquiryStatus = input.close ? 'closed' : 'waiting_on_customer';
    const reply = message(id, 'staff', staff.id, input.message, now);
    await addMessage(tx, reply, status);
    await mailer.answered(tx, row, { reply: input.message, closed: status === 'closed' });
    if (row.user_id) await noticeSupportReply(tx, { ...row, user_id: row.user_id }, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'support.reply',
        entity: 'support_inquiry',
        entityId: id,
        before: { status: row.status },
        after: { status, messageId: reply.id },
      },
      now,
    );
  });
  return staffInquiry(db, id);
}

export async function setInquiryStatus(
  db: Db,
  id: string,
  status: InquiryStatus,
  actor: Actor,
): Promise<StaffInquiry> {
  await inTransaction(db, async (tx) => {
    const row = await findInquiry(tx, id);
    if (!row) throw new NotFound('There is no such inquiry');
    if (row.status === status) return; // already so: nothing happened, nothing to record
    const now = Date.now();
    await setStatus(tx, id, status, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'support.status',
        entity: 'support_inquiry',
        entityId: id,
        before: { status: row.status },
        after: { status },
      },
      now,
    );
  });
  return staffInquiry(db, id);
}

/** An order the customer may ask about: their own. Anyone else's is refused like one that does not exist. */
async function ownOrder(db: Db, orderId: string, user: SignedInUser): Promise<void> {
  const order = await findOrderRow(db, orderId);
  if (!order || order.user_id !== user.id)
    throw new Invalid('Some fields are not valid', { orderId: 'not one of your orders' });
}

function message(
  inquiryId: string,
  kind: InquiryAuthorKind,
  authorId: string | null,
  body: string,
  now: number,
): SupportMessageTable {
  return {
    id: newId(),
    inquiry_id: inquiryId,
    author_kind: kind,
    author_id: authorId,
    body,
    created_at: now,
  };
}
