import {
  canCancelLines,
  deliveryEta,
  formatKhr,
  formatShopDateTime,
  formatUsd,
  type AdminOrder,
} from '@shop/shared';
import {
  Badge,
  Button,
  buttonClass,
  ErrorState,
  LoadingBlock,
  OrderStatusBadge,
  orderStatusText,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, isApiError, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { CancelLineDialog } from './cancel-line';
import { Card } from './card';
import { detailTexts } from './detail-texts';
import { InvoiceButton } from './invoice-button';
import { OrderPayments, OrderProofs, OrderRefunds } from './order-money';
import { OrderSteps } from './order-steps';
import { orderTexts } from './texts';

/** One order as staff work it: what it is, where it stands, what can happen next, and everything that happened. */
export function OrderDetail() {
  const { id = '' } = useParams();
  const t = useMessages(detailTexts);
  const frame = useMessages(backOfficeTexts);
  const order = useQuery({ queryKey: ['order', id], queryFn: () => api.getAdminOrder({ params: { id } }) });
  const back = (
    <Link to="/back-office/orders" className="text-sm font-medium text-brand-700 hover:underline">
      ← {t.back}
    </Link>
  );
  if (order.isPending) return <LoadingBlock label={t.title('')} />;
  if (order.isError)
    return (
      <section className="space-y-4">
        {back}
        <ErrorState
          title={isApiError(order.error, 404) ? t.notFound : t.loadFailed}
          detail={problemOf(order.error)}
          onRetry={() => void order.refetch()}
          retryLabel={frame.retry}
        />
      </section>
    );
  const o = order.data;
  return (
    <section className="space-y-5">
      {back}
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t.title(o.number)}</h1>
        <span data-testid="order-status">
          <OrderStatusBadge status={o.status} />
        </span>
        <span className="ml-auto flex gap-2">
          {o.customer.id && (
            <Link
              className={buttonClass('ghost')}
              to={`/back-office/orders?customerId=${encodeURIComponent(o.customer.id)}`}
            >
              {t.customerOrders}
            </Link>
          )}
          <InvoiceButton orderId={o.id} number={o.number} />
        </span>
      </header>
      <Card title={t.nextSteps}>
        <OrderSteps order={o} />
      </Card>
      <div className="grid gap-5 xl:grid-cols-[2fr_1fr]">
        <div className="space-y-5">
          <OrderLines order={o} />
          <OrderPayments order={o} />
          <OrderProofs order={o} />
          <OrderRefunds order={o} />
        </div>
        <div className="space-y-5">
          <OrderSummary order={o} />
          <Timeline order={o} />
        </div>
      </div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1">
      <dt className="text-muted">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

function OrderSummary({ order: o }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const list = useMessages(orderTexts);
  const { locale } = useLocale();
  return (
    <Card title={t.summary}>
      <dl className="text-sm">
        <Row label={t.customer}>
          {o.customer.id || o.channel === 'web' ? (
            <>
              <span className="block font-medium">{o.customer.name}</span>
              {!o.customer.id && <span className="block text-muted">{t.guest}</span>}
              {o.customer.email && <span className="block">{o.customer.email}</span>}
              {o.customerPhone && <span className="block">{o.customerPhone}</span>}
            </>
          ) : (
            t.walkIn
          )}
        </Row>
        <Row label={t.channel}>{o.channel === 'pos' ? t.counterSale : list.web}</Row>
        <Row label={t.fulfilment}>{o.fulfilment === 'pickup' ? t.pickup : t.delivery}</Row>
        {o.deliveryAddress && (
          <Row label={t.deliverTo}>
            {[o.deliveryAddress.recipient, o.deliveryAddress.phone, ...o.deliveryAddress.lines].map(
              (line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ),
            )}
          </Row>
        )}
        <Row label={t.placed}>{formatShopDateTime(o.createdAt, locale)}</Row>
        {o.paidAt && <Row label={t.paidAt}>{formatShopDateTime(o.paidAt, locale)}</Row>}
        {o.note && <Row label={t.note}>{o.note}</Row>}
        {o.counter && (
          <>
            <Row label={t.counter}>{o.counter.device?.name ?? t.removed}</Row>
            <Row label={t.staff}>{o.counter.staff?.name ?? '—'}</Row>
            {o.counter.shiftId && (
              <Row label={t.shift}>
                <span className="font-mono text-xs">{o.counter.shiftId}</span>
              </Row>
            )}
            {o.counter.receiptNumber && (
              <Row label={t.receipt}>
                <span className="font-mono">{o.counter.receiptNumber}</span>
              </Row>
            )}
          </>
        )}
      </dl>
      <dl className="border-t border-line pt-2 text-sm tabular-nums">
        <Row label={t.subtotal}>{formatUsd(o.subtotalCents)}</Row>
        {o.discountCents > 0 && <Row label={t.discount}>−{formatUsd(o.discountCents)}</Row>}
        {/* Each promotion and the coupon by name (a line's promotion is in its price). */}
        {(o.discounts ?? []).map((d) => (
          <Row key={`${d.source}-${d.id}`} label={d.name}>
            <span className="text-emerald-700">−{formatUsd(d.amountCents)}</span>
          </Row>
        ))}
        {o.priceFlag && (
          <Row label={t.priceFlag}>
            <span data-testid="price-flag" className="font-semibold text-amber-800">
              {t.priceFlagText(formatUsd(o.priceFlag.chargedCents), formatUsd(o.priceFlag.expectedCents))}
            </span>
          </Row>
        )}
        {o.deliveryFeeCents > 0 && <Row label={t.deliveryFee}>{formatUsd(o.deliveryFeeCents)}</Row>}
        {o.deliveryDays && (
          <Row label={t.promisedDays}>{deliveryEta(o.deliveryDays.min, o.deliveryDays.max, locale)}</Row>
        )}
        <Row label={t.total}>
          <span className="font-semibold">{formatUsd(o.totalCents)}</span>
          <span className="block text-muted">{formatKhr(o.totalKhr)}</span>
        </Row>
        {o.refundOwedCents > 0 && (
          <Row label={t.refundOwed}>
            <span className="font-semibold text-red-700">{formatUsd(o.refundOwedCents)}</span>
          </Row>
        )}
      </dl>
    </Card>
  );
}

function OrderLines({ order: o }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const [cancelling, setCancelling] = useState<AdminOrder['items'][number] | null>(null);
  const cancellable = canCancelLines(o.status);
  return (
    <Card title={t.lines}>
      <table className="w-full text-left text-sm" aria-label={t.lines}>
        <thead className="border-b border-line text-muted">
          <tr>
            <th className="py-2 font-medium">{t.product}</th>
            <th className="py-2 text-right font-medium">{t.quantity}</th>
            <th className="py-2 text-right font-medium">{t.unitPrice}</th>
            <th className="py-2 text-right font-medium">{t.lineTotal}</th>
            {cancellable && <th className="py-2" />}
          </tr>
        </thead>
        <tbody>
          {o.items.map((line) => (
            <tr
              key={line.id}
              className="border-b border-line align-top last:border-0"
              data-testid="order-line"
            >
              <td className="py-2">
                <span className="block font-medium">{line.name}</span>
                <span className="block font-mono text-xs text-muted">{line.sku}</span>
                {line.warrantyMonths > 0 && (
                  <span className="block text-xs text-muted">{t.warranty(line.warrantyMonths)}</span>
                )}
                {line.serials.length > 0 && (
                  <span className="block text-xs">
                    {t.serials}: <span className="font-mono">{line.serials.join(', ')}</span>
                  </span>
                )}
              </td>
              <td className="py-2 text-right tabular-nums">
                {line.quantity}
                {line.cancelledQuantity > 0 && (
                  <Badge tone="danger" className="ml-2">
                    {t.cancelled(line.cancelledQuantity)}
                  </Badge>
                )}
              </td>
              <td className="py-2 text-right tabular-nums">{formatUsd(line.unitPriceCents)}</td>
              <td className="py-2 text-right tabular-nums">{formatUsd(line.lineTotalCents)}</td>
              {cancellable && (
                <td className="py-2 pl-3 text-right">
                  {line.quantity > line.cancelledQuantity && (
                    <Button size="sm" variant="secondary" onClick={() => setCancelling(line)}>
                      {t.cancelUnits}
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {cancelling && <CancelLineDialog order={o} line={cancelling} onDone={() => setCancelling(null)} />}
    </Card>
  );
}

function Timeline({ order: o }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const statusText = useMessages(orderStatusText);
  const { locale } = useLocale();
  return (
    <Card title={t.timeline}>
      <ol className="space-y-3 text-sm">
        {[...o.events].reverse().map((event, at) => (
          <li key={`${event.at}-${at}`} className="border-l-2 border-brand-200 pl-3">
            <span className="block font-medium">{statusText[event.to]}</span>
            <span className="block text-muted">
              {formatShopDateTime(event.at, locale)} ·{' '}
              {event.by?.name ?? (event.actor === 'customer' ? t.byCustomer : t.bySystem)}
            </span>
            {event.reason && <span className="block">{event.reason}</span>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
