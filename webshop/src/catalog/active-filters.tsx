import { useMessages } from '@shop/ui';
import { formatUsd, type Category, type ProductFacets } from '@shop/shared';
import { X } from 'lucide-react';
import { catalogText } from './messages';
import { useLocalized } from './local-text';
import { useCategoryName } from './names';
import type { CatalogFilterActions } from './url-filters';

interface Chip {
  key: string;
  label: string;
  remove: () => void;
}

/** The chosen filters as chips above the results, each removable, with "Clear all". */
export function ActiveFilters({
  facets,
  actions,
  categories,
}: {
  facets: ProductFacets | undefined;
  actions: CatalogFilterActions;
  categories: Category[] | undefined;
}) {
  const t = useMessages(catalogText);
  const categoryName = useCategoryName();
  const localized = useLocalized();
  const { filters } = actions;
  const chips: Chip[] = [];

  if (filters.category) {
    const category = categories?.find((c) => c.slug === filters.category);
    chips.push({
      key: 'category',
      label: category ? categoryName(category) : filters.category,
      remove: () => actions.setCategory(null),
    });
  }
  if (filters.inStock)
    chips.push({ key: 'inStock', label: t.inStockChip, remove: () => actions.setInStock(false) });
  if (filters.minUsd !== null || filters.maxUsd !== null) {
    const min = filters.minUsd !== null ? formatUsd(filters.minUsd * 100) : null;
    const max = filters.maxUsd !== null ? formatUsd(filters.maxUsd * 100) : null;
    chips.push({
      key: 'price',
      label: min && max ? `${min} – ${max}` : min ? t.priceFrom(min) : t.priceUpTo(max!),
      remove: () => actions.setPrice(null, null),
    });
  }
  for (const slug of filters.brands) {
    const label = facets?.brands.find((b) => b.value === slug)?.label ?? slug;
    chips.push({ key: `brand:${slug}`, label, remove: () => actions.toggleBrand(slug) });
  }
  for (const pair of filters.specs) {
    const colon = pair.indexOf(':');
    const key = pair.slice(0, colon);
    const value = pair.slice(colon + 1);
    const spec = facets?.specs.find((s) => s.key === key);
    const facetValue = spec?.values.find((v) => v.value === value);
    const valueLabel = facetValue ? localized(facetValue.label, facetValue.labelKm).text : value;
    chips.push({
      key: `spec:${pair}`,
      label: spec ? `${localized(spec.label, spec.labelKm).text}: ${valueLabel}` : valueLabel,
      remove: () => actions.toggleSpec(key, value),
    });
  }

  if (chips.length === 0) return null;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <h2 className="sr-only">{t.activeFilters}</h2>
      <ul className="contents">
        {chips.map((chip) => (
          <li key={chip.key}>
            <button
              type="button"
              onClick={chip.remove}
              aria-label={t.removeFilter(chip.label)}
              className="inline-flex h-8 items-center gap-1.5 rounded-full border border-brand-200 bg-brand-50 pr-2 pl-3 text-sm font-medium text-brand-700 hover:bg-brand-100"
            >
              {chip.label}
              <X className="size-3.5" aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <button
          type="button"
          onClick={actions.clearFilters}
          className="h-8 rounded-full px-3 text-sm font-semibold text-muted hover:bg-slate-100 hover:text-ink"
        >
          {t.clearAll}
        </button>
      )}
    </div>
  );
}
