import { productSorts, type ProductListQueryInput, type ProductSort } from '@shop/shared';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Everything a customer chose on a listing lives in the address (shareable, bookmarkable, the back button undoes
 * a filter): `?q=ssd&category=ssds&brand=samsung,crucial&min=50&max=150&inStock=1&spec=capacityGb:1000&sort=
 * price_asc&page=2`. Prices are whole dollars here (what a customer types); the API takes cents.
 */
export interface CatalogFilters {
  q: string;
  /** Only on the search page; a category page has its category in the path. */
  category: string | null;
  brands: string[];
  minUsd: number | null;
  maxUsd: number | null;
  inStock: boolean;
  /** `key:value` pairs, as the API takes them. */
  specs: string[];
  sort: ProductSort | null;
  page: number;
}

export const pageSize = 24;

// The same rules as the API's query schema: a hand-edited address is cleaned instead of answered with a 400.
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const specPattern = /^[a-zA-Z][a-zA-Z0-9]{0,39}:.{1,120}$/;

function wholeDollars(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1_000_000 ? Math.floor(value) : null;
}

export function readFilters(params: URLSearchParams): CatalogFilters {
  const category = params.get('category');
  const sort = params.get('sort');
  const page = Number(params.get('page') ?? '1');
  let minUsd = wholeDollars(params.get('min'));
  let maxUsd = wholeDollars(params.get('max'));
  if (minUsd !== null && maxUsd !== null && minUsd > maxUsd) [minUsd, maxUsd] = [maxUsd, minUsd];
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    category: category && slugPattern.test(category) ? category : null,
    brands: [
      ...new Set(
        params
          .getAll('brand')
          .flatMap((v) => v.split(','))
          .filter((b) => slugPattern.test(b)),
      ),
    ].slice(0, 20),
    minUsd,
    maxUsd,
    inStock: params.get('inStock') === '1' || params.get('inStock') === 'true',
    specs: [...new Set(params.getAll('spec').filter((s) => specPattern.test(s)))].slice(0, 20),
    sort: (productSorts as readonly string[]).includes(sort ?? '') ? (sort as ProductSort) : null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The API query for the filters; `categorySlug` is the category page's own. */
export function listQuery(filters: CatalogFilters, categorySlug?: string): ProductListQueryInput {
  return {
    q: filters.q || undefined,
    category: categorySlug ?? filters.category ?? undefined,
    brand: filters.brands.length ? filters.brands : undefined,
    minPrice: filters.minUsd !== null ? filters.minUsd * 100 : undefined,
    maxPrice: filters.maxUsd !== null ? filters.maxUsd * 100 : undefined,
    inStock: filters.inStock || undefined,
    spec: filters.specs.length ? filters.specs : undefined,
    sort: filters.sort ?? undefined,
    page: filters.page,
    pageSize,
  };
}

/** How many filters narrow the list (the number on the phone's "Filters" button). */
export function activeFilterCount(filters: CatalogFilters): number {
  return (
    filters.brands.length +
    filters.specs.length +
    (filters.inStock ? 1 : 0) +
    (filters.minUsd !== null || filters.maxUsd !== null ? 1 : 0) +
    (filters.category ? 1 : 0)
  );
}

/** As the server sorts without a `sort`: a search by best match, a category by what sells most. */
export function defaultSort(filters: CatalogFilters): ProductSort {
  return filters.q ? 'relevance' : 'popular';
}

/** The listing's filters and the changes a customer can make to them; every change starts again at page 1. */
export function useCatalogFilters() {
  const [address, setParams] = useSearchParams();
  // The router applies a new address in a transition; until it lands, the choice just made is shown (a ticked box
  // stays ticked) and a second quick click builds on it instead of on the old address.
  const [pending, setPending] = useState<{ from: string; params: URLSearchParams } | null>(null);
  if (pending && pending.from !== address.toString()) setPending(null);
  const params = pending?.params ?? address;
  const filters = useMemo(() => readFilters(params), [params]);

  const change = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    edit(next);
    next.delete('page');
    setPending({ from: address.toString(), params: next });
    // A ticked filter keeps the page where it is; only new pages of results scroll to the top.
    setParams(next, { preventScrollReset: true });
  };

  const setList = (next: URLSearchParams, key: string, values: string[], joined: boolean) => {
    next.delete(key);
    if (joined && values.length) next.set(key, values.join(','));
    else values.forEach((value) => next.append(key, value));
  };

  return {
    filters,
    toggleBrand: (slug: string) =>
      change((next) =>
        setList(
          next,
          'brand',
          filters.brands.includes(slug)
            ? filters.brands.filter((b) => b !== slug)
            : [...filters.brands, slug],
          true,
        ),
      ),
    toggleSpec: (key: string, value: string) => {
      const pair = `${key}:${value}`;
      change((next) =>
        setList(
          next,
          'spec',
          filters.specs.includes(pair) ? filters.specs.filter((s) => s !== pair) : [...filters.specs, pair],
          false,
        ),
      );
    },
    setInStock: (on: boolean) => change((next) => (on ? next.set('inStock', '1') : next.delete('inStock'))),
    setPrice: (minUsd: number | null, maxUsd: number | null) =>
      change((next) => {
        next.delete('min');
        next.delete('max');
        if (minUsd !== null) next.set('min', String(minUsd));
        if (maxUsd !== null) next.set('max', String(maxUsd));
      }),
    setCategory: (slug: string | null) =>
      change((next) => {
        next.delete('category');
        // Spec filters belong to one kind of product: they mean nothing in another category.
        next.delete('spec');
        if (slug) next.set('category', slug);
      }),
    setSort: (sort: ProductSort) =>
      change((next) => (sort === defaultSort(filters) ? next.delete('sort') : next.set('sort', sort))),
    clearFilters: () =>
      change((next) => ['category', 'brand', 'min', 'max', 'inStock', 'spec'].forEach((k) => next.delete(k))),
    /** The address of another page of the same results. */
    pageSearch: (page: number) => {
      const next = new URLSearchParams(params);
      if (page > 1) next.set('page', String(page));
      else next.delete('page');
      const text = next.toString();
      return text ? `?${text}` : '';
    },
  };
}

export type CatalogFilterActions = ReturnType<typeof useCatalogFilters>;
