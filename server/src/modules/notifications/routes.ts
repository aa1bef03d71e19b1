import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import {
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  setNotificationPreferences,
} from './service';

export function notificationHandlers(
  db: Db,
): Handlers<
  | 'listNotifications'
  | 'markNotificationRead'
  | 'markAllNotificationsRead'
  | 'getNotificationPreferences'
  | 'setNotificationPreferences'
> {
  return {
    listNotifications: ({ user, query }) => listNotifications(db, user.id, query),
    markNotificationRead: ({ user, params }) => markNotificationRead(db, user.id, params.id),
    markAllNotificationsRead: ({ user }) => markAllNotificationsRead(db, user.id),
    getNotificationPreferences: ({ user }) => getNotificationPreferences(db, user),
    setNotificationPreferences: ({ user, body }) => setNotificationPreferences(db, user, body),
  };
}
