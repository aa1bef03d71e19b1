import { formatShopDateTime, type ReconcilePaymentInput, type ReconciliationItem } from '@shop/shared';
import { SelectField, useLocale, useMessages } from '@shop/ui';
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

/**
 * Payments the server could not vouch for (a static KHQR staff confirmed, a counter's KHQR checked offline, a paid
 * counter KHQR no sale took): matched with the bank statement, or marked as sent back, with a note.
 */
export function ReconciliationList() {
  const t = useMessages(paymentTexts);
  const d = useMessages(detailTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const { status, page, setFilters, setPage } = useStatusFilter<'open' | 'reconciled'>('open');
  const [working, setWorking] = useState<ReconciliationItem | null>(null);
  const [outcome, setOutcome] = useState<ReconcilePaymentInput['outcome']>('matched');
  const list = useQuery({
    queryKey: ['reconciliation', status, page],
    queryFn: () => api.listPaymentsToReconcile({ query: { status, page } }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<ReconciliationItem>[] = [
    {
      key: 'kind',
      header: t.kind,
      cell: (item) => (
        <>
          {t[item.kind]}
          {item.problem && <span className="block text-xs text-muted">{item.problem}</span>}
        </>
      ),
    },
    {
      key: 'order',
      header: t.order,
      cell: (item) =>
        item.order ? (
          <Link
            className="font-mono whitespace-nowrap text-brand-700 hover:underline"
            to={`/back-office/orders/${item.order.id}`}
          >
            {item.order.receiptNumber ?? item.order.number}
          </Link>
        ) : (
          '—'
        ),
    },
    { key: 'method', header: t.method, cell: (item) => d[item.method] },
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
          {item.md5 ?? '—'} / {item.bakongHash ?? '—'}
        </span>
      ),
    },
    { key: 'by', header: t.receivedBy, cell: (item) => item.receivedBy?.name ?? '—' },
    {
      key: 'paid',
      header: t.paid,
      cell: (item) => formatShopDateTime(item.paidAt ?? item.createdAt, locale),
    },
    {
      key: 'action',
      header: '',
      cell: (item) => (
        <SettleCell
          settled={
            item.reconciled && {
              outcome: item.reconciled.outcome === 'matched' ? t.matched : t.moneyBack,
              note: item.reconciled.note,
              by: item.reconciled.by,
            }
          }
          action={t.reconcile}
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
          ['open', t.open],
          ['reconciled', t.reconciled],
        ]}
        onChange={(value) => setFilters({ status: value === 'open' ? '' : value })}
      />
      <PagedList
        label={t.reconciliation}
        query={list}
        columns={columns}
        rowKey={(item) => item.id}
        onPage={setPage}
      />
      {working && (
        <NoteDialog
          title={t.reconcileTitle}
          noteLabel={t.reconcileNote}
          send={async (note) => {
            await api.reconcilePayment({ params: { id: working.id }, body: { outcome, note } });
            await queries.invalidateQueries({ queryKey: ['reconciliation'] });
          }}
          onDone={() => setWorking(null)}
        >
          <SelectField
            label={t.outcome}
            value={outcome}
            onChange={(event) => setOutcome(event.target.value as ReconcilePaymentInput['outcome'])}
          >
            <option value="matched">{t.matched}</option>
            <option value="refunded">{t.moneyBack}</option>
          </SelectField>
        </NoteDialog>
      )}
    </div>
  );
}
