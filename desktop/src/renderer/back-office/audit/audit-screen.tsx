import { formatShopDateTime, type AuditEntry } from '@shop/shared';
import { Button, TextField, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { ClearFilters, FilterDate } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { backOfficeTexts } from '../texts';
import { auditTexts } from './texts';

// `actorName` only labels the actor filter (the server filters by id): a shared link reads "Done by: Sokha".
const filterKeys = ['q', 'action', 'entity', 'entityId', 'actor', 'actorName', 'from', 'to'] as const;

/** Who changed what and when, newest first: searched and filtered on the server, every filter in the address. */
export function AuditScreen() {
  const t = useMessages(auditTexts);
  const frame = useMessages(backOfficeTexts);
  const { locale } = useLocale();
  const { filters, page, setFilters, setPage, clear, filtered } = useListAddress(filterKeys);
  const { actorName: _label, ...asked } = queryOf(filters);
  const query = { ...asked, page } as Parameters<typeof api.listAudit>[0]['query'];
  const entries = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.listAudit({ query }),
    placeholderData: keepPreviousData,
  });
  const typed = (key: 'action' | 'entity' | 'entityId') => ({
    name: key,
    defaultValue: filters[key],
  });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'when',
      header: t.when,
      cell: (entry) => <span className="whitespace-nowrap">{formatShopDateTime(entry.at, locale)}</span>,
    },
    {
      key: 'who',
      header: t.who,
      cell: (entry) =>
        entry.actor ? (
          <button
            type="button"
            className="text-left font-medium text-brand-700 hover:underline"
            title={t.onlyThem(entry.actor.name ?? entry.actor.id)}
            onClick={() =>
              setFilters({ actor: entry.actor!.id, actorName: entry.actor!.name ?? entry.actor!.id })
            }
          >
            {entry.actor.name ?? entry.actor.email ?? entry.actor.id}
          </button>
        ) : (
          <span className="text-muted">{t.system}</span>
        ),
    },
    {
      key: 'action',
      header: t.action,
      cell: (entry) => <span className="font-mono text-xs">{entry.action}</span>,
    },
    {
      key: 'entity',
      header: t.entity,
      cell: (entry) => (
        <span className="font-mono text-xs">
          {entry.entity}
          {entry.entityId && <span className="block text-muted">{entry.entityId}</span>}
        </span>
      ),
    },
    { key: 'what', header: t.what, cell: (entry) => <Change entry={entry} /> },
    { key: 'ip', header: t.ip, cell: (entry) => <span className="font-mono text-xs">{entry.ip ?? ''}</span> },
  ];

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <form
        role="search"
        className="grid grid-cols-4 items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = (key: string) => String(form.get(key) ?? '').trim();
          setFilters({
            q: text('q'),
            action: text('action'),
            entity: text('entity'),
            entityId: text('entityId'),
          });
        }}
      >
        <TextField
          key={`q${filters.q}`}
          className="col-span-2"
          name="q"
          type="search"
          label={frame.search}
          placeholder={t.searchHint}
          defaultValue={filters.q}
        />
        <TextField
          key={`a${filters.action}`}
          label={t.action}
          placeholder={t.actionHint}
          {...typed('action')}
        />
        <TextField
          key={`e${filters.entity}`}
          label={t.entity}
          placeholder={t.entityHint}
          {...typed('entity')}
        />
        <TextField key={`i${filters.entityId}`} label={t.entityId} {...typed('entityId')} />
        <FilterDate label={t.from} value={filters.from} onChange={(from) => setFilters({ from })} />
        <FilterDate label={t.to} value={filters.to} onChange={(to) => setFilters({ to })} />
        <span className="flex gap-2">
          <Button type="submit">{frame.search}</Button>
          <ClearFilters filtered={filtered} onClear={clear} />
        </span>
      </form>
      {filters.actor && (
        <p className="flex items-center gap-3 text-sm">
          <span className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-700">
            {t.actorFilter(filters.actorName || filters.actor)}
          </span>
          <Button size="sm" variant="ghost" onClick={() => setFilters({ actor: '', actorName: '' })}>
            {t.removeActor}
          </Button>
        </p>
      )}
      <PagedList
        label={t.title}
        query={entries}
        columns={columns}
        rowKey={(entry) => entry.id}
        onPage={setPage}
      />
    </section>
  );
}

/** Before and after as the server recorded them, folded away: most rows are read by their action alone. */
function Change({ entry }: { entry: AuditEntry }) {
  const t = useMessages(auditTexts);
  if (entry.before == null && entry.after == null) return null;
  return (
    <details>
      <summary className="cursor-pointer text-brand-700">{t.show}</summary>
      <div className="mt-1 grid max-w-xl grid-cols-2 gap-2">
        {[
          [t.before, entry.before],
          [t.after, entry.after],
        ].map(([label, value]) => (
          <div key={String(label)}>
            <p className="text-xs text-muted">{String(label)}</p>
            <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">
              {value == null ? '—' : JSON.stringify(value, null, 2)}
            </pre>
          </div>
        ))}
      </div>
    </details>
  );
}
