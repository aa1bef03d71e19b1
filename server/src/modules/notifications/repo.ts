import type { Db } from '../../db/database';
import type { NotificationTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** Every query of the notifications: rows per person, their read marks, mail preferences, and what the stream watches. */

export async function insertNotifications(tx: Db | Tx, rows: readonly NotificationTable[]): Promise<void> {
  if (rows.length)
    await tx
      .insertInto('notifications')
      .values([...rows])
      .execute();
}

/** One page of a person's notifications, newest first, after `before` (an id) when given. */
export async function pageOfNotifications(
  db: Db | Tx,
  userId: string,
  before: string | undefined,
  limit: number,
): Promise<NotificationTable[]> {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db | Tx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether the person has this notification (read or not): another person's is not theirs to mark. */
export async function hasNotification(db: Db | Tx, userId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks read what is unread, of one person: one notification, or all of them. */
export async function markRead(db: Db | Tx, userId: string, id: string | null, now: number): Promise<void> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== null) query = query.where('id', '=', id);
  await query.execute();
}

/** The kinds a person chose to have mailed too. */
export async function mailedKindsOf(db: Db | Tx, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select('kind')
    .where('user_id', '=', userId)
    .where('mail', '=', 1)
    .execute();
  return new Set(rows.map((row) => row.kind));
}

/** One person's choice for one kind: a row while mailed, none otherwise (delete, then insert: portable). */
export async function setMailPreference(tx: Tx, userId: string, kind: string, mail: boolean): Promise<void> {
  await tx
    .deleteFrom('notification_preferences')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .execute();
  if (mail)
    await tx.insertInto('notification_preferences').values({ user_id: userId, kind, mail: 1 }).execute();
}

/** The active staff and admins: who the shop's notices go to. */
export async function activeStaff(tx: Db | Tx) {
  return tx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('role', 'in', ['staff', 'admin'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** These people, with what a mail to them needs; only those still active. */
export async function activePeople(tx: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** Of these people and kind, who also wants it by mail. */
export async function wantMail(tx: Db | Tx, userIds: readonly string[], kind: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('notification_preferences')
    .select('user_id')
    .where('user_id', 'in', [...userIds])
    .where('kind', '=', kind)
    .where('mail', '=', 1)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/** Of these sessions, those still live (not ended by sign-out, not expired, their user active). */
export async function liveSessions(db: Db, ids: readonly string[], now: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select('sessions.id')
    .where('sessions.id', 'in', [...ids])
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** The notifications made since `since` (epoch ms) for these people: what the stream of each process watches. */
export async function notificationsOfSince(
  db: Db,
  userIds: readonly string[],
  since: number,
): Promise<NotificationTable[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('created_at', '>=', since)
    .where('user_id', 'in', [...userIds])
    .orderBy('id')
    .limit(2_000)
    .execute();
}

/** These products' names and the level at or below which they are reordered. */
export async function reorderLevelsOf(tx: Db | Tx, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  return tx
    .selectFrom('products')
    .select(['id', 'name', 'low_stock_threshold', 'reorder_level'])
    .where('id', 'in', [...productIds])
    .execute();
}

/** Whether anyone was told this already (a kind with exactly these parameters): notices that must come once. */
export async function wasNoticed(db: Db | Tx, kind: string, paramsJson: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('kind', '=', kind)
    .where('params_json', '=', paramsJson)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
