import { formatShopDateTime, roles, type Role, type User } from '@shop/shared';
import { Badge, Button, FormAlert, SelectField, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, problemOf } from '../api';
import { useListAddress } from '../list-address';
import { PagedList, type Column } from '../paged-list';
import { ConfirmButton } from './confirm';
import { roleLabel, statusLabel } from './labels';
import { peopleTexts } from './texts';

type SignIn = Awaited<ReturnType<typeof api.listUserSignIns>>['items'][number];
const noFilters = [] as const;
/** What was just done, as the key of its text (shown in the language of the moment). */
type Notice = 'resetDone' | 'roleSaved' | 'disabled' | 'enabled';

/**
 * One account: its role, disabling it, resetting its sign-in, and its sign-in history. The account comes from the
 * list that opened it (there is no route answering one account); every change answers the account as it is now.
 */
export function PersonScreen() {
  const t = useMessages(peopleTexts);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const opened = (useLocation().state as { user?: User } | null)?.user;
  const [user, setUser] = useState<User | undefined>(opened?.id === id ? opened : undefined);
  const [role, setRole] = useState<Role | ''>(user?.role ?? '');
  const [notice, setNotice] = useState<Notice | null>(null);
  const queries = useQueryClient();
  const { page, setPage } = useListAddress(noFilters);
  const signIns = useQuery({
    queryKey: ['sign-ins', id, page],
    queryFn: () => api.listUserSignIns({ params: { id }, query: { page } }),
    placeholderData: keepPreviousData,
  });

  const change = useMutation({
    mutationFn: async (what: 'role' | 'disable' | 'enable' | 'reset'): Promise<[User, Notice]> => {
      if (what === 'reset') return [(await api.resetSecondFactor({ params: { id } })).user, 'resetDone'];
      if (what === 'role' && role)
        return [await api.updateUser({ params: { id }, body: { role } }), 'roleSaved'];
      const status = what === 'disable' ? 'disabled' : 'active';
      return [
        await api.updateUser({ params: { id }, body: { status } }),
        what === 'disable' ? 'disabled' : 'enabled',
      ];
    },
    onMutate: () => setNotice(null),
    onSuccess: ([changed, said]) => {
      setUser(changed);
      setRole(changed.role);
      setNotice(said);
      void queries.invalidateQueries({ queryKey: ['users'] });
      void queries.invalidateQueries({ queryKey: ['sign-ins', id] });
    },
  });

  const columns: Column<SignIn>[] = [
    { key: 'when', header: t.when, cell: (row) => formatShopDateTime(row.at, locale) },
    {
      key: 'outcome',
      header: t.outcome,
      cell: (row) => (
        <Badge
          tone={row.outcome === 'failed' ? 'danger' : row.outcome === 'signed_in' ? 'success' : 'neutral'}
        >
          {t.outcomeText(row.outcome)}
        </Badge>
      ),
    },
    { key: 'ip', header: t.from, cell: (row) => <span className="font-mono">{row.ip ?? '—'}</span> },
    {
      key: 'browser',
      header: t.browser,
      cell: (row) => (
        <span className="line-clamp-1 max-w-96 break-all" title={row.userAgent ?? undefined}>
          {row.userAgent ?? '—'}
        </span>
      ),
    },
    { key: 'how', header: t.how, cell: (row) => (row.secondFactor ? t.howText(row.secondFactor) : '—') },
    { key: 'live', header: t.live, cell: (row) => (row.sessionLive ? '✓' : '') },
  ];

  const name = user?.name ?? id;
  return (
    <div className="space-y-5">
      <Link to="/back-office/people" className="text-sm font-medium text-brand-700 hover:underline">
        ← {t.back}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4 rounded-card border border-line bg-white p-4">
        <div>
          <h2 className="text-xl font-semibold">{name}</h2>
          {user && (
            <p className="text-muted">
              {user.email} · {roleLabel(t, user.role)} · {statusLabel(t, user.status)}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <SelectField label={t.role} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {!role && <option value="" />}
            {roles.map((option) => (
              <option key={option} value={option}>
                {roleLabel(t, option)}
              </option>
            ))}
          </SelectField>
          <Button
            variant="secondary"
            disabled={!role || role === user?.role}
            busy={change.isPending && change.variables === 'role'}
            onClick={() => change.mutate('role')}
          >
            {t.saveRole}
          </Button>
          <ConfirmButton
            label={t.resetFactor}
            question={t.confirmReset(name)}
            onConfirm={() => change.mutate('reset')}
          />
          {user?.status === 'disabled' ? (
            <Button variant="secondary" size="sm" onClick={() => change.mutate('enable')}>
              {t.enable}
            </Button>
          ) : (
            <ConfirmButton
              label={t.disable}
              variant="danger"
              question={t.confirmDisable(name)}
              onConfirm={() => change.mutate('disable')}
            />
          )}
        </div>
      </div>
      {notice && <FormAlert tone="success">{t[notice]}</FormAlert>}
      {change.isError && <FormAlert>{problemOf(change.error)}</FormAlert>}
      <h3 className="text-lg font-semibold">{t.signIns}</h3>
      <PagedList
        label={t.signIns}
        query={signIns}
        columns={columns}
        rowKey={(row) => row.id}
        onPage={setPage}
      />
    </div>
  );
}
