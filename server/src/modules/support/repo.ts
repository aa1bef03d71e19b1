import type { InquiryStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { containsText } from '../../db/like';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';
import type { SupportInquiryTable, SupportMessageTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of customer inquiries: threads, their messages, and the lists of customers and staff. */

/** Threads joined with the order they are about and, for customers, their account as it is now. */
function joined(db: Db | Tx) {
  return db
    .selectFrom('support_inquiries as i')
    .leftJoin('orders as o', 'o.id', 'i.order_id')
    .leftJoin('users as u', 'u.id', 'i.user_id');
}

export interface InquiryFilter {
  userId?: string | undefined;
  status?: InquiryStatus | undefined;
  /** Lower-case text found in the subject, the name or email given when asking or the account's now, or the order number. */
  text?: string | undefined;
}

/** The threads a filter keeps; a customer who renamed themselves is found by either name. */
function matching(db: Db | Tx, filter: InquiryFilter) {
  const { userId, status, text } = filter;
  return joined(db)
    .$if(userId !== undefined, (q) => q.where('i.user_id', '=', userId!))
    .$if(status !== undefined, (q) => q.where('i.status', '=', status!))
    .$if(Boolean(text), (q) =>
      q.where((eb) =>
        eb.or(
          (['i.subject', 'i.name', 'i.email', 'u.name', 'u.email', 'o.number'] as const).map((column) =>
            containsText(eb.fn('lower', [column]), text!),
          ),
        ),
      ),
    );
}

/** Threads with the number of the order they are about and, for customers, their account as it is now. */
function inquiryRows(db: Db | Tx, filter: InquiryFilter = {}) {
  return matching(db, filter)
    .selectAll('i')
    .select([
      'o.number as order_number',
      'u.name as user_name',
      'u.email as user_email',
      'u.locale as user_locale',
    ]);
}

export type InquiryRow = Awaited<ReturnType<ReturnType<typeof inquiryRows>['executeTakeFirstOrThrow']>>;

export async function findInquiry(db: Db | Tx, id: string): Promise<InquiryRow | undefined> {
  return inquiryRows(db).where('i.id', '=', id).executeTakeFirst();
}

/** A page of threads, by last activity; `oldestFirst` puts the longest-waiting first (the staff's queue). */
export async function pageOfInquiries(
  db: Db,
  filter: InquiryFilter,
  page: PageRequest & { oldestFirst?: boolean },
): Promise<PageOf<InquiryRow>> {
  const direction = page.oldestFirst ? 'asc' : 'desc';
  const rows = inquiryRows(db, filter).orderBy('i.updated_at', direction).orderBy('i.id', direction);
  return pageOf(rows, matching(db, filter), page);
}

/** A thread's messages, oldest first, with the name of the account that wrote each (guests have none). */
export async function threadMessages(db: Db | Tx, inquiryId: string) {
  return db
    .selectFrom('support_messages as m')
    .leftJoin('users as a', 'a.id', 'm.author_id')
    .selectAll('m')
    .select('a.name as author_name')
    .where('m.inquiry_id', '=', inquiryId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export type MessageRow = Awaited<ReturnType<typeof threadMessages>>[number];

export async function insertInquiry(tx: Tx, row: SupportInquiryTable): Promise<void> {
  await tx.insertInto('support_inquiries').values(row).execute();
}

/** Adds a message and moves its thread to `status`, as the latest activity. */
export async function addMessage(tx: Tx, message: SupportMessageTable, status: InquiryStatus): Promise<void> {
  await tx.insertInto('support_messages').values(message).execute();
  await tx
    .updateTable('support_inquiries')
    .set({ status, last_author_kind: message.author_kind, updated_at: message.created_at })
    .where('id', '=', message.inquiry_id)
    .execute();
}

export async function setStatus(tx: Tx, id: string, status: InquiryStatus, now: number): Promise<void> {
  await tx.updateTable('support_inquiries').set({ status, updated_at: now }).where('id', '=', id).execute();
}
