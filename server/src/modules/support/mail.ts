import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import { inquirerOf } from './present';
import type { InquiryRow } from './repo';

/**
 * The mails of an inquiry, queued through the outbox in the transaction of the step that causes them: an
 * acknowledgement when it is opened, and each staff answer. Customers get the link to their thread; guests have
 * no account, so an answer's text is in the mail itself. A guest may have typed anyone's address: their mails
 * repeat nothing the guest wrote (name, subject, message), so the form cannot make the shop mail a stranger spam.
 */
export interface SupportMailer {
  received(tx: Tx, inquiry: InquiryRow): Promise<void>;
  answered(tx: Tx, inquiry: InquiryRow, answer: { reply: string; closed: boolean }): Promise<void>;
}

export function supportMailer(publicUrl: string): SupportMailer {
  const base = publicUrl.replace(/\/+$/, '');
  const inquiryUrl = (inquiry: InquiryRow) => `${base}/account/support/${encodeURIComponent(inquiry.id)}`;
  return {
    async received(tx, inquiry) {
      const to = inquirerOf(inquiry);
      await enqueueMail(tx, {
        to: to.email,
        locale: to.locale,
        template: 'support-received',
        data: to.kind === 'guest' ? { inquiryUrl: null } : { inquiryUrl: inquiryUrl(inquiry), name: to.name },
      });
    },
    async answered(tx, inquiry, answer) {
      const to = inquirerOf(inquiry);
      await enqueueMail(tx, {
        to: to.email,
        locale: to.locale,
        template: 'support-reply',
        data:
          to.kind === 'guest'
            ? { inquiryUrl: null, ...answer }
            : { inquiryUrl: inquiryUrl(inquiry), name: to.name, subject: inquiry.subject, ...answer },
      });
    },
  };
}
