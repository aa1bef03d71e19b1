import { z } from 'zod';
import { smtpSecurities, type MailSettings, type MailStatus } from '@shop/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { Invalid } from '../../http/errors';
import type { SmtpServer } from '../../mail/sender';
import { SecretUnreadable, type SecretBox } from '../../secrets/secret-box';
import { recordAudit, type Actor } from '../audit/audit';
import { findStoredSetting, lockSettings, saveSetting } from './repo';

/**
 * The shop's mail sender and SMTP server as an admin enters them in the back office. MAIL_FROM and SMTP_URL stay the
 * defaults: what the shop enters wins, field group by field group (a sender without a server goes out through
 * SMTP_URL, or to files). The password is sealed (secrets/secret-box.ts) and never answered.
 */
export const MAIL_SETTINGS_KEY = 'mail.delivery';
const PASSWORD_PURPOSE = `${MAIL_SETTINGS_KEY}.smtp.password`;

const storedSchema = z.object({
  senderName: z.string().min(1),
  senderAddress: z.string().min(3),
  smtp: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65_535),
      security: z.enum(smtpSecurities),
      user: z.string().nullable(),
      sealedPassword: z.string().nullable(),
    })
    .nullable(),
});
type StoredMailSettings = z.infer<typeof storedSchema>;

export interface ShopMailSettings extends StoredMailSettings {
  updatedAt: number;
}

/** What is stored, or null when nothing is (or a row written by hand breaks the shape: the defaults are used). */
export async function readMailSettings(db: Db | Tx): Promise<ShopMailSettings | null> {
  const row = await findStoredSetting(db, MAIL_SETTINGS_KEY);
  const parsed = row && storedSchema.safeParse(row.value);
  return row && parsed?.success ? { ...parsed.data, updatedAt: row.updatedAt } : null;
}

/** The SMTP server to send through, password opened; throws SecretUnreadable when the key changed. */
export function smtpServerOf(settings: ShopMailSettings, box: SecretBox): SmtpServer | null {
  const { smtp } = settings;
  if (!smtp) return null;
  const password = smtp.sealedPassword === null ? null : box.open(smtp.sealedPassword, PASSWORD_PURPOSE);
  return { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user, password };
}

/** `"Name" <address>` as mails show it: the shop's sender, else MAIL_FROM. */
export function senderOf(settings: ShopMailSettings | null, config: Pick<Config, 'mailFrom'>): string {
  return settings ? `"${settings.senderName}" <${settings.senderAddress}>` : config.mailFrom;
}

export function mailStatus(
  settings: ShopMailSettings | null,
  config: Pick<Config, 'mailFrom' | 'smtpUrl'>,
  box: SecretBox,
): MailStatus {
  return {
    from: senderOf(settings, config),
    senderName: settings?.senderName ?? null,
    senderAddress: settings?.senderAddress ?? null,
    transport: settings?.smtp ? 'settings' : config.smtpUrl ? 'environment' : 'files',
    smtp: settings?.smtp
      ? {
          host: settings.smtp.host,
          port: settings.smtp.port,
          security: settings.smtp.security,
          user: settings.smtp.user,
          passwordSet: settings.smtp.sealedPassword !== null,
        }
      : null,
    warning: settings && !passwordOpens(settings, box) ? UNREADABLE_PASSWORD : null,
    updatedAt: settings?.updatedAt ?? null,
  };
}

const UNREADABLE_PASSWORD =
  "The mail server's password cannot be opened with this server's key (SECRETS_KEY or secrets.key changed): " +
  'mails are not sent. Enter the password again.';

function passwordOpens(settings: ShopMailSettings, box: SecretBox): boolean {
  try {
    smtpServerOf(settings, box);
    return true;
  } catch (error) {
    if (error instanceof SecretUnreadable) return false;
    throw error;
  }
}

/**
 * Stores the sender and server, with an audit row of what changed (whether a password is set, never which). A
 * password left out keeps the stored one, so a form need not ask for it again to change the sender; but only for the
 * same server, port, security and user: otherwise whoever holds an admin's session could point the settings at a
 * server of their own and have the shop log in there with the password nobody may read back (keptPasswordFor).
 */
export async function saveMailSettings(
  db: Db,
  box: SecretBox,
  config: Pick<Config, 'mailFrom' | 'smtpUrl'>,
  input: MailSettings,
  actor: Actor,
): Promise<MailStatus> {
  return inTransaction(db, async (tx) => {
    await lockSettings(tx, [MAIL_SETTINGS_KEY]);
    const current = await readMailSettings(tx);
    const now = Date.now();
    if (input.smtp && input.smtp.password === undefined) keptPasswordFor(current, input.smtp);
    const smtp = input.smtp && {
      host: input.smtp.host,
      port: input.smtp.port,
      security: input.smtp.security,
      user: input.smtp.user,
      // No user, no login: a password kept for a later user would be one never entered for them.
      sealedPassword:
        input.smtp.password === undefined
          ? input.smtp.user === null
            ? null
            : (current?.smtp?.sealedPassword ?? null)
          : input.smtp.password === null || input.smtp.password === ''
            ? null
            : box.seal(input.smtp.password, PASSWORD_PURPOSE),
    };
    const stored: StoredMailSettings = {
      senderName: input.senderName,
      senderAddress: input.senderAddress,
      smtp,
    };
    await saveSetting(tx, { key: MAIL_SETTINGS_KEY, value_json: JSON.stringify(stored), updated_at: now });
    const before = mailStatus(current, config, box);
    const after = mailStatus({ ...stored, updatedAt: now }, config, box);
    await recordAudit(
      tx,
      actor,
      {
        action: 'setting.change',
        entity: 'setting',
        entityId: MAIL_SETTINGS_KEY,
        before: { source: 'back-office', value: before },
        after: { source: 'back-office', value: after },
      },
      now,
    );
    return after;
  });
}

type SmtpTarget = Pick<NonNullable<StoredMailSettings['smtp']>, 'host' | 'port' | 'security' | 'user'>;

/** Refuses to keep a stored password for a server it was not entered for (a new one must be entered with it). */
function keptPasswordFor(current: ShopMailSettings | null, next: SmtpTarget): void {
  const stored = current?.smtp;
  if (!stored?.sealedPassword || next.user === null) return;
  const sameServer =
    stored.host.toLowerCase() === next.host.toLowerCase() &&
    stored.port === next.port &&
    stored.security === next.security &&
    stored.user === next.user;
  if (!sameServer)
    throw new Invalid(
      'Enter the password again: the stored one is kept only for the same server, port, security and user',
      { 'smtp.password': 'enter the password for this server' },
    );
}
