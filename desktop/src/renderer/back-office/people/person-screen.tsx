import { formatShopDateTime, roles, type Role, type User } from '@shop/shared';
import {
  Badge,
  Button,
  ErrorState,
  FormAlert,
  LoadingBlock,
  SelectField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, isApiError, problemOf } from '../api';
import { useListAddress } from '../list-address';
import { PagedList, type Column } from '../paged-list';
import { backOfficeTexts } from '../texts';
import { ConfirmButton } from './confirm';
import { roleLabel, statusLabel } from './labels';
import { peopleTexts } from './texts';

type SignIn = Awaited<ReturnType<typeof api.listUserSignIns>>['items'][number];
const noFilters = [] as const;
/** What was just done, as the key of its text (shown in the language of the moment). */
type Notice = 'resetDone' | 'roleSaved' | 'disabled' | 'enabled';

/**
 * One account: its role, disabling it, resetting its sign-in, and its sign-in history. The account is loaded by the
 * id in the address, so a shared link opens it; the list row that led here (if any) only fills the header until it
 * comes. After every change the page asks the server again for the account as it is now.
 */
export function PersonScreen() {
  const t = useMessages(peopleTexts);
  const frame = useMessages(backOfficeTexts);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const opened = (useLocation().state as { user?: User } | null)?.user;
  const person = useQuery({ queryKey: ['user', id], queryFn: () => api.getUser({ params: { id } }) });
  const user: User | undefined = person.data ?? (opened?.id === id ? opened : undefined);
  // The role picked in the list, until saved; empty means "the account's own role".
  const [picked, setPicked] = useState<Role | ''>('');
  const role = picked || user?.role || '';
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
    onSuccess: async ([, said]) => {
      setPicked('');
      setNotice(said);
      await queries.invalidateQueries({ queryKey: ['user', id] });
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

  const back = (
    <Link to="/back-office/people" className="text-sm font-medium text-brand-700 hover:underline">
      ← {t.back}
    </Link>
  );
  if (!user && person.isPending) return <LoadingBlock label={t.person} />;
  if (!user)
    return (
      <div className="space-y-4">
        {back}
        <ErrorState
          title={isApiError(person.error, 404) ? t.noSuchPerson : t.personFailed}
          detail={problemOf(person.error)}
          onRetry={() => void person.refetch()}
          retryLabel={frame.retry}
        />
      </div>
    );
  const name = user.name;
  const pinSetAt = person.data?.counterPinSetAt;
  return (
    <div className="space-y-5">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4 rounded-card border border-line bg-white p-4">
        <div>
          <h2 className="text-xl font-semibold">{name}</h2>
          <p className="text-muted" data-testid="person-facts">
            {user.email} · {roleLabel(t, user.role)} · {statusLabel(t, user.status)}
          </p>
          {pinSetAt !== undefined && (
            <p className="text-sm text-muted">
              {pinSetAt ? t.pinSet(formatShopDateTime(pinSetAt, locale)) : t.noPin}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <SelectField
            label={t.role}
            value={role}
            onChange={(event) => setPicked(event.target.value as Role)}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {roleLabel(t, option)}
              </option>
            ))}
          </SelectField>
          <Button
            variant="secondary"
            disabled={role === user.role}
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
          {user.status === 'disabled' ? (
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
