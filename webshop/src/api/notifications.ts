import {
  NOTIFICATION_EVENTS_PATH,
  type NotificationPage,
  type NotificationPreferencesInput,
} from '@shop/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client, queryKeys } from './client';
import { useMe } from './session';

/**
 * The signed-in person's notifications: the first page with the unread count, kept per account and asked for only
 * while someone is signed in (the header keeps it on every page, like the wishlist).
 */
export function useNotifications() {
  const userId = useMe().data?.id ?? null;
  return useQuery({
    queryKey: queryKeys.notifications(userId),
    queryFn: ({ signal }) => client.listNotifications({ query: { limit: 20 } }, { signal }),
    enabled: userId !== null,
  });
}

/**
 * Listens to the server's stream while someone is signed in: each new notification (and the stream's opening, which
 * may follow a gap) reads the first page again. The browser reconnects by itself after a drop; a `signed-out` event
 * (the session ended elsewhere) closes it for good. Answers whether the stream is open.
 */
export function useNotificationStream(): boolean {
  const queries = useQueryClient();
  const userId = useMe().data?.id ?? null;
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (userId === null || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1${NOTIFICATION_EVENTS_PATH}`);
    const refresh = () =>
      void queries.invalidateQueries({ queryKey: queryKeys.notifications(userId), exact: true });
    source.addEventListener('ready', () => {
      setLive(true);
      refresh();
    });
    source.addEventListener('notification', refresh);
    source.addEventListener('signed-out', () => {
      source.close();
      setLive(false);
      void queries.invalidateQueries({ queryKey: queryKeys.me });
    });
    source.addEventListener('error', () => setLive(source.readyState === EventSource.OPEN));
    return () => {
      source.close();
      setLive(false);
    };
  }, [queries, userId]);
  return live;
}

/** Marking read answers the first page again: it replaces the cached one. */
function useNotificationMutation<V>(change: (vars: V) => Promise<NotificationPage>) {
  const queries = useQueryClient();
  const userId = useMe().data?.id ?? null;
  return useMutation({
    mutationFn: change,
    onSuccess: (page) => queries.setQueryData(queryKeys.notifications(userId), page),
  });
}

export function useMarkNotificationRead() {
  return useNotificationMutation((id: string) => client.markNotificationRead({ params: { id } }));
}

export function useMarkAllNotificationsRead() {
  return useNotificationMutation(() => client.markAllNotificationsRead({}));
}

export function useNotificationPreferences() {
  const userId = useMe().data?.id ?? null;
  return useQuery({
    queryKey: queryKeys.notificationPreferences(userId),
    queryFn: ({ signal }) => client.getNotificationPreferences({}, { signal }),
    enabled: userId !== null,
  });
}

export function useSetNotificationPreferences() {
  const queries = useQueryClient();
  const userId = useMe().data?.id ?? null;
  return useMutation({
    mutationFn: (input: NotificationPreferencesInput) => client.setNotificationPreferences({ body: input }),
    onSuccess: (answer) => queries.setQueryData(queryKeys.notificationPreferences(userId), answer),
  });
}
