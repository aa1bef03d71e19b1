import { Button, InlineError, useLocale, useMessages } from '@shop/ui';
import { formatKhr, formatUsd, type Order, type PreOrderInfo } from '@shop/shared';
import { useQueryClient } from '@tanstack/react-query';
import { PackageCheck } from 'lucide-react';
import { useEffect } from 'react';
import { queryKeys } from '../api/client';
import { useOrderPayment, usePayPreOrderRest } from '../api/orders';
import { expectedDay } from '../catalog/pre-order-box';
import { formatDateTime } from '../i18n/format';
import { Card } from '../ui/page';
import { PaymentPanel } from './payment-panel';
import { preOrderPanelText } from './pre-order-messages';

/**
 * A pre-order's page: its deposit (the KHQR while it waits for it), where it is in the line, and once its product
 * arrived the rest to pay by KHQR (or in cash at pickup) before the date its units are reserved until.
 */
export function PreOrderPanel({ order, preOrder }: { order: Order; preOrder: PreOrderInfo }) {
  const t = useMessages(preOrderPanelText);
  const { locale } = useLocale();
  const money = (minor: number) => (order.currency === 'KHR' ? formatKhr(minor) : formatUsd(minor));
  const waiting: Partial<Record<Order['status'], string>> = {
    preorder_deposit: t.waitingDeposit,
    preorder_placed: t.waitingConfirm,
    preorder_confirmed: t.waitingStock,
  };
  return (
    <>
      <Card>
        <h2 className="mb-3 text-lg font-bold">{t.heading}</h2>
        <p className="text-sm font-medium">
          {preOrder.expectedOn ? t.expected(expectedDay(preOrder.expectedOn, locale)) : t.expectedUnknown}
        </p>
        <dl className="mt-3 grid max-w-sm grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
          <dt>{t.deposit(preOrder.depositPercent)}</dt>
          <dd className="text-right tabular-nums">{money(preOrder.deposit)}</dd>
          <dt>{t.depositPaid}</dt>
          <dd className="text-right tabular-nums">{money(preOrder.depositPaid)}</dd>
          <dt className="font-semibold">{t.rest}</dt>
          <dd className="text-right font-semibold tabular-nums">{money(preOrder.balance)}</dd>
        </dl>
        {waiting[order.status] && <p className="mt-3 text-sm text-muted">{waiting[order.status]}</p>}
        {preOrder.depositOutcome && (
          <p className="mt-3 text-sm text-muted">
            {preOrder.depositOutcome === 'refund_owed' ? t.depositRefund : t.depositKept}
          </p>
        )}
      </Card>
      {order.status === 'preorder_deposit' && <PaymentPanel order={order} />}
      {order.status === 'preorder_arrived' && <PayTheRest order={order} preOrder={preOrder} />}
    </>
  );
}

function PayTheRest({ order, preOrder }: { order: Order; preOrder: PreOrderInfo }) {
  const t = useMessages(preOrderPanelText);
  const { locale } = useLocale();
  const payment = useOrderPayment(order.id);
  const payRest = usePayPreOrderRest(order.id);
  const queries = useQueryClient();
  const answeredStatus = payment.data?.orderStatus;
  // The rest came in (the QR turned paid): the order moved on, so it is loaded again.
  useEffect(() => {
    if (answeredStatus && answeredStatus !== order.status)
      void queries.invalidateQueries({ queryKey: queryKeys.order(order.id), exact: true });
  }, [answeredStatus, order.status, order.id, queries]);
  if (payment.data?.status === 'pending') return <PaymentPanel order={order} />;
  return (
    <section
      aria-labelledby="pre-order-arrived"
      className="rounded-card border border-emerald-200 bg-emerald-50 p-4 sm:p-6"
    >
      <h2 id="pre-order-arrived" className="flex items-center gap-2 text-lg font-bold text-emerald-900">
        <PackageCheck className="size-5" aria-hidden="true" />
        {t.arrivedTitle}
      </h2>
      {preOrder.reserveUntil !== null && (
        <p className="mt-1 text-sm text-emerald-900">
          {t.arrived(formatDateTime(preOrder.reserveUntil, locale))}
        </p>
      )}
      <Button className="mt-3" busy={payRest.isPending} onClick={() => payRest.mutate()}>
        {t.payRest}
      </Button>
      {payRest.isError && <InlineError>{t.payRestFailed}</InlineError>}
    </section>
  );
}
