import type { Db } from '../db/database';
import { newId } from '../db/ids';
import type { Tx } from '../db/transaction';
import { getShopIdentity } from '../modules/settings/service';
import { insertOutboxMail } from './outbox-repo';
import { renderMail, type MailData, type MailLocale, type MailTemplate } from './templates';

export interface MailToSend<T extends MailTemplate> {
  to: string;
  locale: MailLocale;
  template: T;
  data: MailData[T];
}

/**
 * Renders a mail with the shop's identity and queues it in email_outbox. Call it with the transaction of the event
 * that causes the mail: the mail exists exactly when the event does (a rollback takes it away too). The outbox
 * worker sends it after the commit, with retries; nothing here talks to SMTP.
 */
export async function enqueueMail<T extends MailTemplate>(tx: Db | Tx, mail: MailToSend<T>): Promise<string> {
  const to = mail.to.trim();
  if (!to || /[\s,;<>]/.test(to) || !to.includes('@'))
    throw new Error('enqueueMail: "to" must be one plain address');
  const shop = await getShopIdentity(tx);
  const rendered = renderMail(mail.template, mail.locale, mail.data, shop);
  const id = newId();
  const now = Date.now();
  await insertOutboxMail(tx, {
    id,
    to_address: to,
    template: mail.template,
    subject: rendered.subject.slice(0, 300),
    html: rendered.html,
    text: rendered.text,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: now,
    sent_at: null,
  });
  return id;
}
