import { asLocale } from '@shop/shared';
import type { UserTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import type { MailData, MailTemplate } from '../../mail/templates';

/** Templates whose data has no name: mails that may go to an address nobody has proven (templates.ts). */
type Nameless = { [T in MailTemplate]: 'name' extends keyof MailData[T] ? never : T }[MailTemplate];

/**
 * Account mails that may reach an address not yet proven: a stranger may have chosen the account's name, so it is
 * not put in their data at all (the outbox row keeps none either).
 */
const NAMELESS: readonly Nameless[] = ['verify-email', 'password-reset'];

/**
 * Mails a user in their language; `name` comes from the account, for the mails that greet by name. Call it inside
 * the transaction of the event.
 */
export function mailUser<T extends MailTemplate>(
  tx: Tx,
  user: Pick<UserTable, 'email' | 'locale'> & { name?: string },
  template: T,
  data: Omit<MailData[T], 'name'>,
): Promise<string> {
  const named = !(NAMELESS as readonly MailTemplate[]).includes(template);
  return enqueueMail(tx, {
    to: user.email,
    locale: asLocale(user.locale),
    template,
    data: (named ? { ...data, name: user.name ?? '' } : data) as MailData[T],
  });
}
