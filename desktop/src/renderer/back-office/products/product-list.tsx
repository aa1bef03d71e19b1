import { formatUsd, type AdminProductListQuery, type AdminProductRow } from '@shop/shared';
import { Badge, Button, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../api';
import { queryOf, useListAddress } from '../list-address';
import { FilterBar, FilterSelect } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { useCan } from './holder';
import { ProductPicture } from './product-picture';
import { StockBadge } from './stock-badge';
import { categoryName } from './taxonomy';
import { CategoryBrandFilters } from './category-brand-filters';
import { productTexts } from './texts';

const filterKeys = ['q', 'categoryId', 'brandId', 'active', 'stock', 'sort'] as const;

/** Every product, active or not, with its stock: searched, filtered and paged on the server, kept in the address. */
export function ProductList() {
  const t = useMessages(productTexts);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const manages = useCan('catalog.manage');
  const list = useListAddress(filterKeys);
  const { filters, page, setFilters, setPage } = list;
  const query = { ...queryOf(filters), page } as AdminProductListQuery;
  const products = useQuery({
    queryKey: ['admin-products', query],
    queryFn: () => api.listAdminProducts({ query }),
    placeholderData: keepPreviousData,
  });

  const columns: Column<AdminProductRow>[] = [
    {
      key: 'picture',
      header: <span className="sr-only">{t.picture}</span>,
      cell: (p) => <ProductPicture productId={p.id} imageId={p.imageId} alt={p.name} />,
    },
    { key: 'sku', header: t.sku, cell: (p) => <span className="font-mono">{p.sku}</span> },
    {
      key: 'name',
      header: t.name,
      cell: (p) => (
        <span className="flex flex-col">
          <span className="font-medium">{p.name}</span>
          <span className="text-muted">
            {p.brand.name} · {categoryName(p.category, locale)}
          </span>
        </span>
      ),
    },
    {
      key: 'active',
      header: t.active,
      cell: (p) => <Badge tone={p.active ? 'info' : 'neutral'}>{p.active ? t.activeYes : t.activeNo}</Badge>,
    },
    { key: 'stock', header: t.stock, cell: (p) => <StockBadge state={p.stock} /> },
    { key: 'available', header: t.available, align: 'right', cell: (p) => p.available },
    { key: 'reorder', header: t.reorderAt, align: 'right', cell: (p) => p.reorderLevel },
    {
      key: 'price',
      header: t.price,
      align: 'right',
      cell: (p) => (
        <span className="flex flex-col items-end">
          <span>{formatUsd(p.priceCents)}</span>
          {p.compareAtCents !== null && p.compareAtCents > p.priceCents && (
            <s className="text-muted">{formatUsd(p.compareAtCents)}</s>
          )}
        </span>
      ),
    },
  ];

  return (
    <section className="space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <span className="flex gap-2">
          <Link
            to="/back-office/products/categories"
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t.categories}
          </Link>
          <Link
            to="/back-office/products/brands"
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t.brands}
          </Link>
          {manages && (
            <Button onClick={() => void navigate('/back-office/products/new')}>{t.newProduct}</Button>
          )}
        </span>
      </header>
      <FilterBar
        className="grid grid-cols-[minmax(14rem,2fr)_repeat(5,minmax(8rem,1fr))_auto] items-end gap-3 max-[1400px]:grid-cols-4"
        list={list}
        search={{ placeholder: t.searchHint }}
      >
        <CategoryBrandFilters filters={filters} setFilters={setFilters} />
        <FilterSelect
          label={t.active}
          value={filters.active}
          onChange={(active) => setFilters({ active })}
          options={[
            ['yes', t.activeYes],
            ['no', t.activeNo],
          ]}
        />
        <FilterSelect
          label={t.stock}
          value={filters.stock}
          onChange={(stock) => setFilters({ stock })}
          options={[
            ['in', t.stockIn],
            ['low', t.stockLow],
            ['out', t.stockOut],
          ]}
        />
        <FilterSelect
          label={t.sort}
          value={filters.sort}
          onChange={(sort) => setFilters({ sort })}
          all={false}
          options={[
            ['', t.byName],
            ['newest', t.newest],
            ['price', t.byPrice],
            ['available', t.byAvailable],
          ]}
        />
      </FilterBar>
      <PagedList
        label={t.title}
        query={products}
        columns={columns}
        rowKey={(p) => p.id}
        onOpen={(p) => void navigate(`/back-office/products/${p.id}`)}
        onPage={setPage}
      />
    </section>
  );
}
