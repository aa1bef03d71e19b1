import { notificationText as say, type Notification } from '@shop/shared';
import { Button, cn, useLocale, useMessages } from '@shop/ui';
import { Bell } from 'lucide-react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { client } from '../../api/client';
import {
  useMarkAllNotificationsRead,
  useNotificationPreferences,
  useNotifications,
  useSetNotificationPreferences,
} from '../../api/notifications';
import { formatDateTime } from '../../i18n/format';
import { webLinkOf } from '../../notifications/bell';
import { notificationText } from '../../notifications/messages';
import { Card, PageHeading } from '../../ui/page';
import { QueryError } from '../../ui/query-error';
import { RowsLoading } from '../../ui/rows-loading';

/** /account/notifications: every notification, newest first, a page at a time, and which also come by email. */
export function NotificationsPage() {
  const t = useMessages(notificationText);
  const page = useNotifications();
  const markAll = useMarkAllNotificationsRead();
  const [older, setOlder] = useState<Notification[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const cursor = next === undefined ? page.data?.nextBefore : next;

  const loadOlder = async () => {
    if (!cursor) return;
    const more = await client.listNotifications({ query: { before: cursor, limit: 20 } });
    setOlder((items) => [...items, ...more.items]);
    setNext(more.nextBefore);
  };

  return (
    <>
      <PageHeading title={t.title}>
        {(page.data?.unread ?? 0) > 0 && (
          <Button variant="secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
            {t.markAllRead}
          </Button>
        )}
      </PageHeading>
      {page.isError ? (
        <QueryError title={t.loadFailed} retry={page.refetch} />
      ) : !page.data ? (
        <RowsLoading label={t.title} rowClassName="h-16 rounded-card" />
      ) : page.data.items.length === 0 ? (
        <Card className="flex items-center gap-3 text-muted">
          <Bell className="size-5" aria-hidden="true" />
          {t.empty}
        </Card>
      ) : (
        <ul className="divide-y divide-line rounded-card border border-line bg-white">
          {[...page.data.items, ...older].map((n) => (
            <NotificationRow key={n.id} notification={n} />
          ))}
        </ul>
      )}
      {cursor && (
        <Button variant="ghost" className="mt-3" onClick={() => void loadOlder()}>
          {t.loadMore}
        </Button>
      )}
      <Preferences />
    </>
  );
}

function NotificationRow({ notification: n }: { notification: Notification }) {
  const { locale } = useLocale();
  const text = say(n, locale);
  const link = webLinkOf(n);
  const title = <span className={cn(n.readAt === null && 'font-semibold')}>{text.title}</span>;
  return (
    <li className="flex gap-3 px-4 py-3">
      <span
        className={cn(
          'mt-2 size-2 shrink-0 rounded-full',
          n.readAt === null ? 'bg-brand-600' : 'bg-transparent',
        )}
      />
      <div className="min-w-0">
        {link ? (
          <Link to={link} className="hover:underline">
            {title}
          </Link>
        ) : (
          title
        )}
        <p className="text-sm text-muted">{text.body}</p>
        <p className="text-xs text-muted">{formatDateTime(n.createdAt, locale)}</p>
      </div>
    </li>
  );
}

function Preferences() {
  const t = useMessages(notificationText);
  const preferences = useNotificationPreferences();
  const save = useSetNotificationPreferences();
  const id = useId();
  if (!preferences.data) return null;
  return (
    <section className="mt-10" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {t.preferences}
      </h2>
      <p className="mb-3 text-sm text-muted">{t.preferencesHint}</p>
      <ul className="space-y-2">
        {preferences.data.items.map((p) => (
          <li key={p.kind} className="flex items-center gap-2 text-sm">
            <input
              id={`${id}-${p.kind}`}
              type="checkbox"
              checked={p.mailable ? p.mail : true}
              disabled={!p.mailable || save.isPending}
              onChange={(event) => save.mutate({ items: [{ kind: p.kind, mail: event.target.checked }] })}
              className="size-4 rounded border-line accent-brand-600"
            />
            <label htmlFor={`${id}-${p.kind}`}>
              {t[`kind_${p.kind}` as const]}
              {!p.mailable && <span className="text-muted"> ({t.alwaysMailed})</span>}
            </label>
          </li>
        ))}
      </ul>
      {save.isSuccess && <p className="mt-2 text-sm text-emerald-700">{t.saved}</p>}
    </section>
  );
}
