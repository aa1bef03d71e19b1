import { Button, useLocale, useMessages } from '@shop/ui';
import { depositFor, formatUsd, type ProductDetail, type ProductPreOrder } from '@shop/shared';
import { CalendarClock } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { usePlacePreOrder } from '../api/orders';
import { useMe } from '../api/session';
import { preOrderText } from './pre-order-messages';

/** A shop day (`YYYY-MM-DD`) as a customer reads it, in their language. */
export function expectedDay(day: string, locale: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale === 'km' ? 'km-KH' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/**
 * "Pre-order" instead of "Out of stock" on a product the shop takes pre-orders of: a first step shows the deposit,
 * the rest due on arrival and the expected day; confirming places the pre-order and opens its page (with the
 * deposit's KHQR, when there is one).
 */
export function PreOrderBox({ product, preOrder }: { product: ProductDetail; preOrder: ProductPreOrder }) {
  const t = useMessages(preOrderText);
  const { locale } = useLocale();
  const me = useMe();
  const place = usePlacePreOrder();
  const navigate = useNavigate();
  const [step, setStep] = useState<'offer' | 'confirm'>('offer');
  const deposit = depositFor(product.priceCents, 'USD', preOrder.depositPercent);

  const submit = () =>
    place.mutate(
      { productId: product.id, quantity: 1, currency: 'USD' },
      { onSuccess: (order) => void navigate(`/orders/${order.id}`) },
    );
  const error = place.error
    ? isApiError(place.error, 409) && place.error.fields.productId === 'in stock'
      ? t.inStockNow
      : t.failed
    : null;

  return (
    <section aria-labelledby="pre-order-title" className="rounded-xl border border-line bg-slate-50 p-4">
      <h2 id="pre-order-title" className="font-semibold">
        {t.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t.lead}</p>
      <p className="mt-2 flex items-center gap-2 text-sm font-medium">
        <CalendarClock className="size-4 text-brand-600" aria-hidden="true" />
        {preOrder.expectedOn ? t.expected(expectedDay(preOrder.expectedOn, locale)) : t.expectedUnknown}
      </p>
      {step === 'offer' ? (
        <div className="mt-4">
          {me.data ? (
            <Button variant="accent" size="lg" className="min-w-48" onClick={() => setStep('confirm')}>
              {t.preOrder}
            </Button>
          ) : (
            <Link
              to={`/login?next=${encodeURIComponent(`/products/${product.slug}`)}`}
              className="font-semibold text-brand-700 underline"
            >
              {t.signIn}
            </Link>
          )}
        </div>
      ) : (
        <div className="mt-4 rounded-lg border border-line bg-white p-4" data-testid="pre-order-step">
          <h3 className="font-semibold">{t.stepTitle}</h3>
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
            <dt>{preOrder.depositPercent === 0 ? t.noDeposit : t.deposit(preOrder.depositPercent)}</dt>
            <dd className="text-right font-semibold tabular-nums">{formatUsd(deposit)}</dd>
            <dt>{t.rest}</dt>
            <dd className="text-right tabular-nums">{formatUsd(product.priceCents - deposit)}</dd>
          </dl>
          <p className="mt-2 text-xs text-slate-600">{t.restHow}</p>
          {error && (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          <div className="mt-3 flex flex-wrap gap-3">
            <Button variant="accent" busy={place.isPending} onClick={submit}>
              {t.confirm}
            </Button>
            <Button variant="secondary" onClick={() => setStep('offer')}>
              {t.back}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
