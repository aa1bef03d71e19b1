import { cn, useMessages } from '@shop/ui';
import { productSorts, type ProductSort } from '@shop/shared';
import { catalogText } from './messages';
import { defaultSort, pageSize, type CatalogFilterActions } from './url-filters';

/**
 * "24 products", or "25–48 of 62 products" when there is more than one page; "500+" when a broad search ranked only
 * part of its matches (the answer's `partial`), so the total is a lower bound.
 */
export function ResultCount({
  total,
  page,
  partial = false,
}: {
  total: number;
  page: number;
  partial?: boolean;
}) {
  const t = useMessages(catalogText);
  if (total <= pageSize) return <span>{t.resultCount(total, partial)}</span>;
  const from = (page - 1) * pageSize + 1;
  return (
    <span>{t.resultRange(Math.min(from, total), Math.min(page * pageSize, total), total, partial)}</span>
  );
}

/** The order of the results; "Best match" only when there is something searched for. */
export function SortSelect({ actions, className }: { actions: CatalogFilterActions; className?: string }) {
  const t = useMessages(catalogText);
  const { filters } = actions;
  const options = productSorts.filter((sort) => sort !== 'relevance' || filters.q);
  const current = filters.sort && options.includes(filters.sort) ? filters.sort : defaultSort(filters);
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <label htmlFor="catalog-sort" className="sr-only text-sm whitespace-nowrap text-muted sm:not-sr-only">
        {t.sortBy}
      </label>
      <select
        id="catalog-sort"
        value={current}
        onChange={(event) => actions.setSort(event.target.value as ProductSort)}
        className="h-10 rounded-lg border border-line bg-white pr-8 pl-3 text-sm font-medium shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
      >
        {options.map((sort) => (
          <option key={sort} value={sort}>
            {t.sort(sort)}
          </option>
        ))}
      </select>
    </div>
  );
}
