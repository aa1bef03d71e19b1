import { specDisplay, type ProductFacets, type SpecAttribute } from '@shop/shared';

/**
 * Facet counts, assembled the same way whether the counting is done by SQL (a plain listing) or over the rows of
 * a search's matches in memory (search-match.ts).
 */

/** A listing's filters, resolved to ids. */
export interface Filters {
  /** The chosen category and its sub-categories. */
  categoryIds: string[] | null;
  /** The chosen brands that exist; empty when none of the chosen slugs exists (nothing matches). */
  brandIds: string[] | null;
  minPrice: number | null;
  maxPrice: number | null;
  inStock: boolean;
  /** Attribute key → accepted values: values of one key are alternatives, keys all apply. */
  specs: Map<string, string[]>;
}

/** A facet's counts ignore the facet's own filter, so a customer sees what choosing another value would give. */
export type FacetName = 'category' | 'brand' | 'price' | 'inStock' | `spec:${string}`;

export function withoutFilter(filters: Filters, facet: FacetName): Filters {
  switch (facet) {
    case 'category':
      return { ...filters, categoryIds: null };
    case 'brand':
      return { ...filters, brandIds: null };
    case 'price':
      return { ...filters, minPrice: null, maxPrice: null };
    case 'inStock':
      return { ...filters, inStock: false };
    default: {
      const specs = new Map(filters.specs);
      specs.delete(facet.slice('spec:'.length));
      return { ...filters, specs };
    }
  }
}

/** A stable text of filters, for cache keys. */
export function filtersKey(filters: Filters): string {
  return JSON.stringify([
    filters.categoryIds,
    filters.brandIds && [...filters.brandIds].sort(),
    filters.minPrice,
    filters.maxPrice,
    filters.inStock,
    [...filters.specs].map(([key, values]) => [key, [...new Set(values)].sort()]).sort(),
  ]);
}

/** Products passing some filters, counted per category and brand. */
export interface GroupStat {
  categoryId: string;
  brandId: string;
  count: number;
  minPrice: number | null;
  maxPrice: number | null;
  /** Of `count`, the products with stock available (only when asked for). */
  available: number;
}

export interface SpecCount {
  key: string;
  value: string;
  count: number;
}

/** Where counts come from: SQL for a plain listing, the matched rows for a search. */
export interface CountSource {
  groups(filters: Filters, withAvailable: boolean): Promise<GroupStat[]>;
  /** Products passing `filters` per value of each attribute key in `keys`. */
  specCounts(filters: Filters, keys: string[]): Promise<SpecCount[]>;
}

export interface Taxonomy {
  categories: {
    id: string;
    slug: string;
    name: string;
    parent_id: string | null;
    spec_kind: string;
    position: number;
  }[];
  brands: { id: string; slug: string; name: string }[];
}

/**
 * The total and every facet. Statements (or passes) are shared where filters coincide: a facet whose own filter is
 * not set counts under all filters, so one grouping by category and brand gives the total, the category, brand,
 * price and in-stock facets at once; only facets whose filter is set need a grouping of their own.
 */
export async function countsAndFacets(
  source: CountSource,
  filters: Filters,
  taxonomy: Taxonomy,
  facetAttributes: SpecAttribute[],
): Promise<{ total: number; facets: ProductFacets }> {
  const hasPrice = filters.minPrice !== null || filters.maxPrice !== null;
  const filteredKeys = facetAttributes.filter((a) => filters.specs.has(a.key)).map((a) => a.key);
  const unfilteredKeys = facetAttributes.filter((a) => !filters.specs.has(a.key)).map((a) => a.key);
  // In stock counts the products passing every other filter that have stock: with the in-stock filter on, that
  // is the total; without it, the available products under all filters.
  const fullGroups = source.groups(filters, !filters.inStock);
  const [full, byCategory, byBrand, byPrice, unfilteredSpecs, ...filteredSpecs] = await Promise.all([
    fullGroups,
    filters.categoryIds ? source.groups(withoutFilter(filters, 'category'), false) : fullGroups,
    filters.brandIds ? source.groups(withoutFilter(filters, 'brand'), false) : fullGroups,
    hasPrice ? source.groups(withoutFilter(filters, 'price'), false) : fullGroups,
    unfilteredKeys.length ? source.specCounts(filters, unfilteredKeys) : Promise.resolve([]),
    ...filteredKeys.map((key) => source.specCounts(withoutFilter(filters, `spec:${key}`), [key])),
  ]);

  const total = full.reduce((n, g) => n + g.count, 0);
  const categoryById = new Map(taxonomy.categories.map((c) => [c.id, c]));
  const brandById = new Map(taxonomy.brands.map((b) => [b.id, b]));
  const categories = [...sumBy(byCategory, (g) => g.categoryId)]
    .map(([id, count]) => ({ category: categoryById.get(id)!, count }))
    .filter((c) => c.category !== undefined)
    .sort(
      (a, b) => a.category.position - b.category.position || compareText(a.category.slug, b.category.slug),
    )
    .map(({ category, count }) => ({ value: category.slug, label: category.name, count }));
  const brands = [...sumBy(byBrand, (g) => g.brandId)]
    .map(([id, count]) => ({ brand: brandById.get(id)!, count }))
    .filter((b) => b.brand !== undefined)
    .sort((a, b) => b.count - a.count || compareText(a.brand.slug, b.brand.slug))
    .map(({ brand, count }) => ({ value: brand.slug, label: brand.name, count }));
  let minCents: number | null = null;
  let maxCents: number | null = null;
  for (const g of byPrice) {
    if (g.minPrice !== null && (minCents === null || g.minPrice < minCents)) minCents = g.minPrice;
    if (g.maxPrice !== null && (maxCents === null || g.maxPrice > maxCents)) maxCents = g.maxPrice;
  }
  const specRows = [...unfilteredSpecs, ...filteredSpecs.flat()];
  return {
    total,
    facets: {
      categories,
      brands,
      price: { minCents, maxCents },
      inStock: filters.inStock ? total : full.reduce((n, g) => n + g.available, 0),
      specs: facetAttributes
        .map((attribute) => ({
          key: attribute.key,
          label: attribute.label,
          labelKm: attribute.labelKm,
          values: specValues(
            attribute,
            specRows.filter((row) => row.key === attribute.key),
          ),
        }))
        .filter((facet) => facet.values.length > 0),
    },
  };
}

function sumBy(groups: GroupStat[], keyOf: (g: GroupStat) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const g of groups) sums.set(keyOf(g), (sums.get(keyOf(g)) ?? 0) + g.count);
  return sums;
}

/** Code-point order: the order of SQLite's BINARY and MySQL's utf8mb4_bin, and of ASCII slugs in any collation. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 puts surrogates (code points above U+FFFF) before U+E000–U+FFFF; code points put them after.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
      y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function specValues(attribute: SpecAttribute, rows: SpecCount[]) {
  const values = rows.map((row) => {
    const value = parseSpecValue(attribute, row.value);
    const labelKm = specDisplay(attribute, value, 'km');
    return {
      value: row.value,
      label: specDisplay(attribute, value, 'en')!,
      ...(labelKm !== undefined && { labelKm }),
      count: row.count,
    };
  });
  return attribute.type === 'number'
    ? values.sort((a, b) => Number(a.value) - Number(b.value))
    : values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Attribute values are indexed as text: numbers as their shortest decimal, booleans as "true"/"false". */
export function parseSpecValue(attribute: SpecAttribute, value: string): string | number | boolean {
  if (attribute.type === 'number') return Number(value);
  if (attribute.type === 'boolean') return value === 'true';
  return value;
}
