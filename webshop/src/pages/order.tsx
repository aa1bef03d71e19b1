import { EmptyState, LoadingBlock, useLocale, useMessages } from '@shop/ui';
import type { Order } from '@shop/shared';
import { ChevronLeft } from 'lucide-react';
import { useMemo, type ReactElement } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useOrder } from '../api/orders';
import { useMe } from '../api/session';
import { formatDateTime } from '../i18n/format';
import { FulfilmentDetails } from '../orders/fulfilment-details';
import { GuestAccountOffer } from '../orders/guest-account';
import { guestOrderText } from '../orders/guest-messages';
import { OrderAccessContext, orderAccessOf, useOrderAccess } from '../orders/order-access';
import { orderText } from '../orders/messages';
import { OrderActions } from '../orders/order-actions';
import { OrderItems } from '../orders/order-items';
import { PaymentPanel } from '../orders/payment-panel';
import { PaymentProofs } from '../orders/payment-proofs';
import { PreOrderPanel } from '../orders/pre-order-panel';
import { ClosedBanner, PaidBanner, ReviewBanner } from '../orders/status-banners';
import { OrderStatusBadge } from '@shop/ui';
import { OrderTimeline } from '../orders/timeline';
import { ButtonLink } from '../ui/button-link';
import { Card, useTitle } from '../ui/page';
import { QueryError } from '../ui/query-error';

/**
 * One order, bookmarkable: paying it (KHQR) while it waits for money, then where it is, what is in it, its invoice.
 * Only its customer sees it; anyone else gets "not found", a visitor is sent to sign in first. A guest's order opens
 * with the key of its link (order-access.ts), whoever is signed in.
 */
export function OrderPage() {
  const { id = '' } = useParams();
  const access = useMemo(() => orderAccessOf(id), [id]);
  const me = useMe();
  const t = useMessages(orderText);
  const signIn = <Navigate to={`/login?next=${encodeURIComponent(`/orders/${id}`)}`} replace />;

  // Asking who is signed in also hands a new browser its CSRF cookie, which a guest's order routes (POSTs) need.
  if (me.isPending) return <LoadingBlock label={t.loading} />;
  if (access)
    return (
      <OrderAccessContext.Provider value={access}>
        <OrderView id={id} signIn={signIn} />
      </OrderAccessContext.Provider>
    );
  if (me.data === null) return signIn;
  return <OrderView id={id} signIn={signIn} />;
}

function OrderView({ id, signIn }: { id: string; signIn: ReactElement }) {
  const t = useMessages(orderText);
  const g = useMessages(guestOrderText);
  const guest = useOrderAccess() !== null;
  const order = useOrder(id);

  if (order.isPending) return <LoadingBlock label={t.loading} />;
  if (order.isError) {
    if (isApiError(order.error, 401)) return signIn;
    if (isApiError(order.error, 404) || isApiError(order.error, 400))
      return (
        <EmptyState title={t.notFoundTitle}>
          <p>{guest ? g.notFoundText : t.notFoundText}</p>
          <ButtonLink to={guest ? '/' : '/account/orders'} className="mt-5">
            {guest ? g.backHome : t.myOrders}
          </ButtonLink>
        </EmptyState>
      );
    return <QueryError title={t.loadFailed} retry={order.refetch} />;
  }
  return <OrderDetails order={order.data} />;
}

function OrderDetails({ order }: { order: Order }) {
  const t = useMessages(orderText);
  const g = useMessages(guestOrderText);
  const { locale } = useLocale();
  useTitle(t.title(order.number));
  const paidJustNow = order.status === 'paid' || order.status === 'processing';
  // A guest's order no account holds yet: no "my orders" to go back to, and the offer to keep it in one.
  const guestOrder = order.customer.id === null;

  return (
    <>
      {!guestOrder && (
        <Link
          to="/account/orders"
          className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-brand-700"
        >
          <ChevronLeft className="size-4" aria-hidden="true" />
          {t.myOrders}
        </Link>
      )}
      <div className="mb-6">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t.title(order.number)}</h1>
          <OrderStatusBadge status={order.status} className="px-3 py-1 text-sm" />
        </div>
        <p className="mt-1 text-sm text-muted">{t.placedOn(formatDateTime(order.createdAt, locale))}</p>
        {guestOrder && <p className="mt-2 text-sm">{g.guestNote}</p>}
      </div>

      <div className="space-y-6">
        {/* Announced when the page turns to paid by itself. */}
        <div aria-live="polite">{paidJustNow && <PaidBanner order={order} />}</div>
        {order.status === 'pending_payment' && <PaymentPanel order={order} />}
        {order.preOrder && <PreOrderPanel order={order} preOrder={order.preOrder} />}
        {order.status === 'payment_review' && (
          <>
            <ReviewBanner />
            <PaymentProofs orderId={order.id} inReview />
          </>
        )}
        {(order.status === 'cancelled' || order.status === 'expired') && <ClosedBanner order={order} />}

        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="space-y-6">
            <Card>
              <h2 className="mb-4 text-lg font-bold">{t.items}</h2>
              <OrderItems order={order} />
            </Card>
            <Card>
              <FulfilmentDetails order={order} />
            </Card>
          </div>
          <div className="space-y-6">
            <Card>
              <h2 className="mb-4 text-lg font-bold">{t.timeline}</h2>
              <OrderTimeline order={order} title={t.timeline} />
            </Card>
            <Card>
              <OrderActions order={order} />
            </Card>
            {guestOrder && <GuestAccountOffer order={order} />}
          </div>
        </div>
      </div>
    </>
  );
}
