import { formatShopDateTime, type PreOrderListItem } from '@shop/shared';
import { Button, OrderStatusBadge, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, problemOf } from '../api';
import { formatMoney } from '../orders/money';
import { PagedList, type Column } from '../paged-list';
import { ProductPicker, useProductPick } from '../stock/product-picker';
import { NewPreOrder } from './new-pre-order';
import { preOrderTexts } from './texts';

/**
 * Pre-orders, a product's (picked by scan, name or SKU; kept in the address) or all, in the order they are served:
 * who, when, the deposit paid, the state; staff confirm placed ones, cancel, and take the rest in cash at pickup.
 * Every action is the server's route (a counter pre-order is taken there too), so the server decides and audits.
 */
export function PreOrdersScreen() {
  const t = useMessages(preOrderTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const { product, pick } = useProductPick();
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const [taking, setTaking] = useState(false);
  const list = useQuery({
    queryKey: ['pre-orders', product?.id ?? '', page],
    queryFn: () => api.listPreOrders({ query: { ...(product && { productId: product.id }), page } }),
    placeholderData: keepPreviousData,
  });
  const act = useMutation({
    mutationFn: async ({
      item,
      action,
    }: {
      item: PreOrderListItem;
      action: 'confirm' | 'cancel' | 'cash';
    }) => {
      const params = { id: item.orderId };
      if (action === 'confirm') return api.confirmPreOrder({ params });
      if (action === 'cancel') return api.transitionOrder({ params, body: { to: 'cancelled' } });
      const order = await api.getOrder({ params });
      const due =
        item.status === 'preorder_deposit' ? item.deposit - item.depositPaid : order.preOrder!.balance;
      return api.takePreOrderCash({ params, body: { tendered: due } });
    },
    onMutate: () => setProblem(null),
    onError: (error) => setProblem(problemOf(error)),
    onSettled: () => queries.invalidateQueries({ queryKey: ['pre-orders'] }),
  });
  const button = (item: PreOrderListItem, action: 'confirm' | 'cancel' | 'cash', label: string) => (
    <Button
      size="sm"
      variant={action === 'cancel' ? 'secondary' : 'primary'}
      busy={act.isPending && act.variables?.item === item && act.variables.action === action}
      onClick={() => {
        if (action === 'cancel' && !window.confirm(t.cancelAsk(item.number))) return;
        act.mutate({ item, action });
      }}
    >
      {label}
    </Button>
  );
  const columns: Column<PreOrderListItem>[] = [
    {
      key: 'order',
      header: t.order,
      cell: (item) => (
        <Link className="font-mono text-brand-700 hover:underline" to={`/back-office/orders/${item.orderId}`}>
          {item.number}
        </Link>
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
    ...(product
      ? []
      : [{ key: 'product', header: t.product, cell: (item: PreOrderListItem) => item.product.name }]),
    { key: 'made', header: t.madeAt, cell: (item) => formatShopDateTime(item.createdAt, locale) },
    {
      key: 'deposit',
      header: t.deposit,
      align: 'right',
      cell: (item) =>
        `${formatMoney(item.depositPaid, item.currency)} / ${formatMoney(item.deposit, item.currency)}`,
    },
    {
      key: 'state',
      header: t.state,
      cell: (item) => (
        <>
          <OrderStatusBadge status={item.status} />
          {item.status === 'preorder_arrived' && item.reserveUntil !== null && (
            <span className="block text-xs text-muted">
              {t.reservedUntil(formatShopDateTime(item.reserveUntil, locale))}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'actions',
      header: '',
      cell: (item) => (
        <span className="flex flex-wrap gap-2">
          {item.status === 'preorder_placed' && button(item, 'confirm', t.confirm)}
          {item.status === 'preorder_deposit' && button(item, 'cash', t.cashDeposit)}
          {item.status === 'preorder_arrived' && button(item, 'cash', t.cashRest)}
          {item.status.startsWith('preorder_') && button(item, 'cancel', t.cancel)}
        </span>
      ),
    },
  ];
  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-bold">{t.title}</h1>
          <p className="text-sm text-muted">{t.lead}</p>
        </div>
        {!taking && <Button onClick={() => setTaking(true)}>{t.newPreOrder}</Button>}
      </div>
      {taking && <NewPreOrder onClose={() => setTaking(false)} />}
      <ProductPicker
        product={product}
        onPick={(id) => {
          setPage(1);
          pick(id);
        }}
      />
      {problem && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {t.failed} {problem}
        </p>
      )}
      <PagedList
        label={t.list}
        query={list}
        columns={columns}
        rowKey={(item) => item.orderId}
        onPage={setPage}
      />
    </div>
  );
}
