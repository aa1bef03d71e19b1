import { formatShopDateTime, formatUsd, type ShortfallItem } from '@shop/shared';
import type { z } from 'zod';
import type { lowStockItemSchema, valuationItemSchema } from '@shop/shared';
import {
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  FormAlert,
  LoadingBlock,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, problemOf } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { FilterBar, FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { CategoryBrandFilters } from '../products/category-brand-filters';
import { backOfficeTexts } from '../texts';
import { stockTexts } from './texts';

type LowItem = z.infer<typeof lowStockItemSchema>;
type ValuedItem = z.infer<typeof valuationItemSchema>;
const lowKeys = ['q', 'categoryId', 'brandId', 'sort'] as const;
const valuationKeys = ['q', 'categoryId', 'brandId', 'costed', 'sort'] as const;

/** Active products at or below their reorder level, the furthest below first: what to order. */
export function LowStockList() {
  const t = useMessages(stockTexts);
  const frame = useMessages(backOfficeTexts);
  const navigate = useNavigate();
  const list = useListAddress(lowKeys);
  const { filters, page, setFilters, setPage } = list;
  const query = { ...queryOf(filters), page } as Parameters<typeof api.listLowStock>[0]['query'];
  const low = useQuery({
    queryKey: ['low-stock', query],
    queryFn: () => api.listLowStock({ query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<LowItem>[] = [
    { key: 'sku', header: t.sku, cell: (i) => <span className="font-mono">{i.sku}</span> },
    { key: 'name', header: t.name, cell: (i) => i.name },
    { key: 'onHand', header: t.onHand, align: 'right', cell: (i) => i.onHand },
    { key: 'reserved', header: t.reserved, align: 'right', cell: (i) => i.reserved },
    { key: 'available', header: t.available, align: 'right', cell: (i) => i.available },
    { key: 'level', header: t.reorderLevel, align: 'right', cell: (i) => i.reorderLevel },
    { key: 'shortfall', header: t.shortfall, align: 'right', cell: (i) => <strong>{i.shortfall}</strong> },
  ];
  return (
    <div className="space-y-4">
      <FilterBar
        className="grid grid-cols-[minmax(14rem,2fr)_repeat(3,minmax(8rem,1fr))_auto] items-end gap-3"
        list={list}
      >
        <CategoryBrandFilters filters={filters} setFilters={setFilters} />
        <FilterSelect
          label={frame.sortBy}
          value={filters.sort}
          onChange={(sort) => setFilters({ sort })}
          all={false}
          options={[
            ['', t.sortShortfall],
            ['available', t.sortAvailable],
            ['name', t.sortName],
          ]}
        />
      </FilterBar>
      <PagedList
        label={t.low}
        query={low}
        columns={columns}
        rowKey={(i) => i.productId}
        onOpen={(i) => void navigate(`/back-office/stock/receive?product=${i.productId}`)}
        onPage={setPage}
      />
    </div>
  );
}

/** Stock on hand at cost price, with totals over every matching product (admins). */
export function ValuationList() {
  const t = useMessages(stockTexts);
  const frame = useMessages(backOfficeTexts);
  const navigate = useNavigate();
  const list = useListAddress(valuationKeys);
  const { filters, page, setFilters, setPage } = list;
  const query = { ...queryOf(filters), page } as Parameters<typeof api.getStockValuation>[0]['query'];
  const valuation = useQuery({
    queryKey: ['valuation', query],
    queryFn: () => api.getStockValuation({ query }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<ValuedItem>[] = [
    { key: 'sku', header: t.sku, cell: (i) => <span className="font-mono">{i.sku}</span> },
    { key: 'name', header: t.name, cell: (i) => i.name },
    { key: 'onHand', header: t.onHand, align: 'right', cell: (i) => i.onHand },
    {
      key: 'cost',
      header: t.cost,
      align: 'right',
      cell: (i) => (i.costCents === null ? '—' : formatUsd(i.costCents)),
    },
    {
      key: 'value',
      header: t.value,
      align: 'right',
      cell: (i) => (i.valueCents === null ? '—' : formatUsd(i.valueCents)),
    },
  ];
  const totals = valuation.data?.totals;
  return (
    <div className="space-y-4">
      {totals && (
        <div
          className="flex flex-wrap items-baseline gap-8 rounded-card border border-line bg-white p-4"
          data-testid="valuation-totals"
        >
          <span>
            <span className="block text-sm text-muted">{t.totalValue}</span>
            <strong className="text-2xl">{formatUsd(totals.valueCents)}</strong>
          </span>
          <span>
            <span className="block text-sm text-muted">{t.productsCount}</span>
            <strong className="text-xl">{totals.products}</strong>
          </span>
          <span>
            <span className="block text-sm text-muted">{t.units}</span>
            <strong className="text-xl">{totals.units}</strong>
          </span>
          {totals.uncostedProducts > 0 && (
            <span className="text-sm text-amber-800">
              {t.uncosted(totals.uncostedProducts, totals.uncostedUnits)}
            </span>
          )}
        </div>
      )}
      <FilterBar
        className="grid grid-cols-[minmax(14rem,2fr)_repeat(4,minmax(8rem,1fr))_auto] items-end gap-3"
        list={list}
      >
        <CategoryBrandFilters filters={filters} setFilters={setFilters} />
        <FilterSelect
          label={t.costed}
          value={filters.costed}
          onChange={(costed) => setFilters({ costed })}
          options={[
            ['yes', t.costedYes],
            ['no', t.costedNo],
          ]}
        />
        <FilterSelect
          label={frame.sortBy}
          value={filters.sort}
          onChange={(sort) => setFilters({ sort })}
          all={false}
          options={[
            ['', t.sortValue],
            ['on_hand', t.sortOnHand],
            ['name', t.sortName],
          ]}
        />
      </FilterBar>
      <PagedList
        label={t.valuation}
        query={valuation}
        columns={columns}
        rowKey={(i) => i.productId}
        onOpen={(i) => void navigate(`/back-office/stock/history/${i.productId}`)}
        onPage={setPage}
      />
    </div>
  );
}

/** Units counters sold beyond the server's stock: the sale stood; staff count the shelf and say how it was settled. */
export function ShortfallList() {
  const t = useMessages(stockTexts);
  const frame = useMessages(backOfficeTexts);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const shortfalls = useQuery({ queryKey: ['shortfalls'], queryFn: () => api.listShortfalls({}) });
  const [resolving, setResolving] = useState<ShortfallItem | null>(null);
  if (shortfalls.isPending) return <LoadingBlock label={t.shortfalls} />;
  if (shortfalls.isError)
    return (
      <ErrorState
        title={frame.loadFailed}
        detail={problemOf(shortfalls.error)}
        onRetry={() => void shortfalls.refetch()}
        retryLabel={frame.retry}
      />
    );
  if (shortfalls.data.items.length === 0) return <EmptyState title={t.noShortfalls} />;
  return (
    <>
      <table
        className="w-full rounded-card border border-line bg-white text-left text-sm"
        aria-label={t.shortfalls}
      >
        <thead className="border-b border-line bg-slate-50 text-muted">
          <tr>
            <th className="px-3 py-2 font-medium">{t.when}</th>
            <th className="px-3 py-2 font-medium">{t.product}</th>
            <th className="px-3 py-2 font-medium">{t.order}</th>
            <th className="px-3 py-2 font-medium">{t.device}</th>
            <th className="px-3 py-2 text-right font-medium">{t.sold}</th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody>
          {shortfalls.data.items.map((item) => (
            <tr key={item.id} className="border-b border-line last:border-0" data-testid="shortfall-row">
              <td className="px-3 py-2">{formatShopDateTime(item.createdAt, locale)}</td>
              <td className="px-3 py-2">
                <button
                  type="button"
                  className="text-left text-brand-700 hover:underline"
                  onClick={() => void navigate(`/back-office/stock/history/${item.productId}`)}
                >
                  <span className="font-mono">{item.sku}</span> {item.productName}
                </button>
              </td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">{item.orderNumber}</td>
              <td className="px-3 py-2">{item.deviceName ?? ''}</td>
              <td className="px-3 py-2 text-right tabular-nums">{item.quantity}</td>
              <td className="px-3 py-2 text-right">
                <Button size="sm" variant="secondary" onClick={() => setResolving(item)}>
                  {t.resolve}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resolving && <ResolveDialog item={resolving} onDone={() => setResolving(null)} />}
    </>
  );
}

function ResolveDialog({ item, onDone }: { item: ShortfallItem; onDone: () => void }) {
  const t = useMessages(stockTexts);
  const queries = useQueryClient();
  const [resolution, setResolution] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.resolveShortfall({ params: { id: item.id }, body: { resolution } });
      await queries.invalidateQueries({ queryKey: ['shortfalls'] });
      onDone();
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onDone()}
      title={`${t.resolve}: ${item.productName}`}
      closeLabel="✕"
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        {problem && <FormAlert>{problem}</FormAlert>}
        <TextField
          label={t.resolution}
          hint={t.resolutionHint}
          required
          autoFocus
          value={resolution}
          onChange={(event) => setResolution(event.target.value)}
        />
        <Button type="submit" busy={busy}>
          {t.resolve}
        </Button>
      </form>
    </Dialog>
  );
}
