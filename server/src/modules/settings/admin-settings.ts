import { isShopSettingKey, type AdminSetting, type AdminSettings } from '@shop/shared';
import type { ShopServices } from '../../compose';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { AppError, NotFound } from '../../http/errors';
import type { Actor } from '../audit/audit';
import { BAKONG_TOKEN_KEY, bakongTokenStatus } from './bakong-token';
import { changeSettings } from './changes';
import { MAIL_SETTINGS_KEY, mailStatus, readMailSettings } from './mail-settings';
import { settingsOverview } from './overview';
import { getShopIdentity } from './service';

/** The back office's settings screen: the same overview `npm run shop -- settings` prints, and the secrets' state. */
export async function adminSettings(shop: ShopServices): Promise<AdminSettings> {
  const { db, config, secrets } = shop;
  const [overview, bakongToken, mail] = await Promise.all([
    settingsOverview(db),
    bakongTokenStatus(db, secrets, config.bakong),
    readMailSettings(db),
  ]);
  // The token and the mail server have their own parts of the answer, which say what can be said of their secrets.
  const shownApart: ReadonlySet<string> = new Set([BAKONG_TOKEN_KEY, MAIL_SETTINGS_KEY]);
  return {
    settings: overview.filter((setting) => !shownApart.has(setting.key)),
    bakongToken,
    mail: mailStatus(mail, config, secrets),
  };
}

/**
 * Replaces one shop setting with `value`, checked by its shared rules and audited (settings/changes.ts); answers
 * the setting as the server now uses it. Keys no screen edits are 404, whatever is stored under them.
 */
export async function changeShopSetting(
  db: Db,
  key: string,
  value: unknown,
  actor: Actor,
): Promise<AdminSetting> {
  if (!isShopSettingKey(key)) throw new NotFound(`No setting ${key}`);
  await changeSettings(db, [{ key, next: () => value }], {
    actor,
    source: 'back-office',
  });
  const changed = (await settingsOverview(db)).find((setting) => setting.key === key);
  return changed!;
}

/**
 * A test mail to the admin who asks, sent at once through the server mails use now (not through the outbox, which
 * would retry quietly): the answer says whether the mail server took it, or what it said.
 */
export async function sendTestMail(shop: ShopServices, to: string) {
  const [identity, from, transport] = await Promise.all([
    getShopIdentity(shop.db),
    shop.mail.from(),
    shop.mail.transport(),
  ]);
  const text =
    `This is a test mail from ${identity.name}'s back office.\n\n` +
    `It was sent through ${transportInWords(transport)} as ${from}. If you can read it, the shop's mails reach people.`;
  try {
    const sent = await shop.mail.sender.send({
      id: newId(),
      from,
      to,
      subject: `Test mail from ${identity.name}`,
      text,
      html: `<p>${escapeHtml(text).replace(/\n\n/g, '</p><p>')}</p>`,
    });
    return { sentTo: to, transport, messageId: sent.messageId };
  } catch (error) {
    throw new AppError(
      'upstream_failed',
      502,
      `The mail server did not take the test mail: ${reasonOf(error)}. Check the server, port, security and login.`,
    );
  }
}

/**
 * What the mail server said (a refused login, no such host, a closed port) is what the admin needs to fix it;
 * nodemailer's messages name the server and its answer, never the password. Something that greets but not as a mail
 * server (an SSH or database port on the shop's network) is only called that: its greeting names the software and
 * version behind it, and the test mail is not a way to read what answers inside the network.
 */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EPROTOCOL' && message.startsWith('Invalid greeting'))
    return 'something answered at that server and port, but not as a mail server';
  return message;
}

function transportInWords(transport: 'settings' | 'environment' | 'files'): string {
  if (transport === 'settings') return 'the mail server entered in the back office';
  if (transport === 'environment') return 'the mail server of SMTP_URL';
  return 'no mail server (written to a file in the data folder)';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
