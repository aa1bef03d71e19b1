import { useLocale, useMessages } from '@shop/ui';
import type { Order } from '@shop/shared';
import { CircleCheckBig, SearchCheck, XCircle } from 'lucide-react';
import { formatDateTime } from '../i18n/format';
import { ButtonLink } from '../ui/button-link';
import { orderText } from './messages';

/** Shown once the money is in: what happens next. */
export function PaidBanner({ order }: { order: Order }) {
  const t = useMessages(orderText);
  const { locale } = useLocale();
  return (
    <section className="flex gap-4 rounded-card border border-emerald-200 bg-emerald-50 p-5 text-emerald-950 sm:p-6">
      <CircleCheckBig className="size-10 shrink-0 text-emerald-600" aria-hidden="true" />
      <div>
        <h2 className="text-xl font-bold">{t.paidTitle}</h2>
        <p className="mt-1">{order.fulfilment === 'pickup' ? t.paidPickup : t.paidDelivery}</p>
        {order.paidAt && (
          <p className="mt-2 text-sm text-emerald-800">{t.paidAt(formatDateTime(order.paidAt, locale))}</p>
        )}
      </div>
    </section>
  );
}

/** A payment (or screenshot) that staff are checking. */
export function ReviewBanner() {
  const t = useMessages(orderText);
  return (
    <section className="flex gap-4 rounded-card border border-brand-200 bg-brand-50 p-5 text-brand-900 sm:p-6">
      <SearchCheck className="size-9 shrink-0 text-brand-600" aria-hidden="true" />
      <div>
        <h2 className="text-lg font-bold">{t.reviewTitle}</h2>
        <p className="mt-1">{t.reviewText}</p>
      </div>
    </section>
  );
}

/** A cancelled or expired order: nothing to pay, and a way back to the shop. */
export function ClosedBanner({ order }: { order: Order }) {
  const t = useMessages(orderText);
  return (
    <section className="flex flex-wrap items-center gap-4 rounded-card border border-line bg-white p-5 sm:p-6">
      <XCircle className="size-9 shrink-0 text-slate-400" aria-hidden="true" />
      <p className="min-w-0 flex-1">{order.status === 'expired' ? t.closedExpired : t.closedCancelled}</p>
      <ButtonLink to="/" variant="secondary">
        {t.shopAgain}
      </ButtonLink>
    </section>
  );
}
