import {
  notificationListQuerySchema,
  notificationPageSchema,
  notificationPreferencesInputSchema,
  notificationPreferencesSchema,
} from '../../notifications';
import { defineRoute, signedIn } from '../route';
import { idParam } from './common';

/**
 * The signed-in caller's own notifications: no route names another account, and one naming another's notification
 * answers 404. The live stream, GET /notifications/events (server-sent events), sits beside this table as the sync
 * nudge does: it is no JSON answer (server/src/modules/notifications/events.ts).
 */
export const notificationRoutes = {
  listNotifications: defineRoute({
    method: 'get',
    path: '/notifications',
    summary: 'My notifications, newest first, a page at a time, with how many are unread',
    tag: 'accounts',
    access: signedIn,
    query: notificationListQuerySchema,
    response: notificationPageSchema,
  }),
  markNotificationRead: defineRoute({
    method: 'post',
    path: '/notifications/:id/read',
    summary: 'Mark one of my notifications read (again: no change); answers the first page',
    tag: 'accounts',
    access: signedIn,
    params: idParam,
    response: notificationPageSchema,
    errors: [404],
  }),
  markAllNotificationsRead: defineRoute({
    method: 'post',
    path: '/notifications/read-all',
    summary: 'Mark all my notifications read; answers the first page',
    tag: 'accounts',
    access: signedIn,
    response: notificationPageSchema,
  }),
  getNotificationPreferences: defineRoute({
    method: 'get',
    path: '/notifications/preferences',
    summary: 'Which of my kinds of notification also go by mail',
    tag: 'accounts',
    access: signedIn,
    response: notificationPreferencesSchema,
  }),
  setNotificationPreferences: defineRoute({
    method: 'put',
    path: '/notifications/preferences',
    summary: 'Choose which kinds also go by mail (kinds not named keep their choice)',
    tag: 'accounts',
    access: signedIn,
    body: notificationPreferencesInputSchema,
    response: notificationPreferencesSchema,
  }),
} as const;
