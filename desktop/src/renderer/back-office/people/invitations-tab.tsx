import { formatShopDateTime, invitationStatuses, type Invitation } from '@shop/shared';
import { Badge, Button, FormAlert, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { ConfirmButton } from './confirm';
import { InviteDialog } from './invite-dialog';
import { roleLabel } from './labels';
import { peopleTexts } from './texts';

const filterKeys = ['status'] as const;

/** Invitations sent, newest first: a waiting one can be mailed again (new link) or withdrawn. */
export function InvitationsTab() {
  const t = useMessages(peopleTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const [notice, setNotice] = useState<'resent' | 'withdrawn' | null>(null);
  const { filters, page, setFilters, setPage } = useListAddress(filterKeys);
  const query = { ...queryOf(filters), page } as Parameters<typeof api.listInvitations>[0]['query'];
  const invitations = useQuery({
    queryKey: ['invitations', query],
    queryFn: () => api.listInvitations({ query }),
    placeholderData: keepPreviousData,
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'resend' | 'revoke' }) =>
      action === 'resend'
        ? api.resendInvitation({ params: { id } })
        : api.revokeInvitation({ params: { id } }),
    onSuccess: (_, { action }) => {
      setNotice(action === 'resend' ? 'resent' : 'withdrawn');
      void queries.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  const columns: Column<Invitation>[] = [
    { key: 'name', header: t.name, cell: (row) => <span className="font-medium">{row.name}</span> },
    { key: 'email', header: t.email, cell: (row) => row.email },
    { key: 'role', header: t.role, cell: (row) => roleLabel(t, row.role) },
    {
      key: 'status',
      header: t.status,
      cell: (row) => (
        <Badge tone={row.status === 'accepted' ? 'success' : row.status === 'pending' ? 'info' : 'neutral'}>
          {t.invitationStatus(row.status)}
        </Badge>
      ),
    },
    { key: 'by', header: t.invitedBy, cell: (row) => row.invitedByName ?? '—' },
    { key: 'expires', header: t.expires, cell: (row) => formatShopDateTime(row.expiresAt, locale) },
    {
      key: 'actions',
      header: '',
      cell: (row) =>
        row.status === 'pending' || row.status === 'expired' ? (
          <span className="flex justify-end gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => act.mutate({ id: row.id, action: 'resend' })}
            >
              {t.resend}
            </Button>
            {row.status === 'pending' && (
              <ConfirmButton
                label={t.revoke}
                question={t.revoke + ': ' + row.email}
                onConfirm={() => act.mutate({ id: row.id, action: 'revoke' })}
              />
            )}
          </span>
        ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex items-end justify-between gap-3">
        <FilterSelect
          label={t.status}
          value={filters.status}
          onChange={(status) => setFilters({ status })}
          options={invitationStatuses.map((status) => [status, t.invitationStatus(status)])}
        />
        <InviteDialog />
      </div>
      {notice && <FormAlert tone="success">{t[notice]}</FormAlert>}
      {act.isError && <FormAlert>{problemOf(act.error)}</FormAlert>}
      <PagedList
        label={t.tabInvitations}
        query={invitations}
        columns={columns}
        rowKey={(row) => row.id}
        onPage={setPage}
      />
    </div>
  );
}
