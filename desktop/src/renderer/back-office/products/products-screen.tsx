import { formatUsd, type AdminProduct } from '@shop/shared';
import { Badge, Button, ErrorState, FormAlert, LoadingBlock, useLocale, useMessages } from '@shop/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { useCan } from './holder';
import { Pictures } from './pictures';
import { ProductForm } from './product-form';
import { ProductList } from './product-list';
import { ProductPicture } from './product-picture';
import { BrandsScreen, CategoriesScreen } from './taxonomy-screens';
import { categoryName } from './taxonomy';
import { productTexts } from './texts';

/** The products area: the list, a product (edited by admins, read by staff), categories and brands. */
export function ProductsScreen() {
  return (
    <Routes>
      <Route index element={<ProductList />} />
      <Route path="new" element={<NewProduct />} />
      <Route path="categories" element={<CategoriesScreen />} />
      <Route path="brands" element={<BrandsScreen />} />
      <Route path=":id" element={<ProductPage />} />
    </Routes>
  );
}

function BackLink() {
  const t = useMessages(productTexts);
  return (
    <Link to="/back-office/products" className="text-brand-700 hover:underline">
      ← {t.back}
    </Link>
  );
}

function NewProduct() {
  const t = useMessages(productTexts);
  const navigate = useNavigate();
  const queries = useQueryClient();
  const showCost = useCan('stock.cost');
  return (
    <section className="max-w-5xl space-y-4">
      <BackLink />
      <h1 className="text-2xl font-semibold">{t.createTitle}</h1>
      <ProductForm
        product={null}
        showCost={showCost}
        onSaved={(product) => {
          void queries.invalidateQueries({ queryKey: ['admin-products'] });
          queries.setQueryData(['admin-product', product.id], product);
          void navigate(`/back-office/products/${product.id}?saved=1`, { replace: true });
        }}
      />
    </section>
  );
}

function ProductPage() {
  const manages = useCan('catalog.manage');
  const { id = '' } = useParams();
  return manages ? <ProductEditor id={id} /> : <ProductView id={id} />;
}

/** Admins: the product's form, its pictures, its active flag and a way to its stock. */
function ProductEditor({ id }: { id: string }) {
  const t = useMessages(productTexts);
  const frame = useMessages(backOfficeTexts);
  const queries = useQueryClient();
  const showCost = useCan('stock.cost');
  const [params] = useSearchParams();
  const [saved, setSaved] = useState(() => params.has('saved'));
  const [problem, setProblem] = useState<string | null>(null);
  const product = useQuery({
    queryKey: ['admin-product', id],
    queryFn: () => api.getAdminProduct({ params: { id } }),
  });
  if (product.isPending) return <LoadingBlock label={t.editTitle} />;
  if (product.isError)
    return (
      <ErrorState
        title={frame.loadFailed}
        detail={problemOf(product.error)}
        onRetry={() => void product.refetch()}
        retryLabel={frame.retry}
      />
    );
  const current = product.data;
  const refresh = (next?: AdminProduct) => {
    if (next) queries.setQueryData(['admin-product', id], next);
    else void product.refetch();
    void queries.invalidateQueries({ queryKey: ['admin-products'] });
  };
  const toggle = async () => {
    setProblem(null);
    try {
      refresh(await api.updateProduct({ params: { id }, body: { active: !current.active } }));
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };
  return (
    <section className="max-w-5xl space-y-4">
      <BackLink />
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          {t.editTitle}: {current.name}
        </h1>
        <span className="flex gap-2">
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/stock/receive?product=${id}`}
          >
            {t.receive}
          </Link>
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/stock/history/${id}`}
          >
            {t.stockHistory}
          </Link>
        </span>
      </header>
      {saved && <FormAlert tone="success">{t.saved}</FormAlert>}
      {problem && <FormAlert>{problem}</FormAlert>}
      <div className="flex items-center gap-3 rounded-card border border-line bg-white p-4">
        <Badge tone={current.active ? 'info' : 'neutral'}>{current.active ? t.activeYes : t.activeNo}</Badge>
        <span className="flex-1 text-muted">{current.active ? t.isActive : t.isInactive}</span>
        <Button variant="secondary" onClick={() => void toggle()}>
          {current.active ? t.deactivate : t.activate}
        </Button>
      </div>
      <Pictures product={current} onChanged={() => refresh()} />
      <ProductForm
        key={current.updatedAt}
        product={current}
        showCost={showCost}
        onSaved={(next) => {
          setSaved(true);
          refresh(next);
        }}
      />
    </section>
  );
}

/** Staff: the product as the shop shows it, and its stock; changing it is the admins' (catalog.manage). */
function ProductView({ id }: { id: string }) {
  const t = useMessages(productTexts);
  const frame = useMessages(backOfficeTexts);
  const { locale } = useLocale();
  const stock = useQuery({
    queryKey: ['product-stock', id, 1],
    queryFn: () => api.getProductStock({ params: { id }, query: { page: 1, pageSize: 1 } }),
  });
  // The public detail: an inactive product has none, and staff then see its stock only.
  const detail = useQuery({
    queryKey: ['product-detail', id],
    queryFn: () => api.getProduct({ params: { idOrSlug: id } }),
    retry: false,
  });
  if (stock.isPending) return <LoadingBlock label={t.viewTitle} />;
  if (stock.isError)
    return (
      <ErrorState
        title={frame.loadFailed}
        detail={problemOf(stock.error)}
        onRetry={() => void stock.refetch()}
        retryLabel={frame.retry}
      />
    );
  const product = detail.data;
  return (
    <section className="max-w-5xl space-y-4">
      <BackLink />
      <h1 className="text-2xl font-semibold">{product?.name ?? t.viewTitle}</h1>
      <FormAlert tone="info">{t.readOnly}</FormAlert>
      {product && (
        <div className="flex gap-4 rounded-card border border-line bg-white p-4">
          <ProductPicture
            productId={id}
            imageId={product.images[0]?.id}
            width="480"
            alt={product.name}
            className="h-40 w-40"
          />
          <dl className="grid flex-1 grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-muted">{t.sku}</dt>
            <dd className="font-mono">{product.sku}</dd>
            <dt className="text-muted">{t.barcode}</dt>
            <dd className="font-mono">{product.barcode ?? t.notSet}</dd>
            <dt className="text-muted">{t.category}</dt>
            <dd>{categoryName(product.category, locale)}</dd>
            <dt className="text-muted">{t.brand}</dt>
            <dd>{product.brand.name}</dd>
            <dt className="text-muted">{t.price}</dt>
            <dd>{formatUsd(product.priceCents)}</dd>
            <dt className="text-muted">{t.warranty}</dt>
            <dd>{product.warrantyMonths}</dd>
            {product.specs.map((spec) => (
              <div key={spec.key} className="contents">
                <dt className="text-muted">{spec.label}</dt>
                <dd>{spec.display}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <div className="flex items-center gap-6 rounded-card border border-line bg-white p-4">
        <span>
          {t.onHand}: <strong>{stock.data.onHand}</strong>
        </span>
        <span>
          {t.reserved}: <strong>{stock.data.reserved}</strong>
        </span>
        <span>
          {t.available}: <strong>{stock.data.available}</strong>
        </span>
        <span className="ml-auto flex gap-2">
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/stock/receive?product=${id}`}
          >
            {t.receive}
          </Link>
          <Link
            className="rounded-lg px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
            to={`/back-office/stock/history/${id}`}
          >
            {t.stockHistory}
          </Link>
        </span>
      </div>
    </section>
  );
}
