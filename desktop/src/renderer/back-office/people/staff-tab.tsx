import { formatShopDateTime, roles, userStatuses, type User } from '@shop/shared';
import { Badge, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { FilterBar, FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { InviteDialog } from './invite-dialog';
import { roleLabel, statusLabel } from './labels';
import { peopleTexts } from './texts';

const filterKeys = ['q', 'role', 'status'] as const;

/** Every account, staff first by filter: search, role and status kept in the address; a row opens the person. */
export function StaffTab() {
  const t = useMessages(peopleTexts);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const list = useListAddress(filterKeys);
  const { filters, page, setFilters, setPage } = list;
  const query = { ...queryOf(filters), page } as Parameters<typeof api.listUsers>[0]['query'];
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => api.listUsers({ query }),
    placeholderData: keepPreviousData,
  });

  const columns: Column<User>[] = [
    { key: 'name', header: t.name, cell: (user) => <span className="font-medium">{user.name}</span> },
    { key: 'email', header: t.email, cell: (user) => user.email },
    { key: 'role', header: t.role, cell: (user) => roleLabel(t, user.role) },
    {
      key: 'status',
      header: t.status,
      cell: (user) => (
        <Badge
          tone={user.status === 'active' ? 'success' : user.status === 'disabled' ? 'danger' : 'neutral'}
        >
          {statusLabel(t, user.status)}
        </Badge>
      ),
    },
    { key: 'since', header: t.since, cell: (user) => formatShopDateTime(user.createdAt, locale) },
  ];

  return (
    <div className="space-y-4">
      <FilterBar
        className="grid grid-cols-[minmax(14rem,2fr)_repeat(2,minmax(8rem,1fr))_auto_auto] items-end gap-3"
        list={list}
        search={{ placeholder: t.searchHint }}
        end={<InviteDialog />}
      >
        <FilterSelect
          label={t.role}
          value={filters.role}
          onChange={(role) => setFilters({ role })}
          options={roles.map((role) => [role, roleLabel(t, role)])}
        />
        <FilterSelect
          label={t.status}
          value={filters.status}
          onChange={(status) => setFilters({ status })}
          options={userStatuses.map((status) => [status, statusLabel(t, status)])}
        />
      </FilterBar>
      <PagedList
        label={t.tabStaff}
        query={users}
        columns={columns}
        rowKey={(user) => user.id}
        onOpen={(user) => void navigate(`/back-office/people/users/${user.id}`, { state: { user } })}
        onPage={setPage}
      />
    </div>
  );
}
