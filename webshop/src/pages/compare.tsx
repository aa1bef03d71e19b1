import { EmptyState, FormAlert, Skeleton, useMessages } from '@shop/ui';
import type { ProductDetail } from '@shop/shared';
import { useQueries } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCategories } from '../api/catalog';
import { client, isApiError, queryKeys } from '../api/client';
import { CompareTable } from '../catalog/compare-table';
import {
  compareHref,
  compareKind,
  compareLimit,
  removeFromCompare,
  replaceCompare,
  toCompareItem,
  useCompareList,
} from '../catalog/compare-store';
import { DepartmentLinks } from '../catalog/departments';
import { catalogText } from '../catalog/messages';
import { useCategoryName } from '../catalog/names';
import { PageHeading } from '../ui/page';
import { QueryError } from '../ui/query-error';

function idsFrom(params: URLSearchParams): string[] {
  const ids = (params.get('ids') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0 && id.length <= 40);
  return [...new Set(ids)].slice(0, compareLimit);
}

/**
 * `/compare?ids=a,b,c`: the products side by side. The address carries the products (a comparison can be sent to
 * someone); without ids it shows the list chosen on this device.
 */
export function ComparePage() {
  const t = useMessages(catalogText);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const chosen = useCompareList();
  const categories = useCategories();
  const categoryName = useCategoryName();
  const [onlyDifferences, setOnlyDifferences] = useState(false);

  const ids = params.has('ids') ? idsFrom(params) : chosen.map((item) => item.id);

  // Opened without ids (the tray's link was lost, a bookmark of /compare): write this device's list into the address.
  useEffect(() => {
    if (!params.has('ids') && chosen.length > 0)
      void navigate(compareHref(chosen.map((item) => item.id)), { replace: true });
  }, [params, chosen, navigate]);

  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.product(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        client.getProduct({ params: { idOrSlug: id } }, { signal }),
    })),
  });
  const loading = results.some((r) => r.isPending);
  const products = results.map((r) => r.data).filter((p): p is ProductDetail => p !== undefined);
  const missing = results.filter((r) => isApiError(r.error, 404)).length;
  const failed = results.some((r) => r.isError && !isApiError(r.error, 404));
  const loadedKey = products.map((p) => p.id).join(',');

  // The page and this device's list agree: a shared comparison opened here becomes the list being built on (once
  // per set of loaded products; removing one from the tray elsewhere must not be undone by this page).
  const syncedKey = useRef<string | null>(null);
  useEffect(() => {
    if (loading || !categories.data || syncedKey.current === loadedKey) return;
    syncedKey.current = loadedKey;
    const loaded = products.filter(
      (p, _, all) => compareKind(p, categories.data) === compareKind(all[0]!, categories.data),
    );
    if (loaded.map((p) => p.id).join(',') !== chosen.map((i) => i.id).join(','))
      replaceCompare(loaded.map((p) => toCompareItem(p, categories.data)));
  }, [loading, loadedKey, categories.data, products, chosen]);

  const remove = (id: string) => {
    removeFromCompare(id);
    void navigate(compareHref(ids.filter((other) => other !== id)), { replace: true });
  };

  const kinds = new Set(products.map((p) => compareKind(p, categories.data)));
  const first = products[0];

  if (ids.length === 0) {
    return (
      <div>
        <PageHeading title={t.compareTitle} />
        <EmptyState title={t.compareEmpty}>
          <p>{t.compareEmptyText}</p>
          <p className="mt-6 mb-3 text-sm font-semibold text-ink">{t.browseDepartments}</p>
          <DepartmentLinks />
        </EmptyState>
      </div>
    );
  }

  return (
    <div>
      <PageHeading title={t.compareTitle}>
        {products.length > 1 && (
          <label className="flex w-full cursor-pointer items-center gap-2 text-sm font-medium sm:inline-flex sm:w-auto">
            <input
              type="checkbox"
              checked={onlyDifferences}
              onChange={(event) => setOnlyDifferences(event.target.checked)}
              className="size-4 accent-brand-600"
            />
            {t.onlyDifferences}
          </label>
        )}
      </PageHeading>

      <div className="mb-4 space-y-3">
        {missing > 0 && <FormAlert tone="info">{t.compareMissing}</FormAlert>}
        {kinds.size > 1 && <FormAlert tone="info">{t.compareMixed}</FormAlert>}
        {failed && (
          <QueryError
            title={t.compareLoadFailed}
            retry={() => results.forEach((r) => r.isError && void r.refetch())}
          />
        )}
      </div>

      {loading ? (
        <CompareSkeleton columns={ids.length} />
      ) : products.length > 0 ? (
        <CompareTable products={products} onlyDifferences={onlyDifferences} onRemove={remove} />
      ) : null}

      {first && products.length < compareLimit && (
        <div className="mt-5 flex flex-wrap items-center gap-3">
          {products.length < 2 && <p className="text-sm text-muted">{t.pickOneMore}</p>}
          <Link
            to={`/c/${first.category.slug}`}
            className="inline-flex h-10 items-center gap-2 rounded-lg border border-dashed border-brand-500 px-4 text-sm font-semibold text-brand-700 hover:bg-brand-50"
          >
            <Plus className="size-4" aria-hidden="true" />
            {t.addAnother}
            <span className="font-normal text-muted">({categoryName(first.category)})</span>
          </Link>
        </div>
      )}
    </div>
  );
}

function CompareSkeleton({ columns }: { columns: number }) {
  return (
    <div className="overflow-hidden rounded-card border border-line bg-white p-4" aria-busy="true">
      <div className="grid gap-4" style={{ gridTemplateColumns: `7rem repeat(${columns}, minmax(0, 1fr))` }}>
        <div />
        {Array.from({ length: columns }, (_, index) => (
          <div key={index} className="space-y-2">
            <Skeleton className="mx-auto aspect-square w-24 sm:w-32" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-8 w-full" />
          </div>
        ))}
        {Array.from({ length: 9 * (columns + 1) }, (_, index) => (
          <Skeleton key={`cell-${index}`} className="h-5" />
        ))}
      </div>
    </div>
  );
}
