import { formatShopDateTime, notificationText, type Notification } from '@shop/shared';
import { Button, cn, useLocale, useMessages } from '@shop/ui';
import { useEffect, useState } from 'react';
import type { BellState } from '../../core/back-office/notifications';
import { onCoreEvent, run } from '../bridge';
import { frameTexts } from './texts';

const closed: BellState = { open: false, live: false, unread: 0, items: [] };

/**
 * The staff member's bell in the status bar: the core listens to the server while the back office is open and tells
 * this of each change (`notifications` events). Closed or offline, the bell says so, greyed, without an error.
 * A notification's link opens its back-office screen (`#/back-office/…`).
 */
export function NotificationBell() {
  const t = useMessages(frameTexts);
  const { locale } = useLocale();
  const [bell, setBell] = useState<BellState>(closed);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    run<BellState>('notifications')
      .then(setBell)
      .catch(() => undefined);
    return onCoreEvent((name, data) => {
      if (name === 'notifications' && data) setBell(data as BellState);
    });
  }, []);

  const follow = (n: Notification) => {
    setOpen(false);
    if (n.readAt === null)
      void run<BellState>('markNotificationRead', { id: n.id })
        .then(setBell)
        .catch(() => undefined);
    if (n.link?.startsWith('/back-office/')) window.location.hash = `#${n.link}`;
  };

  const label = !bell.open
    ? t.bellClosed
    : !bell.live
      ? t.bellOffline
      : bell.unread > 0
        ? t.bellWithCount(bell.unread)
        : t.bell;
  return (
    <div className="relative">
      <Button
        variant="secondary"
        onClick={() => setOpen((was) => !was)}
        aria-label={label}
        // The hint names the back office: kept out of the button's name, which screens find it by.
        title={bell.open ? label : t.bellClosedHint}
        aria-expanded={open}
        data-testid="notification-bell"
        data-live={bell.live ? 'yes' : 'no'}
        className={cn('relative h-11 min-w-11 px-2.5', !bell.live && 'text-muted')}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-5 shrink-0"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          {!bell.live && <path d="m2 2 20 20" />}
        </svg>
        {bell.unread > 0 && (
          <span
            data-testid="notification-count"
            className="absolute -top-1 -right-1 grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs font-bold text-white"
          >
            {bell.unread > 99 ? '99+' : bell.unread}
          </span>
        )}
      </Button>
      {open && (
        <div
          role="dialog"
          aria-label={t.bell}
          className="absolute top-12 right-0 z-50 w-96 rounded-lg border border-line bg-white whitespace-normal shadow-lg"
        >
          <div className="flex items-center justify-between gap-3 border-b border-line px-4 py-2.5">
            <p className="font-semibold">{t.bell}</p>
            {bell.unread > 0 && (
              <button
                type="button"
                className="text-sm font-medium text-brand-700 hover:underline"
                onClick={() =>
                  void run<BellState>('markAllNotificationsRead')
                    .then(setBell)
                    .catch(() => undefined)
                }
              >
                {t.markAllRead}
              </button>
            )}
          </div>
          {(!bell.open || !bell.live) && (
            <p className="border-b border-line bg-amber-50 px-4 py-2 text-xs text-amber-800">
              {bell.open ? label : t.bellClosedHint}
            </p>
          )}
          <ul className="max-h-96 overflow-y-auto p-1">
            {bell.items.length === 0 ? (
              <li className="px-3 py-6 text-center text-sm text-muted">{t.bellEmpty}</li>
            ) : (
              bell.items.map((n) => {
                const text = notificationText(n, locale);
                return (
                  <li key={n.id}>
                    <button
                      type="button"
                      onClick={() => follow(n)}
                      data-notification-kind={n.kind}
                      className="flex w-full gap-3 rounded-md px-3 py-2 text-left hover:bg-brand-50"
                    >
                      <span
                        className={cn(
                          'mt-1.5 size-2 shrink-0 rounded-full',
                          n.readAt === null ? 'bg-brand-600' : 'bg-transparent',
                        )}
                      />
                      <span className="min-w-0">
                        <span className={cn('block text-sm', n.readAt === null && 'font-semibold')}>
                          {text.title}
                        </span>
                        <span className="block text-sm text-muted">{text.body}</span>
                        <span className="block text-xs text-muted">
                          {formatShopDateTime(n.createdAt, locale)}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })
            )}
          </ul>
        </div>
      )}
    </div>
  );
}
