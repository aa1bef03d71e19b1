import {
  formatShopDateTime,
  formatUsd,
  orderStatuses,
  type AdminOrderList,
  type AdminOrderListQuery,
} from '@shop/shared';
import { Badge, Button, OrderStatusBadge, orderStatusText, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Route, Routes, useNavigate } from 'react-router';
import { api } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { FilterBar, FilterDate, FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { OrderDetail } from './order-detail';
import { orderTexts } from './texts';

type OrderRow = AdminOrderList['items'][number];
const filterKeys = ['q', 'status', 'channel', 'from', 'to', 'sort', 'customerId'] as const;

/** The orders area: the list, and an order's page at `/back-office/orders/:id`. */
export function OrdersScreen() {
  return (
    <Routes>
      <Route index element={<OrderList />} />
      <Route path=":id" element={<OrderDetail />} />
    </Routes>
  );
}

/** Every order, web and counter, in one list: filtered, searched and sorted on the server, kept in the address. */
function OrderList() {
  const t = useMessages(orderTexts);
  const statusText = useMessages(orderStatusText);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const list = useListAddress(filterKeys);
  const { filters, page, setFilters, setPage } = list;
  const query = { ...queryOf(filters), page } as Partial<AdminOrderListQuery>;
  const orders = useQuery({
    queryKey: ['orders', query],
    queryFn: () => api.listAdminOrders({ query }),
    placeholderData: keepPreviousData,
  });
  // Opened from an order's page ("this customer's orders"): the list names whose orders these are.
  const customerName = filters.customerId
    ? orders.data?.items.find((order) => order.customer.id === filters.customerId)?.customer.name
    : undefined;

  const columns: Column<OrderRow>[] = [
    { key: 'number', header: t.number, cell: (order) => <span className="font-mono">{order.number}</span> },
    { key: 'placed', header: t.placed, cell: (order) => formatShopDateTime(order.createdAt, locale) },
    {
      key: 'customer',
      header: t.customer,
      // A guest's web order has a name and no account; a counter sale without a customer is a walk-in.
      cell: (order) =>
        order.customer.id
          ? order.customer.name
          : order.channel === 'web'
            ? t.guest(order.customer.name)
            : t.walkIn,
    },
    { key: 'channel', header: t.channel, cell: (order) => (order.channel === 'pos' ? t.pos : t.web) },
    { key: 'status', header: t.status, cell: (order) => <OrderStatusBadge status={order.status} /> },
    { key: 'items', header: t.items, align: 'right', cell: (order) => order.itemCount },
    { key: 'total', header: t.amount, align: 'right', cell: (order) => formatUsd(order.totalCents) },
  ];

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      {filters.customerId && (
        <p className="flex items-center gap-3 text-sm">
          <Badge tone="info">{t.oneCustomer(customerName ?? filters.customerId)}</Badge>
          <Button type="button" size="sm" variant="ghost" onClick={() => setFilters({ customerId: '' })}>
            {t.everyCustomer}
          </Button>
        </p>
      )}
      <FilterBar
        className="grid grid-cols-[minmax(14rem,2fr)_repeat(5,minmax(8rem,1fr))_auto] items-end gap-3 max-[1400px]:grid-cols-3"
        list={list}
        search={{ placeholder: t.searchHint }}
      >
        <FilterSelect
          label={t.status}
          value={filters.status}
          onChange={(status) => setFilters({ status })}
          options={orderStatuses.map((status) => [status, statusText[status]])}
        />
        <FilterSelect
          label={t.channel}
          value={filters.channel}
          onChange={(channel) => setFilters({ channel })}
          options={[
            ['web', t.web],
            ['pos', t.pos],
          ]}
        />
        <FilterDate label={t.from} value={filters.from} onChange={(from) => setFilters({ from })} />
        <FilterDate label={t.to} value={filters.to} onChange={(to) => setFilters({ to })} />
        <FilterSelect
          label={t.sort}
          value={filters.sort}
          onChange={(sort) => setFilters({ sort })}
          all={false}
          options={[
            ['', t.newest],
            ['oldest', t.oldest],
            ['total', t.total],
          ]}
        />
      </FilterBar>
      <PagedList
        label={t.title}
        query={orders}
        columns={columns}
        rowKey={(order) => order.id}
        onOpen={(order) => void navigate(`/back-office/orders/${order.id}`)}
        onPage={setPage}
      />
    </section>
  );
}
