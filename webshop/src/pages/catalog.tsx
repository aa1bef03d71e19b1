import type { SearchSuggestions } from '@shop/shared';
import { Button, EmptyState, Skeleton, Spinner, useMessages } from '@shop/ui';
import { useParams } from 'react-router';
import { useCategories, useProducts } from '../api/catalog';
import { isApiError } from '../api/client';
import { ActiveFilters } from '../catalog/active-filters';
import { Breadcrumbs, type Crumb } from '../catalog/breadcrumbs';
import { CompareTray } from '../catalog/compare-tray';
import { DepartmentLinks } from '../catalog/departments';
import { FilterSheet, FilterSidebar } from '../catalog/filter-sheet';
import { ResultCount, SortSelect } from '../catalog/listing-toolbar';
import { catalogText } from '../catalog/messages';
import { useCategoryName } from '../catalog/names';
import { CatalogNotFound } from '../catalog/not-found';
import { ProductGrid } from '../catalog/product-grid';
import { Subcategories } from '../catalog/subcategories';
import {
  activeFilterCount,
  listQuery,
  pageSize,
  useCatalogFilters,
  type CatalogFilterActions,
} from '../catalog/url-filters';
import { common } from '../i18n/common';
import { ButtonLink } from '../ui/button-link';
import { useTitle } from '../ui/page';
import { Pagination } from '../ui/pagination';
import { QueryError } from '../ui/query-error';

/** A category page (`/c/:categorySlug`) or the search results (`/search?q=…`): filters, sort and pages. */
export function CatalogPage() {
  const t = useMessages(catalogText);
  const c = useMessages(common);
  const { categorySlug } = useParams();
  const actions = useCatalogFilters();
  const { filters } = actions;
  const categories = useCategories();
  const categoryName = useCategoryName();
  const products = useProducts(listQuery(filters, categorySlug));

  const category = categorySlug ? categories.data?.find((cat) => cat.slug === categorySlug) : undefined;
  const parent = category?.parentId
    ? categories.data?.find((cat) => cat.id === category.parentId)
    : undefined;
  const title = category
    ? categoryName(category)
    : categorySlug
      ? ''
      : filters.q
        ? t.searchTitle(filters.q)
        : t.allProducts;
  const missingCategory = Boolean(
    (categorySlug && categories.data && !category) || isApiError(products.error, 404),
  );
  useTitle(missingCategory ? t.categoryNotFound : title || undefined);
  if (missingCategory) return <CatalogNotFound title={t.categoryNotFound} text={t.categoryNotFoundText} />;

  const data = products.data;
  const busy = products.isPlaceholderData && products.isFetching;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const crumbs: Crumb[] = parent
    ? [{ label: categoryName(parent), to: `/c/${parent.slug}` }, { label: title }]
    : [{ label: title }];

  return (
    <div>
      <Breadcrumbs items={crumbs} />
      <div className="mb-5">
        {title ? (
          <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{title}</h1>
        ) : (
          <Skeleton className="h-9 w-56" />
        )}
        {category && categories.data && <Subcategories category={category} all={categories.data} />}
      </div>

      <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8">
        <FilterSidebar
          facets={data?.facets}
          actions={actions}
          showCategories={!categorySlug}
          categories={categories.data}
          className="hidden lg:sticky lg:top-32 lg:block lg:max-h-[calc(100dvh-9rem)] lg:self-start lg:overflow-y-auto lg:pr-2"
        />

        <section aria-labelledby="results-title" className="min-w-0">
          <h2 id="results-title" className="sr-only">
            {title || t.allProducts}
          </h2>
          <div className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2">
            <FilterSheet
              data={data}
              actions={actions}
              showCategories={!categorySlug}
              categories={categories.data}
              busy={busy}
              className="order-1 lg:hidden"
            />
            <p
              className="order-3 flex w-full items-center gap-2 text-sm text-muted sm:order-2 sm:w-auto"
              aria-live="polite"
            >
              {data ? (
                <ResultCount total={data.total} page={filters.page} partial={data.partial} />
              ) : (
                <Skeleton className="h-4 w-24" />
              )}
              {busy && (
                <>
                  <Spinner className="size-4" />
                  <span className="sr-only">{t.updating}</span>
                </>
              )}
            </p>
            <SortSelect actions={actions} className="order-2 ml-auto sm:order-3" />
          </div>

          <ActiveFilters facets={data?.facets} actions={actions} categories={categories.data} />

          {products.isError && !data ? (
            <QueryError
              detail={isApiError(products.error) ? c.somethingWrong : undefined}
              retry={products.refetch}
            />
          ) : data && data.total === 0 ? (
            <NoResults actions={actions} suggestions={data.suggestions} />
          ) : data && data.items.length === 0 ? (
            <EmptyState title={t.pastLastPage}>
              <ButtonLink to={actions.pageSearch(1)} variant="secondary">
                {t.firstPage}
              </ButtonLink>
            </EmptyState>
          ) : (
            <ProductGrid products={data?.items} busy={busy} />
          )}

          {data && (
            <Pagination
              className="mt-8"
              page={filters.page}
              pageCount={pageCount}
              hrefFor={actions.pageSearch}
              labels={{ nav: t.pages, previous: t.previous, next: t.next, page: t.page }}
            />
          )}
        </section>
      </div>
      <CompareTray />
    </div>
  );
}

/**
 * Nothing found: what to try, and, for a search, the server's nearest results and the categories that fit them (or
 * its best sellers when no word matched anything) instead of an empty page.
 */
function NoResults({
  actions,
  suggestions,
}: {
  actions: CatalogFilterActions;
  suggestions: SearchSuggestions | undefined;
}) {
  const t = useMessages(catalogText);
  const categoryName = useCategoryName();
  const { filters } = actions;
  return (
    <div>
      <EmptyState title={filters.q ? t.noResultsFor(filters.q) : t.noResults}>
        <p>{t.noResultsHint}</p>
        {activeFilterCount(filters) > 0 && (
          <Button variant="primary" onClick={actions.clearFilters} className="mt-5">
            {t.clearFilters}
          </Button>
        )}
        {suggestions && suggestions.categories.length > 0 ? (
          <nav aria-labelledby="fitting-categories" className="mt-6">
            <p id="fitting-categories" className="mb-3 text-sm font-semibold text-ink">
              {t.fittingCategories}
            </p>
            <ul className="flex flex-wrap justify-center gap-2">
              {suggestions.categories.map((category) => (
                <li key={category.slug}>
                  <ButtonLink to={`/c/${category.slug}`} variant="secondary" size="sm">
                    {t.categoryCount(categoryName(category), category.count)}
                  </ButtonLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <>
            <p className="mt-6 mb-3 text-sm font-semibold text-ink">{t.browseDepartments}</p>
            <DepartmentLinks />
          </>
        )}
      </EmptyState>
      {suggestions && suggestions.items.length > 0 && (
        <section aria-labelledby="nearest-results" className="mt-8">
          <h3 id="nearest-results" className="mb-4 text-lg font-semibold">
            {suggestions.basis === 'partial' ? t.nearestResults : t.popularNow}
          </h3>
          <ProductGrid products={suggestions.items} busy={false} />
        </section>
      )}
    </div>
  );
}
