import { formatShopDateTime, type RefundOwed } from '@shop/shared';
import { OrderStatusBadge, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { detailTexts } from '../orders/detail-texts';
import { formatMoney } from '../orders/money';
import { PagedList, type Column } from '../paged-list';
import { NoteDialog } from './note-dialog';
import { StatusFilter, useStatusFilter } from './payments-screen';
import { SettleCell } from './settle-cell';
import { paymentTexts } from './texts';

/** Money Bakong reported for orders no longer waiting for it: owed back until staff send it and say how. */
export function RefundsOwedList() {
  const t = useMessages(paymentTexts);
  const d = useMessages(detailTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const { status, page, setFilters, setPage } = useStatusFilter<'open' | 'refunded'>('open');
  const [working, setWorking] = useState<RefundOwed | null>(null);
  const list = useQuery({
    queryKey: ['refunds-owed', status, page],
    queryFn: () => api.listRefundsOwed({ query: { status, page } }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<RefundOwed>[] = [
    {
      key: 'order',
      header: t.order,
      cell: (item) => (
        <span className="flex items-center gap-2">
          <Link
            className="font-mono whitespace-nowrap text-brand-700 hover:underline"
            to={`/back-office/orders/${item.orderId}`}
          >
            {item.orderNumber}
          </Link>
          <OrderStatusBadge status={item.orderStatus} />
        </span>
      ),
    },
    {
      key: 'customer',
      header: t.customer,
      cell: (item) => (
        <>
          {item.customer.name}
          {(item.customer.phone ?? item.customer.email) && (
            <span className="block text-xs text-muted">{item.customer.phone ?? item.customer.email}</span>
          )}
        </>
      ),
    },
    {
      key: 'amount',
      header: t.amount,
      align: 'right',
      cell: (item) => formatMoney(item.amount, item.currency),
    },
    {
      key: 'ids',
      header: d.khqrIds,
      cell: (item) => (
        <span className="font-mono text-xs break-all">
          {item.md5} / {item.bakongHash ?? '—'}
        </span>
      ),
    },
    { key: 'found', header: t.found, cell: (item) => formatShopDateTime(item.foundAt, locale) },
    {
      key: 'action',
      header: '',
      cell: (item) => (
        <SettleCell
          settled={
            item.status === 'refunded' ? { outcome: t.refunded, note: item.note, by: item.refundedBy } : null
          }
          action={t.markRefunded}
          onAct={() => setWorking(item)}
        />
      ),
    },
  ];
  return (
    <div className="space-y-4">
      <StatusFilter
        value={status}
        options={[
          ['open', t.owed],
          ['refunded', t.refunded],
        ]}
        onChange={(value) => setFilters({ status: value === 'open' ? '' : value })}
      />
      <PagedList
        label={t.refunds}
        query={list}
        columns={columns}
        rowKey={(item) => item.id}
        onPage={setPage}
      />
      {working && (
        <NoteDialog
          title={t.refundTitle(formatMoney(working.amount, working.currency))}
          noteLabel={t.refundNote}
          send={async (note) => {
            await api.markRefunded({ params: { id: working.id }, body: { note } });
            await queries.invalidateQueries({ queryKey: ['refunds-owed'] });
          }}
          onDone={() => setWorking(null)}
        />
      )}
    </div>
  );
}
