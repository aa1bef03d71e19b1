import { asLocale, type Role } from '@shop/shared';
import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import type { MailData } from '../../mail/templates';
import type { OrderMailer } from './notifications';
import { activeMembersOf } from './repo';

type StaffNotice = 'staff-review-waiting' | 'staff-review-overdue' | 'staff-refund-owed';

/**
 * Mails every active member of the given roles about an order, each in their own language, through the outbox in
 * the caller's transaction: the mails exist exactly when the event does. Returns how many were queued.
 */
export async function mailStaff<T extends StaffNotice>(
  mailer: Pick<OrderMailer, 'orderUrl'>,
  tx: Tx,
  roles: readonly Role[],
  template: T,
  order: { id: string; number: string },
  data: Omit<MailData[T], 'name' | 'orderNumber' | 'orderUrl'>,
): Promise<number> {
  const recipients = await activeMembersOf(tx, roles);
  for (const person of recipients) {
    await enqueueMail(tx, {
      to: person.email,
      locale: asLocale(person.locale),
      template,
      data: {
        ...data,
        name: person.name,
        orderNumber: order.number,
        orderUrl: mailer.orderUrl(order.id),
      } as MailData[T],
    });
  }
  return recipients.length;
}
