import { notificationText as say, type Notification } from '@shop/shared';
import { buttonClass, cn, useLocale, useMessages } from '@shop/ui';
import { Bell, BellOff } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { Link, useNavigate } from 'react-router';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useNotificationStream,
} from '../api/notifications';
import { formatDateTime } from '../i18n/format';
import { notificationText } from './messages';

/** Links of the back office (staff notifications) open in the desktop, not here: shown without a link. */
export const webLinkOf = (n: Notification) => (n.link && !n.link.startsWith('/back-office') ? n.link : null);

/**
 * The bell in the header for a signed-in person (loaded after hydration: the server renders pages signed out): the
 * unread count, live over the server's stream, and a panel of the newest notifications, each leading to its thing.
 */
export function NotificationBell() {
  const t = useMessages(notificationText);
  const { locale } = useLocale();
  const live = useNotificationStream();
  const page = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const navigate = useNavigate();
  const unread = page.data?.unread ?? 0;
  const items = page.data?.items ?? [];

  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id);
    const link = webLinkOf(n);
    if (link) void navigate(link);
  };

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className={buttonClass('ghost', 'md', 'relative px-2 max-sm:w-10 max-sm:px-0')}
        aria-label={unread > 0 ? t.bellWithCount(unread) : t.bell}
        data-live={live ? 'yes' : 'no'}
      >
        {live ? (
          <Bell className="size-5" aria-hidden="true" />
        ) : (
          <BellOff className="size-5 text-muted" aria-hidden="true" />
        )}
        {unread > 0 && (
          <span
            className="absolute -top-0.5 right-0 grid min-w-5 place-items-center rounded-full bg-brand-600 px-1 text-xs font-bold text-white"
            data-testid="notification-count"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-40 w-[min(24rem,calc(100vw-1.5rem))] rounded-card border border-line bg-white shadow-lg"
        >
          <div className="flex items-center justify-between gap-3 border-b border-line px-4 py-3">
            <DropdownMenu.Label className="font-semibold">{t.title}</DropdownMenu.Label>
            {unread > 0 && (
              <button
                type="button"
                className="text-sm font-medium text-brand-700 hover:underline"
                onClick={() => markAll.mutate()}
                disabled={markAll.isPending}
              >
                {t.markAllRead}
              </button>
            )}
          </div>
          {!live && (
            <p className="border-b border-line bg-amber-50 px-4 py-2 text-xs text-amber-800">{t.offline}</p>
          )}
          <div className="max-h-[60vh] overflow-y-auto p-1">
            {items.length === 0 ? (
              <p className="px-3 py-6 text-center text-sm text-muted">{t.empty}</p>
            ) : (
              items.map((n) => {
                const text = say(n, locale);
                return (
                  <DropdownMenu.Item
                    key={n.id}
                    onSelect={() => open(n)}
                    className="flex cursor-pointer gap-3 rounded-md px-3 py-2.5 outline-none data-[highlighted]:bg-brand-50"
                    data-notification-kind={n.kind}
                  >
                    <span
                      className={cn(
                        'mt-1.5 size-2 shrink-0 rounded-full',
                        n.readAt === null ? 'bg-brand-600' : 'bg-transparent',
                      )}
                      aria-label={n.readAt === null ? t.unread : undefined}
                    />
                    <span className="min-w-0">
                      <span
                        className={cn(
                          'block text-sm',
                          n.readAt === null ? 'font-semibold' : 'text-slate-700',
                        )}
                      >
                        {text.title}
                      </span>
                      <span className="block text-sm text-muted">{text.body}</span>
                      <span className="mt-0.5 block text-xs text-muted">
                        {formatDateTime(n.createdAt, locale)}
                      </span>
                    </span>
                  </DropdownMenu.Item>
                );
              })
            )}
          </div>
          <DropdownMenu.Separator className="h-px bg-line" />
          <DropdownMenu.Item asChild>
            <Link
              to="/account/notifications"
              className="block rounded-b-card px-4 py-2.5 text-center text-sm font-medium text-brand-700 outline-none data-[highlighted]:bg-brand-50"
            >
              {t.seeAll}
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
