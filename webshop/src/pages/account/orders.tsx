import { cn, useLocale, useMessages } from '@shop/ui';
import { PackageOpen } from 'lucide-react';
import { ORDERS_PAGE_SIZE, useMyOrders } from '../../api/account';
import { accountText } from '../../account/messages';
import { Pagination, usePageParam } from '../../account/pagination';
import { formatDate } from '../../i18n/format';
import { OrderStatusBadge } from '@shop/ui';
import { EmptyWithShopLink } from '../../ui/empty-with-shop-link';
import { PageHeading } from '../../ui/page';
import { Price } from '../../ui/price';
import { RowLink } from '../../ui/row-link';
import { QueryError } from '../../ui/query-error';
import { RowsLoading } from '../../ui/rows-loading';

/** /account/orders?page=: the customer's orders, newest first, each leading to its own page (and payment). */
export function OrdersPage() {
  const t = useMessages(accountText);
  const { locale } = useLocale();
  const page = usePageParam();
  const orders = useMyOrders(page);

  if (orders.isPending)
    return (
      <>
        <PageHeading title={t.ordersTitle} />
        <RowsLoading label={t.ordersLoading} rowClassName="h-24 rounded-card" />
      </>
    );
  if (orders.isError)
    return (
      <>
        <PageHeading title={t.ordersTitle} />
        <QueryError title={t.ordersFailed} retry={orders.refetch} />
      </>
    );

  const { items, total } = orders.data;
  if (total === 0)
    return (
      <>
        <PageHeading title={t.ordersTitle} />
        <EmptyWithShopLink
          title={t.noOrders}
          icon={PackageOpen}
          text={t.noOrdersText}
          linkLabel={t.startShopping}
        />
      </>
    );

  return (
    <>
      <PageHeading title={t.ordersTitle} />
      <ul className={cn('space-y-3 transition-opacity', orders.isPlaceholderData && 'opacity-60')}>
        {items.map((order) => (
          <li key={order.id}>
            <RowLink to={`/orders/${order.id}`}>
              <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-[minmax(8rem,1fr)_minmax(10rem,1fr)_minmax(11rem,1.2fr)] sm:items-center sm:gap-4">
                <div className="min-w-0">
                  <p className="font-semibold tabular-nums">{order.number}</p>
                  <p className="text-sm text-muted">
                    {formatDate(order.createdAt, locale)} · {t.items(order.itemCount)}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <OrderStatusBadge status={order.status} />
                  {order.status === 'pending_payment' && (
                    <span className="text-sm font-semibold text-accent-600">{t.payNow}</span>
                  )}
                </div>
                <Price cents={order.totalCents} khr={order.totalKhr} size="sm" />
              </div>
            </RowLink>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageSize={ORDERS_PAGE_SIZE} total={total} />
    </>
  );
}
