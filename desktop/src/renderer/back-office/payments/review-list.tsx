import { formatShopDateTime, type PaymentReviewItem } from '@shop/shared';
import { OrderStatusBadge, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { formatMoney } from '../orders/money';
import { PagedList, type Column } from '../paged-list';
import { StatusFilter, useStatusFilter } from './payments-screen';
import { paymentTexts } from './texts';

/**
 * KHQR payments that came in, but not as asked: what the order asked for next to what Bakong reported, so staff can
 * decide on the order's page (accept it as paid, give it back to payment, or cancel it).
 */
export function ReviewList() {
  const t = useMessages(paymentTexts);
  const { locale } = useLocale();
  const { status, page, setFilters, setPage } = useStatusFilter<'open' | 'all'>('open');
  const payments = useQuery({
    queryKey: ['payments-review', status, page],
    queryFn: () => api.listPaymentsInReview({ query: { state: status, page } }),
    placeholderData: keepPreviousData,
  });
  const reported = (item: PaymentReviewItem) =>
    item.reported.amount === null ? '—' : formatMoney(item.reported.amount, item.reported.currency);
  const columns: Column<PaymentReviewItem>[] = [
    {
      key: 'order',
      header: t.order,
      cell: (item) =>
        item.order ? (
          <span className="flex items-center gap-2">
            <Link
              className="font-mono whitespace-nowrap text-brand-700 hover:underline"
              to={`/back-office/orders/${item.order.id}`}
            >
              {item.order.number}
            </Link>
            <OrderStatusBadge status={item.order.status} />
          </span>
        ) : (
          t.counterQr
        ),
    },
    { key: 'customer', header: t.customer, cell: (item) => item.customer?.name ?? t.walkIn },
    {
      key: 'asked',
      header: t.asked,
      align: 'right',
      cell: (item) => formatMoney(item.asked.amount, item.asked.currency),
    },
    {
      key: 'reported',
      header: t.reported,
      align: 'right',
      cell: (item) => (
        <>
          <span className="font-semibold">{reported(item)}</span>
          {item.reported.toAccountId && (
            <span className="block text-xs text-muted">{item.reported.toAccountId}</span>
          )}
          {item.reported.hash && (
            <span className="block font-mono text-xs text-muted">{item.reported.hash}</span>
          )}
        </>
      ),
    },
    { key: 'problems', header: t.problems, cell: (item) => item.problems.join('; ') },
    { key: 'found', header: t.found, cell: (item) => formatShopDateTime(item.foundAt, locale) },
  ];
  return (
    <div className="space-y-4">
      <StatusFilter
        value={status}
        options={[
          ['open', t.open],
          ['all', t.allOfThem],
        ]}
        onChange={(value) => setFilters({ status: value === 'open' ? '' : value })}
      />
      <PagedList
        label={t.review}
        query={payments}
        columns={columns}
        rowKey={(item) => item.id}
        onPage={setPage}
      />
    </div>
  );
}
