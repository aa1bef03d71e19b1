import {
  customerSorts,
  formatCambodianPhone,
  formatShopDate,
  userStatuses,
  type CustomerDetail,
} from '@shop/shared';
import { useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { useListAddress } from '../list-address';
import { FilterBar, FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { AccountStatusBadge } from './account-status';
import { accountStatusText, customerTexts } from './texts';

type CustomerRow = CustomerDetail['customer'];
type ListQuery = NonNullable<Parameters<typeof api.listCustomers>[0]>['query'];
const filterKeys = ['q', 'status', 'sort'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string): T | undefined =>
  (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Customer accounts, searched and sorted on the server, the filters kept in the address. */
export function CustomerList() {
  const t = useMessages(customerTexts);
  const statusText = useMessages(accountStatusText);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const list = useListAddress(filterKeys);
  const { filters, page, setFilters, setPage } = list;
  const query: ListQuery = {
    page,
    q: filters.q || undefined,
    status: oneOf(userStatuses, filters.status),
    sort: oneOf(customerSorts, filters.sort),
  };
  const customers = useQuery({
    queryKey: ['customers', 'list', query],
    queryFn: () => api.listCustomers({ query }),
    placeholderData: keepPreviousData,
  });

  const columns: Column<CustomerRow>[] = [
    { key: 'name', header: t.name, cell: (customer) => <span className="font-medium">{customer.name}</span> },
    { key: 'email', header: t.email, cell: (customer) => customer.email },
    {
      key: 'phone',
      header: t.phone,
      cell: (customer) => (customer.phone ? formatCambodianPhone(customer.phone) : t.none),
    },
    { key: 'status', header: t.account, cell: (customer) => <AccountStatusBadge status={customer.status} /> },
    { key: 'orders', header: t.orders, align: 'right', cell: (customer) => customer.orderCount },
    {
      key: 'lastOrder',
      header: t.lastOrder,
      cell: (customer) => (customer.lastOrderAt ? formatShopDate(customer.lastOrderAt, locale) : t.none),
    },
    { key: 'joined', header: t.joined, cell: (customer) => formatShopDate(customer.createdAt, locale) },
  ];

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <FilterBar
        className="grid grid-cols-[minmax(16rem,2fr)_minmax(9rem,1fr)_minmax(9rem,1fr)_auto] items-end gap-3"
        list={list}
        search={{ placeholder: t.searchHint }}
      >
        <FilterSelect
          label={t.account}
          value={filters.status}
          onChange={(status) => setFilters({ status })}
          options={userStatuses.map((status) => [status, statusText[status]])}
        />
        <FilterSelect
          label={t.sort}
          value={filters.sort}
          onChange={(sort) => setFilters({ sort })}
          all={false}
          options={[
            ['', t.newest],
            ['oldest', t.oldest],
            ['name', t.byName],
          ]}
        />
      </FilterBar>
      <PagedList
        label={t.title}
        query={customers}
        columns={columns}
        rowKey={(customer) => customer.id}
        onOpen={(customer) => void navigate(`/back-office/customers/${customer.id}`)}
        onPage={setPage}
      />
    </section>
  );
}
