import type { ProductSummary, SearchSuggestions } from '@shop/shared';
import type { Db } from '../../db/database';
import type { QuerySlot } from './query-normaliser';
import { nearestMatches } from './search-match';

/** Products shown when a search finds nothing, and the most of the nearest ones whose categories are counted. */
const NEAREST = 8;
const COUNTED = 100;
const CATEGORIES = 4;

/**
 * What a search that found nothing answers instead of an empty page: the products matching the most of its words
 * (a word corrected counts), and the categories they are in; when no word matches anything, the shop's best
 * sellers. The customer then sees where to go on, in the shop's words.
 */
export async function searchSuggestions(
  db: Db,
  slots: QuerySlot[],
  products: {
    byIds: (ids: string[]) => Promise<ProductSummary[]>;
    popular: (limit: number) => Promise<ProductSummary[]>;
  },
): Promise<SearchSuggestions> {
  const nearest = [...(await nearestMatches(db, slots))]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([id]) => id);
  if (nearest.length === 0) {
    const items = await products.popular(NEAREST);
    return { basis: 'popular', items, categories: categoriesOf(items) };
  }
  const counted = await products.byIds(nearest.slice(0, COUNTED));
  return { basis: 'partial', items: counted.slice(0, NEAREST), categories: categoriesOf(counted) };
}

/** The categories of `items`, those holding most of them first. */
function categoriesOf(items: ProductSummary[]): SearchSuggestions['categories'] {
  const counts = new Map<string, { category: ProductSummary['category']; count: number }>();
  for (const { category } of items) {
    const counted = counts.get(category.slug) ?? { category, count: 0 };
    counts.set(category.slug, { category, count: counted.count + 1 });
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || (a.category.slug < b.category.slug ? -1 : 1))
    .slice(0, CATEGORIES)
    .map(({ category, count }) => ({
      slug: category.slug,
      name: category.name,
      nameKm: category.nameKm,
      count,
    }));
}
