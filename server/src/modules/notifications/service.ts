import {
  alreadyMailedKinds,
  asLocale,
  notificationKindsFor,
  notificationParamsSchema,
  notificationText,
  type Notification,
  type NotificationKind,
  type NotificationPage,
  type NotificationParams,
  type NotificationPreferences,
  type NotificationPreferencesInput,
  type Role,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { NotificationTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { NotFound } from '../../http/errors';
import { enqueueMail } from '../../mail/outbox';
import {
  activePeople,
  activeStaff,
  countUnread,
  hasNotification,
  insertNotifications,
  mailedKindsOf,
  markRead,
  pageOfNotifications,
  setMailPreference,
  wantMail,
} from './repo';

/** Who is told, what, and where it leads. */
export interface NotifyInput {
  /** These people (a customer, the staff member a thing is for)… */
  userIds?: readonly string[];
  /** …and/or every active staff member and admin. */
  toStaff?: boolean;
  kind: NotificationKind;
  params: NotificationParams;
  /** A path of the web shop (`/orders/…`) or the back office (`/back-office/…`); null: nothing to open. */
  link: string | null;
  /** An absolute address for the mail's button (a web shop page); without one the mail has no button. */
  mailUrl?: string;
}

/**
 * Tells people something, in the transaction of the event that causes it: the rows exist exactly when the event
 * does, and every server process's stream (events.ts) sees them once committed. A person who chose mail for the kind
 * also gets a mail through the outbox, in the same transaction; kinds that are mailed through their own path already
 * (alreadyMailedKinds: the order mails, support's reply mail, the staff review mails) never are, so nobody gets the
 * same news twice. Returns how many people were told.
 *
 * The hook for other modules (pre-orders: kind `preorder_step`, params `{ number?, productName, step?, message?,
 * messageKm? }`): call it inside your own transaction; nothing here awaits anything outside the database.
 */
export async function notify(tx: Tx, input: NotifyInput, now = Date.now()): Promise<number> {
  const params = notificationParamsSchema.parse(input.params);
  const staff = input.toStaff ? await activeStaff(tx) : [];
  const others = await activePeople(
    tx,
    (input.userIds ?? []).filter((id) => !staff.some((s) => s.id === id)),
  );
  const people = [...staff, ...others];
  if (people.length === 0) return 0;
  const paramsJson = JSON.stringify(params);
  await insertNotifications(
    tx,
    people.map((person) => ({
      id: newId(),
      user_id: person.id,
      kind: input.kind,
      params_json: paramsJson,
      link: input.link,
      created_at: now,
      read_at: null,
    })),
  );
  if (!alreadyMailedKinds.has(input.kind)) {
    const mailed = await wantMail(
      tx,
      people.map((p) => p.id),
      input.kind,
    );
    for (const person of people.filter((p) => mailed.has(p.id))) {
      const locale = asLocale(person.locale);
      const text = notificationText({ kind: input.kind, params }, locale);
      await enqueueMail(tx, {
        to: person.email,
        locale,
        template: 'notification',
        data: { name: person.name, title: text.title, body: text.body, url: input.mailUrl ?? null },
      });
    }
  }
  return people.length;
}

export function toNotification(row: NotificationTable): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    params: JSON.parse(row.params_json) as NotificationParams,
    link: row.link,
    createdAt: Number(row.created_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
  };
}

export async function listNotifications(
  db: Db,
  userId: string,
  query: { before?: string; limit: number },
): Promise<NotificationPage> {
  const rows = await pageOfNotifications(db, userId, query.before, query.limit + 1);
  const items = rows.slice(0, query.limit).map(toNotification);
  return {
    items,
    unread: await countUnread(db, userId),
    nextBefore: rows.length > query.limit ? items[items.length - 1]!.id : null,
  };
}

/** Marks one of the caller's notifications read; another person's is not found, as one that never was. */
export async function markNotificationRead(db: Db, userId: string, id: string): Promise<NotificationPage> {
  if (!(await hasNotification(db, userId, id))) throw new NotFound('There is no such notification');
  await markRead(db, userId, id, Date.now());
  return listNotifications(db, userId, { limit: 20 });
}

export async function markAllNotificationsRead(db: Db, userId: string): Promise<NotificationPage> {
  await markRead(db, userId, null, Date.now());
  return listNotifications(db, userId, { limit: 20 });
}

export async function getNotificationPreferences(
  db: Db | Tx,
  user: { id: string; role: Role },
): Promise<NotificationPreferences> {
  const mailed = await mailedKindsOf(db, user.id);
  return {
    items: notificationKindsFor(user.role).map((kind) => {
      const mailable = !alreadyMailedKinds.has(kind);
      return { kind, mailable, mail: mailable && mailed.has(kind) };
    }),
  };
}

/** Kinds not offered to the caller's role, or already mailed their own way, are left alone. */
export async function setNotificationPreferences(
  db: Db,
  user: { id: string; role: Role },
  input: NotificationPreferencesInput,
): Promise<NotificationPreferences> {
  const offered = new Set(notificationKindsFor(user.role).filter((kind) => !alreadyMailedKinds.has(kind)));
  return inTransaction(db, async (tx) => {
    for (const { kind, mail } of input.items)
      if (offered.has(kind)) await setMailPreference(tx, user.id, kind, mail);
    return getNotificationPreferences(tx, user);
  });
}
