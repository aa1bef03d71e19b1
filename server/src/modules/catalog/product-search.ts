import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  formatSpecValue,
  specAttributes,
  type ProductFacets,
  type ProductList,
  type ProductListQuery,
  type SpecAttribute,
  type SpecKind,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import { specKindOf, toProductSummary, type ProductRow } from './present';
import { prefixRange, queryTokens, weights } from './search-index';

/** The public product listing: search, filters, sort, pagination and facet counts, in plain SQL both dialects run. */

interface Filters {
  categoryIds: string[] | null;
  brandSlugs: string[] | null;
  minPrice: number | null;
  maxPrice: number | null;
  inStock: boolean;
  specs: Map<string, string[]>;
}

/** A facet's counts ignore the facet's own filter, so a customer sees what choosing another value would give. */
type FacetName = 'category' | 'brand' | 'price' | 'inStock' | `spec:${string}`;

export const summaryColumns = sql`p.id, p.slug, p.sku, p.name, p.price_cents, p.compare_at_cents, p.warranty_months,
  p.specs_json, p.images_json, p.low_stock_threshold, p.brand_id, b.slug as brand_slug, b.name as brand_name,
  p.category_id, c.slug as category_slug, c.name as category_name, c.name_km as category_name_km, c.spec_kind,
  s.on_hand, s.reserved`;

export const productJoins = sql`products p
  join brands b on b.id = p.brand_id
  join categories c on c.id = p.category_id
  join stock_levels s on s.product_id = p.id`;

export async function listProducts(db: Db, query: ProductListQuery): Promise<ProductList> {
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'slug', 'name', 'parent_id', 'spec_kind'])
    .execute();
  const category = query.category ? categories.find((c) => c.slug === query.category) : undefined;
  if (query.category && !category) throw new NotFound(`There is no category "${query.category}"`);

  const filters: Filters = {
    categoryIds: category ? descendantsOf(category.id, categories) : null,
    brandSlugs: query.brand?.length ? query.brand : null,
    minPrice: query.minPrice ?? null,
    maxPrice: query.maxPrice ?? null,
    inStock: query.inStock ?? false,
    specs: groupSpecFilters(query.spec ?? []),
  };
  const tokens = query.q ? queryTokens(query.q) : [];
  const from = tokens.length
    ? sql`${productJoins} join (${matchingProducts(tokens)}) m on m.product_id = p.id`
    : productJoins;
  const where = (except: FacetName | null) => whereClause(filters, except);
  const sort = query.sort ?? (tokens.length ? 'relevance' : 'name');
  const offset = (query.page - 1) * query.pageSize;

  const [items, total, facets] = await Promise.all([
    sql<ProductRow>`select ${summaryColumns} from ${from} where ${where(null)}
      order by ${orderBy(sort, tokens.length > 0)} limit ${query.pageSize} offset ${offset}`.execute(db),
    sql<{ n: number }>`select count(*) as n from ${from} where ${where(null)}`.execute(db),
    facetCounts(db, from, where, filters, category ? specKindOf(category.spec_kind) : null),
  ]);
  return {
    items: items.rows.map(toProductSummary),
    total: Number(total.rows[0]?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    facets,
  };
}

/**
 * Products matching every query token by prefix, with their score: per token the best weight among the terms it
 * matched (doubled for an exact term), summed over tokens.
 */
function matchingProducts(tokens: string[]): RawBuilder<unknown> {
  const perToken = tokens.map((token) => {
    const { from, to } = prefixRange(token);
    const below = to === null ? sql`` : sql` and term < ${to}`;
    // A prefix of a SKU counts like a name word: only the exact SKU outranks everything.
    return sql`select product_id,
        max(case when term = ${token} then weight * 2 when weight > ${weights.name} then ${weights.name} else weight end) as score
      from search_terms where term >= ${from}${below} group by product_id`;
  });
  return sql`select product_id, sum(score) as score from (${sql.join(perToken, sql` union all `)}) t
    group by product_id having count(*) = ${tokens.length}`;
}

function whereClause(f: Filters, except: FacetName | null): RawBuilder<SqlBool> {
  const conditions: RawBuilder<unknown>[] = [sql`p.active = 1`];
  if (f.categoryIds && except !== 'category')
    conditions.push(sql`p.category_id in (${sql.join(f.categoryIds)})`);
  if (f.brandSlugs && except !== 'brand') conditions.push(sql`b.slug in (${sql.join(f.brandSlugs)})`);
  if (f.minPrice !== null && except !== 'price') conditions.push(sql`p.price_cents >= ${f.minPrice}`);
  if (f.maxPrice !== null && except !== 'price') conditions.push(sql`p.price_cents <= ${f.maxPrice}`);
  if (f.inStock && except !== 'inStock') conditions.push(sql`s.on_hand - s.reserved > 0`);
  for (const [key, values] of f.specs) {
    if (except === `spec:${key}`) continue;
    conditions.push(sql`p.id in (select product_id from product_attributes
      where attr_key = ${key} and value in (${sql.join(values)}))`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

function orderBy(sort: NonNullable<ProductListQuery['sort']>, hasScore: boolean): RawBuilder<unknown> {
  switch (sort) {
    case 'relevance':
      return hasScore ? sql`m.score desc, p.name_sort, p.id` : sql`p.name_sort, p.id`;
    case 'price_asc':
      return sql`p.price_cents, p.id`;
    case 'price_desc':
      return sql`p.price_cents desc, p.id`;
    case 'newest':
      return sql`p.created_at desc, p.id desc`;
    case 'name':
      return sql`p.name_sort, p.id`;
  }
}

async function facetCounts(
  db: Db,
  from: RawBuilder<unknown>,
  where: (except: FacetName | null) => RawBuilder<SqlBool>,
  filters: Filters,
  kind: SpecKind | null,
): Promise<ProductFacets> {
  const facetAttributes = kind ? specAttributes(kind).filter((a) => a.facet) : [];
  const [categories, brands, price, inStock, ...specs] = await Promise.all([
    sql<{
      value: string;
      label: string;
      count: number;
    }>`select c.slug as value, c.name as label, count(*) as count
      from ${from} where ${where('category')} group by c.slug, c.name, c.position order by c.position, c.slug`.execute(
      db,
    ),
    sql<{
      value: string;
      label: string;
      count: number;
    }>`select b.slug as value, b.name as label, count(*) as count
      from ${from} where ${where('brand')} group by b.slug, b.name order by count(*) desc, b.slug`.execute(
      db,
    ),
    sql<{
      min: number | null;
      max: number | null;
    }>`select min(p.price_cents) as min, max(p.price_cents) as max
      from ${from} where ${where('price')}`.execute(db),
    sql<{
      n: number;
    }>`select count(*) as n from ${from} where ${where('inStock')} and s.on_hand - s.reserved > 0`.execute(
      db,
    ),
    ...facetAttributes.map((attribute) =>
      sql<{ value: string; count: number }>`select a.value, count(*) as count from ${from}
        join product_attributes a on a.product_id = p.id and a.attr_key = ${attribute.key}
        where ${where(filters.specs.has(attribute.key) ? `spec:${attribute.key}` : null)}
        group by a.value`.execute(db),
    ),
  ]);
  return {
    categories: categories.rows.map(facetValue),
    brands: brands.rows.map(facetValue),
    price: {
      minCents: price.rows[0]?.min == null ? null : Number(price.rows[0].min),
      maxCents: price.rows[0]?.max == null ? null : Number(price.rows[0].max),
    },
    inStock: Number(inStock.rows[0]?.n ?? 0),
    specs: facetAttributes
      .map((attribute, i) => ({
        key: attribute.key,
        label: attribute.label,
        values: specValues(attribute, specs[i]?.rows ?? []),
      }))
      .filter((facet) => facet.values.length > 0),
  };
}

function facetValue(row: { value: string; label: string; count: number }) {
  return { value: row.value, label: row.label, count: Number(row.count) };
}

function specValues(attribute: SpecAttribute, rows: { value: string; count: number }[]) {
  const values = rows.map((row) => ({
    value: row.value,
    label: formatSpecValue(attribute, parseSpecValue(attribute, row.value)),
    count: Number(row.count),
  }));
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

function groupSpecFilters(specs: string[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    const key = spec.slice(0, colon);
    grouped.set(key, [...(grouped.get(key) ?? []), spec.slice(colon + 1)]);
  }
  return grouped;
}

function descendantsOf(rootId: string, categories: { id: string; parent_id: string | null }[]): string[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) {
    for (const c of categories) if (c.parent_id === ids[i]) ids.push(c.id);
  }
  return ids;
}
