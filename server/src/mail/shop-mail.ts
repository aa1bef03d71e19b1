import type { MailStatus } from '@shop/shared';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import {
  mailStatus,
  readMailSettings,
  senderOf,
  smtpServerOf,
  type ShopMailSettings,
} from '../modules/settings/mail-settings';
import type { SecretBox } from '../secrets/secret-box';
import { createMailSender, createSmtpSender, type MailSender } from './sender';

/**
 * The shop's mail: every mail reads the mail settings first (one point select), so a sender or server an admin
 * enters is used from the next mail on, by every process, without a restart. Nothing entered: MAIL_FROM and
 * SMTP_URL (or .eml files), as configured.
 */
export interface ShopMail {
  /** Sends through the server in use now: the outbox worker's sender. */
  sender: MailSender;
  /** The From of mails sent now. */
  from(): Promise<string>;
  /** Which transport the next mail takes. */
  transport(): Promise<MailStatus['transport']>;
}

export function createShopMail(deps: { db: Db; box: SecretBox; config: Config; logger: Logger }): ShopMail {
  const { db, box, config, logger } = deps;
  const configured = createMailSender(config, logger);
  // The SMTP transport of the stored settings, made again when they change. A mail being sent through the old one
  // when it is closed fails and is retried by the outbox through the new one.
  let entered: { settings: string; sender: MailSender } | null = null;

  function senderFor(settings: ShopMailSettings | null): MailSender {
    if (!settings?.smtp) return configured;
    const key = JSON.stringify(settings.smtp);
    if (entered?.settings !== key) {
      // Opening the password may throw (the key changed): the send fails with that reason, and is retried.
      const sender = createSmtpSender(smtpServerOf(settings, box)!, logger);
      void entered?.sender.close();
      entered = { settings: key, sender };
    }
    return entered.sender;
  }

  return {
    sender: {
      async send(mail) {
        return senderFor(await readMailSettings(db)).send(mail);
      },
      async close() {
        await Promise.all([configured.close(), entered?.sender.close()]);
      },
    },
    from: async () => senderOf(await readMailSettings(db), config),
    transport: async () => mailStatus(await readMailSettings(db), config, box).transport,
  };
}
