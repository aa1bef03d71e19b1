import { formatShopDateTime, roles, userStatuses, type User } from '@shop/shared';
import { Badge, Button, SelectField, TextField, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { PagedList, type Column } from '../paged-list';
import { backOfficeTexts } from '../texts';
import { InviteDialog } from './invite-dialog';
import { roleLabel, statusLabel } from './labels';
import { peopleTexts } from './texts';

const filterKeys = ['q', 'role', 'status'] as const;

/** Every account, staff first by filter: search, role and status kept in the address; a row opens the person. */
export function StaffTab() {
  const t = useMessages(peopleTexts);
  const frame = useMessages(backOfficeTexts);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { filters, page, setFilters, setPage, clear, filtered } = useListAddress(filterKeys);
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
      <form
        role="search"
        className="grid grid-cols-[minmax(14rem,2fr)_repeat(2,minmax(8rem,1fr))_auto_auto] items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const text = new FormData(event.currentTarget).get('q');
          setFilters({ q: typeof text === 'string' ? text.trim() : '' });
        }}
      >
        <TextField
          key={filters.q}
          name="q"
          type="search"
          label={frame.search}
          placeholder={t.searchHint}
          defaultValue={filters.q}
        />
        <SelectField
          label={t.role}
          value={filters.role}
          onChange={(event) => setFilters({ role: event.target.value })}
        >
          <option value="">{frame.all}</option>
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabel(t, role)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t.status}
          value={filters.status}
          onChange={(event) => setFilters({ status: event.target.value })}
        >
          <option value="">{frame.all}</option>
          {userStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(t, status)}
            </option>
          ))}
        </SelectField>
        <Button type="button" variant="ghost" disabled={!filtered} onClick={clear}>
          {frame.clear}
        </Button>
        <InviteDialog />
      </form>
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
