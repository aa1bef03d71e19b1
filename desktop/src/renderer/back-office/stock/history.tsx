import { formatShopDateTime, formatUsd, stockMovementTypes, type StockMovement } from '@shop/shared';
import { Badge, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { FilterBar, FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { useCan } from '../products/holder';
import { stockTexts } from './texts';

const historyKeys = ['q', 'type'] as const;

/** Why stock moved, as people say it: a web order, a counter sale, a return, a receipt, an adjustment. */
function whyOf(movement: Pick<StockMovement, 'type' | 'order'>, t: (typeof stockTexts)['en']): string {
  switch (movement.type) {
    case 'receive':
      return t.receipt;
    case 'adjust':
      return t.adjustment;
    case 'return':
      return t.returned;
    case 'reserve':
      return t.webReserve;
    case 'release':
      return t.release;
    case 'sale':
      return movement.order?.channel === 'pos' ? t.counterSale : movement.order ? t.webOrder : t.sale;
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * Every ledger movement of one product, newest first, paged on the server: who moved it and why, a receipt's
 * supplier and reference (and unit cost, to those who see costs); filtered by type and supplier/reference text.
 */
export function StockHistory() {
  const t = useMessages(stockTexts);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const seesCost = useCan('stock.cost');
  const address = useListAddress(historyKeys);
  const { filters, page, setFilters, setPage } = address;
  const query = { ...queryOf(filters), page, pageSize: 25 } as NonNullable<
    Parameters<typeof api.getProductStock>[0]['query']
  >;
  const stock = useQuery({
    queryKey: ['product-stock', id, query],
    queryFn: () => api.getProductStock({ params: { id }, query }),
    placeholderData: keepPreviousData,
  });
  const product = useQuery({
    queryKey: ['admin-products', { id }],
    queryFn: async () => (await api.listAdminProducts({ query: { id } })).items[0] ?? null,
  });
  const list = {
    ...stock,
    data: stock.data && {
      items: stock.data.movements,
      total: stock.data.movementsTotal ?? stock.data.movements.length,
      page: stock.data.page ?? 1,
      pageSize: stock.data.pageSize ?? 25,
    },
  } as Parameters<typeof PagedList<StockMovement>>[0]['query'];

  const columns: Column<StockMovement>[] = [
    { key: 'when', header: t.when, cell: (m) => formatShopDateTime(m.createdAt, locale) },
    {
      key: 'why',
      header: t.why,
      cell: (m) => (
        <Badge tone={m.onHandDelta < 0 ? 'warning' : 'neutral'} className="whitespace-nowrap">
          {whyOf(m, t)}
        </Badge>
      ),
    },
    {
      key: 'change',
      header: t.change_,
      align: 'right',
      cell: (m) => (m.onHandDelta ? signed(m.onHandDelta) : ''),
    },
    {
      key: 'reserved',
      header: t.reservedChange,
      align: 'right',
      cell: (m) => (m.reservedDelta ? signed(m.reservedDelta) : ''),
    },
    { key: 'after', header: t.after, align: 'right', cell: (m) => m.onHandAfter },
    { key: 'who', header: t.who, cell: (m) => m.actorName ?? t.system },
    { key: 'supplier', header: t.supplierColumn, cell: (m) => m.supplier ?? '' },
    {
      key: 'order',
      header: t.referenceColumn,
      cell: (m) =>
        m.order ? (
          <Link className="font-mono text-brand-700 hover:underline" to={`/back-office/orders/${m.order.id}`}>
            {m.order.receiptNumber ?? m.order.number}
          </Link>
        ) : (
          (m.reference ?? '')
        ),
    },
    ...(seesCost
      ? [
          {
            key: 'cost',
            header: t.unitCostColumn,
            align: 'right',
            cell: (m) => (m.unitCostCents == null ? '' : formatUsd(m.unitCostCents)),
          } satisfies Column<StockMovement>,
        ]
      : []),
    { key: 'reason', header: t.reason, cell: (m) => m.reason ?? '' },
  ];

  return (
    <section className="space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold">
            {t.history}
            {product.data && `: ${product.data.name}`}
          </h2>
          {stock.data && (
            <p className="text-muted">
              {t.onHand} {stock.data.onHand} · {t.reserved} {stock.data.reserved} · {t.available}{' '}
              {stock.data.available}
            </p>
          )}
        </div>
        <span className="flex gap-2">
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/stock/receive?product=${id}`}
          >
            {t.receive}
          </Link>
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/stock/adjust?product=${id}`}
          >
            {t.adjust}
          </Link>
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/products/${id}`}
          >
            {t.openProduct}
          </Link>
        </span>
      </header>
      <FilterBar
        className="flex flex-wrap items-end gap-3"
        list={address}
        clearable={false}
        search={{ label: t.searchHistory }}
      >
        <FilterSelect
          label={t.movementType}
          value={filters.type}
          onChange={(type) => setFilters({ type })}
          all={false}
          options={[
            ['', t.allMovements],
            ...stockMovementTypes.map((type) => [type, whyOf({ type, order: null }, t)] as const),
          ]}
        />
      </FilterBar>
      <PagedList label={t.history} query={list} columns={columns} rowKey={(m) => m.id} onPage={setPage} />
      {stock.data && stock.data.serials.length > 0 && (
        <section className="space-y-2">
          <h3 className="font-semibold">{t.serialsHeld}</h3>
          <ul className="flex flex-wrap gap-2">
            {stock.data.serials.map((s) => (
              <li key={s.serial} className="rounded-full bg-slate-100 px-3 py-0.5 text-sm">
                <span className="font-mono">{s.serial}</span> · {t[`serial_${s.status}`]}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
