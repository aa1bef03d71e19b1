import type { Locale } from '@shop/shared';
import type { UserTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import type { MailData, MailTemplate } from '../../mail/templates';

/** Mails a user in their language; `name` comes from the account. Call it inside the transaction of the event. */
export function mailUser<T extends MailTemplate>(
  tx: Tx,
  user: Pick<UserTable, 'email' | 'locale' | 'name'>,
  template: T,
  data: Omit<MailData[T], 'name'>,
): Promise<string> {
  return enqueueMail(tx, {
    to: user.email,
    locale: asLocale(user.locale),
    template,
    data: { ...data, name: user.name } as MailData[T],
  });
}

export function asLocale(value: string): Locale {
  return value === 'km' ? 'km' : 'en';
}
