import { Button, buttonClass, cn, InlineError, saveFile, Skeleton, Spinner, useMessages } from '@shop/ui';
import { formatKhr, formatUsd, usdCentsToKhr, type Order, type OrderPayment } from '@shop/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Download, RefreshCw, ShieldCheck, Smartphone, Timer } from 'lucide-react';
import { useEffect, useState } from 'react';
import { isApiError, queryKeys } from '../api/client';
import { useOrderPayment, usePaymentProofs, useRenewPayment } from '../api/orders';
import { useShopInfo } from '../api/shop';
import { QueryError } from '../ui/query-error';
import { formatMinutesSeconds, useTimeLeft } from './countdown';
import { DemoPay } from './demo-pay';
import { KhqrCard } from './khqr-card';
import { paymentText } from './messages';
import { PaymentProofs } from './payment-proofs';
import { drawQrImage } from './qr-image';

/**
 * What an order waiting for its money shows: the KHQR, large, with the amount and a live countdown, a link into the
 * bank app for phones, the screenshot fallback and (demo shop) a pretend bank app. The page learns of the payment by
 * polling the server, which asks Bakong; when the answer's order status moves on, the order is loaded again.
 */
export function PaymentPanel({ order }: { order: Order }) {
  const t = useMessages(paymentText);
  const queries = useQueryClient();
  const proofs = usePaymentProofs(order.id);
  const proofWaiting = proofs.data?.some((proof) => proof.status === 'pending') ?? false;
  const payment = useOrderPayment(order.id, { keepPolling: proofWaiting });
  const answeredStatus = payment.data?.orderStatus;

  useEffect(() => {
    if (answeredStatus && answeredStatus !== order.status)
      void queries.invalidateQueries({ queryKey: queryKeys.order(order.id), exact: true });
  }, [answeredStatus, order.status, order.id, queries]);

  return (
    <section
      aria-labelledby="payment-heading"
      className="overflow-hidden rounded-card border border-line bg-surface shadow-sm"
    >
      <h2
        id="payment-heading"
        className="flex items-center gap-2 border-b border-line bg-slate-50 px-4 py-3 text-lg font-bold sm:px-8"
      >
        <ShieldCheck className="size-5 text-emerald-600" aria-hidden="true" />
        {t.heading}
      </h2>
      {payment.isPending ? (
        <div className="grid gap-6 p-4 sm:p-8 md:grid-cols-[22rem_minmax(0,1fr)] md:gap-10">
          <p role="status" className="sr-only">
            {t.loading}
          </p>
          <Skeleton className="mx-auto aspect-[20/29] w-full max-w-[22rem] rounded-[1.25rem]" />
          <div className="space-y-3">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-10 w-48" />
            <Skeleton className="h-16 w-full" />
          </div>
        </div>
      ) : payment.isError ? (
        <div className="p-4 sm:p-8">
          <QueryError title={t.loadFailed} retry={payment.refetch} />
        </div>
      ) : (
        <PayWithKhqr order={order} payment={payment.data} onExpired={payment.refetch} />
      )}
    </section>
  );
}

function PayWithKhqr({
  order,
  payment,
  onExpired,
}: {
  order: Order;
  payment: OrderPayment;
  onExpired: () => Promise<unknown>;
}) {
  const t = useMessages(paymentText);
  const shop = useShopInfo();
  const renew = useRenewPayment(order.id);
  const queries = useQueryClient();
  const timeLeft = useTimeLeft(payment.expiresAt);
  const expired = payment.status === 'expired' || timeLeft === 0;
  const lifetimeMs = (shop.data?.paymentQrMinutes ?? 15) * 60_000;
  const amount = payment.currency === 'USD' ? formatUsd(payment.amount) : formatKhr(payment.amount);
  // What this QR asks for in the other currency: a pre-order's deposit or rest is a part of the order's total.
  const other =
    payment.currency === 'USD'
      ? `≈ ${formatKhr(usdCentsToKhr(payment.amount, order.rielPerUsd))}`
      : payment.amount === order.totalKhr
        ? `= ${formatUsd(order.totalCents)}`
        : '';

  // The clock ran out here: ask the server, which then says "expired" and the polling stops.
  useEffect(() => {
    if (timeLeft === 0 && payment.status === 'pending') void onExpired();
  }, [timeLeft, payment.status, onExpired]);

  const getNewQr = () =>
    renew.mutate(undefined, {
      // 409: the order stopped waiting meanwhile (expired, paid): show what it is now.
      onError: (error) => {
        if (isApiError(error, 409))
          void queries.invalidateQueries({ queryKey: queryKeys.order(order.id), exact: true });
      },
    });

  // A hold has a limited number of new codes and a lifetime from placement: the last code says so.
  const lastQr = payment.renewalsLeft === 0 || payment.expiresAt >= payment.holdEndsAt;
  const expiredOverlay =
    expired &&
    (lastQr ? (
      <div className="space-y-3">
        <p className="text-lg font-bold text-ink">{t.noMoreQrTitle}</p>
        <p className="text-sm text-muted">{t.noMoreQrText}</p>
      </div>
    ) : (
      <div className="space-y-3">
        <p className="text-lg font-bold text-ink">{t.expiredTitle}</p>
        <p className="text-sm text-muted">{t.expiredText}</p>
        <Button onClick={getNewQr} busy={renew.isPending}>
          <RefreshCw className="size-4" aria-hidden="true" />
          {t.renew}
        </Button>
        {renew.isError && <InlineError>{t.renewFailed}</InlineError>}
      </div>
    ));

  return (
    <div className="grid gap-6 p-4 sm:p-8 md:grid-cols-[22rem_minmax(0,1fr)] md:grid-rows-[auto_1fr] md:gap-x-10">
      <div className="space-y-4 md:col-start-2 md:row-start-1">
        <div>
          <p className="text-sm text-muted">{t.amount}</p>
          <p className="text-4xl font-bold tracking-tight text-ink tabular-nums">{amount}</p>
          <p className="text-sm text-muted tabular-nums">{other}</p>
        </div>

        <div
          className={cn(
            'rounded-card border px-4 py-3',
            expired ? 'border-red-200 bg-red-50' : 'border-amber-200 bg-amber-50',
          )}
        >
          <div className="flex items-center justify-between gap-3">
            <p className="flex items-center gap-2 text-sm font-medium">
              <Timer className="size-4" aria-hidden="true" />
              {t.timeLeft}
            </p>
            <p
              role="timer"
              aria-live="off"
              className={cn('text-2xl font-bold tabular-nums', expired ? 'text-red-700' : 'text-amber-900')}
            >
              {expired ? t.expired : formatMinutesSeconds(timeLeft)}
            </p>
          </div>
          <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-white/80" aria-hidden="true">
            <div
              className={cn('h-full rounded-full', expired ? 'bg-red-500' : 'bg-amber-500')}
              style={{ width: `${Math.min(100, (timeLeft / lifetimeMs) * 100)}%` }}
            />
          </div>
        </div>

        {!expired && <PayOnThisPhone order={order} payment={payment} />}
      </div>

      <div className="flex justify-center md:col-start-1 md:row-span-2 md:row-start-1 md:items-start">
        <KhqrCard
          qr={payment.khqr}
          receiverName={payment.receiverName}
          amount={payment.amount}
          currency={payment.currency}
          label={t.qrAlt(amount, payment.receiverName)}
          overlay={expiredOverlay || undefined}
          // A laptop's first screen (1366×768) holds the whole code: narrower where the window is short.
          className="md:max-w-[clamp(16rem,calc(100dvh-31rem),22rem)]"
        />
      </div>

      <div className="space-y-4 md:col-start-2 md:row-start-2">
        {!expired && (
          <ol className="list-inside list-decimal space-y-1 text-sm text-ink marker:font-semibold">
            <li>{t.instructions}</li>
            <li>{t.checkReceiver(payment.receiverName)}</li>
          </ol>
        )}
        {!expired && (
          <p role="status" className="flex items-center gap-2 text-sm font-medium text-brand-700">
            <Spinner className="size-4" />
            {t.waiting}
          </p>
        )}
        {!expired && (
          <p className="text-sm text-muted">{lastQr ? t.lastQr : t.renewalsLeft(payment.renewalsLeft)}</p>
        )}
        {shop.data?.demo && !expired && <DemoPay qr={payment.khqr} />}
        <PaymentProofs orderId={order.id} />
      </div>
    </div>
  );
}

/**
 * Paying with the phone that shows the code, which cannot scan itself: save the code as a picture and pick it in the
 * bank app's scanner (the common habit here), or open the bank app by its link. Only on phones and tablets (narrow
 * or touch screens): a laptop shows neither, nor any "this phone" wording.
 */
function PayOnThisPhone({ order, payment }: { order: Order; payment: OrderPayment }) {
  const t = useMessages(paymentText);
  const [failed, setFailed] = useState(false);
  const save = () => {
    setFailed(false);
    drawQrImage({ ...payment, qr: payment.khqr, orderNumber: order.number })
      .then((png) => saveFile(png, `KHQR-${order.number}.png`))
      .catch(() => setFailed(true));
  };
  return (
    <div data-testid="pay-on-phone" className="hidden space-y-2 max-md:block pointer-coarse:block">
      <p className="text-sm text-ink">{t.phoneSteps}</p>
      <Button variant="primary" size="lg" className="w-full" onClick={save}>
        <Download className="size-5" aria-hidden="true" />
        {t.saveQr}
      </Button>
      {failed && <InlineError>{t.saveQrFailed}</InlineError>}
      {payment.deeplink && (
        <a href={payment.deeplink} className={buttonClass('secondary', 'lg', 'w-full')}>
          <Smartphone className="size-5" aria-hidden="true" />
          {t.openBankApp}
        </a>
      )}
    </div>
  );
}
