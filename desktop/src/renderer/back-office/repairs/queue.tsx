import {
  claimStatuses,
  formatShopDate,
  type ClaimStatus,
  type ClaimSummary,
  type SerialHistory,
  type StaffClaimListQuery,
} from '@shop/shared';
import { Badge, Button, buttonClass, ErrorState, TextField, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, problemOf } from '../api';
import { useListAddress } from '../list-address';
import { PagedList, type Column } from '../paged-list';
import { backOfficeTexts } from '../texts';
import { ClaimStatusBadge } from './claim-status';
import { repairTexts } from './texts';

const filterKeys = ['status', 'serial'] as const;

/** The queue: claims not yet returned, longest in their state first, or one state; a scanned serial's history. */
export function Queue() {
  const t = useMessages(repairTexts);
  const navigate = useNavigate();
  const list = useListAddress(filterKeys);
  const { filters, page, setFilters, setPage } = list;
  const status = (claimStatuses as readonly string[]).includes(filters.status)
    ? (filters.status as ClaimStatus)
    : undefined;
  const query: StaffClaimListQuery = { page, ...(status && { status }) };
  const claims = useQuery({
    queryKey: ['repairs', 'claims', query],
    queryFn: () => api.listClaims({ query }),
    placeholderData: keepPreviousData,
  });
  const [now] = useState(() => Date.now());

  const columns: Column<ClaimSummary>[] = [
    {
      key: 'number',
      header: t.number,
      cell: (c) => <span className="font-mono font-medium">{c.number}</span>,
    },
    {
      key: 'unit',
      header: t.unit,
      cell: (c) => (
        <span className="flex flex-col">
          <span>{c.productName}</span>
          <span className="font-mono text-xs text-muted">{c.serial}</span>
        </span>
      ),
    },
    { key: 'customer', header: t.customer, cell: (c) => c.customerName },
    {
      key: 'status',
      header: t.status,
      cell: (c) => (
        <span className="flex flex-wrap gap-1">
          <ClaimStatusBadge status={c.status} />
          {!c.inWarranty && <Badge tone="warning">{t.outOfWarranty}</Badge>}
        </span>
      ),
    },
    { key: 'age', header: t.age, align: 'right', cell: (c) => t.ageOf(Math.max(0, now - c.statusSince)) },
  ];

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <Link to="/back-office/repairs/new" className={buttonClass('primary')}>
          {t.newClaim}
        </Link>
      </div>
      <SerialLookup serial={filters.serial} onSerial={(serial) => setFilters({ serial })} />
      <div role="group" aria-label={t.status} className="flex flex-wrap gap-2">
        {(['open', ...claimStatuses] as const).map((choice) => {
          const active = choice === 'open' ? !status : status === choice;
          return (
            <Button
              key={choice}
              size="sm"
              variant={active ? 'primary' : 'secondary'}
              aria-pressed={active}
              onClick={() => setFilters({ status: choice === 'open' ? '' : choice })}
            >
              {choice === 'open' ? t.open : t.statusName(choice)}
            </Button>
          );
        })}
      </div>
      <PagedList
        label={t.title}
        query={claims}
        columns={columns}
        rowKey={(c) => c.id}
        onOpen={(c) => void navigate(`/back-office/repairs/${c.id}`)}
        onPage={setPage}
      />
    </section>
  );
}

/** A serial scanned (the scanner types it and presses Enter) or typed: its sale, claims and replacements. */
function SerialLookup({ serial, onSerial }: { serial: string; onSerial: (serial: string) => void }) {
  const t = useMessages(repairTexts);
  const frame = useMessages(backOfficeTexts);
  const [typed, setTyped] = useState(serial);
  const history = useQuery({
    queryKey: ['repairs', 'serial', serial],
    queryFn: () => api.serialHistory({ params: { serial } }),
    enabled: serial.length > 0,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSerial(typed.trim());
  };
  return (
    <div className="space-y-3 rounded-card border border-line bg-white p-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <TextField
          className="min-w-[20rem] flex-1"
          label={t.scan}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit" variant="secondary">
          {t.lookUp}
        </Button>
      </form>
      {serial &&
        (history.isError ? (
          <ErrorState
            title={frame.loadFailed}
            detail={problemOf(history.error)}
            onRetry={() => void history.refetch()}
            retryLabel={frame.retry}
          />
        ) : history.data ? (
          <SerialUnits history={history.data} />
        ) : null)}
    </div>
  );
}

function SerialUnits({ history }: { history: SerialHistory }) {
  const t = useMessages(repairTexts);
  const { locale } = useLocale();
  if (history.units.length === 0) return <p className="text-muted">{t.noUnit}</p>;
  return (
    <ul className="space-y-3" aria-label={t.history(history.serial)}>
      {history.units.map((unit) => (
        <li key={unit.product.id} className="space-y-1" data-testid="serial-unit">
          <p className="font-medium">
            {unit.product.name} · <span className="font-mono">{history.serial}</span>
          </p>
          <p className="text-sm text-muted">
            {unit.sale ? t.soldWith(unit.sale.orderNumber, unit.sale.customerName) : t.notSold}
            {unit.warrantyUntil !== null &&
              ` · ${t.warrantyUntil(formatShopDate(unit.warrantyUntil, locale))}`}
          </p>
          {unit.replacedBy && <p className="text-sm">{t.replacedBy(unit.replacedBy)}</p>}
          {unit.replaces && <p className="text-sm">{t.replaces(unit.replaces)}</p>}
          <ul className="flex flex-wrap gap-2">
            {unit.claims.map((claim) => (
              <li key={claim.id}>
                <Link
                  to={`/back-office/repairs/${claim.id}`}
                  className="flex items-center gap-1 text-sm underline"
                >
                  <span className="font-mono">{claim.number}</span> <ClaimStatusBadge status={claim.status} />
                </Link>
              </li>
            ))}
          </ul>
          {unit.sale && unit.status === 'sold' && !unit.claims.some((c) => c.status !== 'returned') && (
            <Link
              to={`/back-office/repairs/new?serial=${encodeURIComponent(history.serial)}`}
              className={buttonClass('secondary', 'sm')}
            >
              {t.openForThis}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
