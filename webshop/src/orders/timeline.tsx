import { cn, useLocale, useMessages } from '@shop/ui';
import type { Order, OrderStatus } from '@shop/shared';
import { Check, Circle, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatDateTime } from '../i18n/format';
import { timelineText } from './messages';

const ENDED_BADLY: readonly OrderStatus[] = ['cancelled', 'expired', 'delivery_failed', 'refunded'];

/** The way an order normally goes, so the steps still ahead can be shown greyed. */
function usualPath(fulfilment: Order['fulfilment']): OrderStatus[] {
  return [
    'pending_payment',
    'paid',
    'processing',
    ...(fulfilment === 'pickup'
      ? (['ready_for_pickup', 'picked_up'] as const)
      : (['out_for_delivery', 'delivered'] as const)),
  ];
}

/** The steps still ahead of an order in `status` (none once it is closed). */
function stepsAhead(status: OrderStatus, fulfilment: Order['fulfilment']): OrderStatus[] {
  const path = usualPath(fulfilment);
  // A payment in review is still on the way to "paid"; a failed delivery goes out again.
  const at =
    status === 'payment_review'
      ? path.indexOf('pending_payment')
      : status === 'delivery_failed'
        ? path.indexOf('processing')
        : path.indexOf(status);
  return at === -1 ? [] : path.slice(at + 1);
}

/** Placed → paid → ready/shipped → done (or cancelled, expired), with the shop's times for what has happened. */
export function OrderTimeline({ order, title }: { order: Order; title: string }) {
  const t = useMessages(timelineText);
  const { locale } = useLocale();
  const ahead = stepsAhead(order.status, order.fulfilment);
  const done = order.events;

  return (
    <ol aria-label={title} className="relative space-y-0">
      {done.map((event, index) => {
        const bad = ENDED_BADLY.includes(event.to);
        const current = index === done.length - 1;
        return (
          <Step
            key={`${event.to}-${event.at}`}
            last={current && ahead.length === 0}
            marker={
              <span
                className={cn(
                  'grid size-7 place-items-center rounded-full text-white',
                  bad ? 'bg-red-600' : current ? 'bg-brand-600 ring-4 ring-brand-100' : 'bg-emerald-600',
                )}
              >
                {bad ? (
                  <X className="size-4" aria-hidden="true" />
                ) : (
                  <Check className="size-4" aria-hidden="true" />
                )}
              </span>
            }
          >
            <p
              className={cn('font-semibold', bad && 'text-red-800')}
              aria-current={current ? 'step' : undefined}
            >
              {t[event.to]}
            </p>
            <p className="text-xs text-muted">
              <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at, locale)}</time>
            </p>
            {event.reason && event.actor === 'staff' && (
              <p className="mt-1 text-sm text-ink">{event.reason}</p>
            )}
          </Step>
        );
      })}
      {ahead.map((status, index) => (
        <Step
          key={status}
          last={index === ahead.length - 1}
          marker={
            <span className="grid size-7 place-items-center rounded-full border-2 border-line bg-white text-slate-300">
              <Circle className="size-2.5 fill-current" aria-hidden="true" />
            </span>
          }
        >
          <p className="text-muted">{t[status]}</p>
        </Step>
      ))}
    </ol>
  );
}

function Step({ marker, last, children }: { marker: ReactNode; last: boolean; children: ReactNode }) {
  return (
    <li className="relative flex gap-3 pb-5 last:pb-0">
      {!last && (
        <span
          className="absolute top-7 bottom-0 left-3.5 w-0.5 -translate-x-1/2 bg-line"
          aria-hidden="true"
        />
      )}
      <span className="shrink-0">{marker}</span>
      <div className="min-w-0 pt-0.5 text-sm">{children}</div>
    </li>
  );
}
