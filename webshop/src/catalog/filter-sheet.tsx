import { Button, cn, Skeleton, useMessages } from '@shop/ui';
import type { Category, ProductFacets, ProductList } from '@shop/shared';
import { SlidersHorizontal } from 'lucide-react';
import { useState } from 'react';
import { Sheet } from '../ui/sheet';
import { FilterPanel } from './filter-panel';
import { catalogText } from './messages';
import { activeFilterCount, type CatalogFilterActions } from './url-filters';

interface Shared {
  actions: CatalogFilterActions;
  showCategories: boolean;
  categories: Category[] | undefined;
  className?: string;
}

/** The filters beside the results on a wide screen, with "Clear all". */
export function FilterSidebar({
  facets,
  actions,
  showCategories,
  categories,
  className,
}: Shared & { facets: ProductFacets | undefined }) {
  const t = useMessages(catalogText);
  return (
    <aside aria-labelledby="filters-title" className={className}>
      <div className="mb-3 flex items-center justify-between">
        <h2 id="filters-title" className="text-base font-bold">
          {t.filters}
        </h2>
        {activeFilterCount(actions.filters) > 0 && (
          <button
            type="button"
            onClick={actions.clearFilters}
            className="text-sm font-semibold text-brand-700 hover:underline"
          >
            {t.clearAll}
          </button>
        )}
      </div>
      {facets ? (
        <FilterPanel
          facets={facets}
          actions={actions}
          showCategories={showCategories}
          categories={categories}
        />
      ) : (
        <FilterSkeleton />
      )}
    </aside>
  );
}

/**
 * On a phone: a "Filters" button (with the number of active filters) opening the filters in a sheet; choices
 * apply at once, and the sheet's button says how many products they leave.
 */
export function FilterSheet({
  data,
  actions,
  showCategories,
  categories,
  busy,
  className,
}: Shared & { data: ProductList | undefined; busy: boolean }) {
  const t = useMessages(catalogText);
  const [open, setOpen] = useState(false);
  const activeCount = activeFilterCount(actions.filters);
  return (
    <Sheet
      open={open}
      onOpenChange={setOpen}
      title={t.filters}
      trigger={
        <button
          type="button"
          disabled={!data}
          className={cn(
            'inline-flex h-10 items-center gap-2 rounded-lg border border-line bg-white px-3 text-sm font-semibold shadow-sm hover:bg-slate-50 disabled:text-muted',
            className,
          )}
        >
          <SlidersHorizontal className="size-4" aria-hidden="true" />
          {t.filters}
          {activeCount > 0 && (
            <span className="grid min-w-5 place-items-center rounded-full bg-brand-600 px-1.5 text-xs text-white">
              {activeCount}
              <span className="sr-only"> ({t.filtersActive(activeCount)})</span>
            </span>
          )}
        </button>
      }
    >
      {data && (
        <div className="flex min-h-full flex-col">
          <div className="flex-1 pb-4">
            <FilterPanel
              facets={data.facets}
              actions={actions}
              showCategories={showCategories}
              categories={categories}
            />
          </div>
          {/* -bottom-5: the sheet's own padding, so the bar sits on its bottom edge while the list scrolls. */}
          <div className="sticky -bottom-5 -mx-5 -mb-5 flex gap-2 border-t border-line bg-white p-4">
            {activeCount > 0 && (
              <Button variant="secondary" onClick={actions.clearFilters}>
                {t.clearAll}
              </Button>
            )}
            <Button className="flex-1" busy={busy} onClick={() => setOpen(false)}>
              {t.showResults(data.total)}
            </Button>
          </div>
        </div>
      )}
    </Sheet>
  );
}

function FilterSkeleton() {
  return (
    <div className="space-y-6" aria-hidden="true">
      {[4, 3, 6].map((rows, group) => (
        <div key={group} className="space-y-2">
          <Skeleton className="h-4 w-24" />
          {Array.from({ length: rows }, (_, row) => (
            <Skeleton key={row} className="h-6 w-full" />
          ))}
        </div>
      ))}
    </div>
  );
}
