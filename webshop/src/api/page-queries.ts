import type { ProductListQueryInput } from '@shop/shared';
import { discountPercent } from '../catalog/names';

/**
 * The product lists the server-rendered pages ask for, in one place: the page asks with it in the browser and the
 * server entry (entry-server.tsx) fills the same query in before rendering, so hydration finds the answer under
 * the same key.
 */

/** The home page's showcase: the newest hundred, from which it picks new arrivals and deals. */
export const showcaseQuery: ProductListQueryInput = { sort: 'newest', pageSize: 100 };

const newArrivalCount = 8;
const dealCount = 8;

interface Priced {
  priceCents: number;
  compareAtCents: number | null;
}

/**
 * What the home page shows of the showcase: the newest eight, and the best deals among the rest (the list cannot be
 * filtered by discount, and the newest hundred hold the deals a visitor is likely to care about).
 */
export function pickShowcase<T extends Priced>(
  items: readonly T[],
  /** The price a visitor pays (the shop's promotions applied: api/promotions.ts); the catalog's when absent. */
  priceOf: (item: T) => Priced = (item) => item,
): { newArrivals: T[]; deals: T[] } {
  const saving = (item: T) => discountPercent(priceOf(item));
  const newArrivals = items.slice(0, newArrivalCount);
  const deals = items
    .slice(newArrivalCount)
    .filter((p) => saving(p) > 0)
    .sort((a, b) => saving(b) - saving(a))
    .slice(0, dealCount);
  return { newArrivals, deals };
}

/**
 * The showcase's answer cut to the products the home page shows (16 of the 100), for the server-rendered page's
 * state: the rest would only make the document larger. The deals keep their order in the list, so `pickShowcase`
 * picks the same ones from the cut answer as from the whole (its sort is stable); the browser asks for the whole
 * list when the cut one goes stale.
 */
export function showcaseShown<I extends Priced, T extends { items: I[] }>(
  answer: T,
  priceOf?: (item: I) => Priced,
): T {
  const { newArrivals, deals } = pickShowcase(answer.items, priceOf);
  const kept = new Set<Priced>(deals);
  const rest = answer.items.slice(newArrivals.length).filter((item) => kept.has(item));
  return { ...answer, items: [...newArrivals, ...rest] };
}

/** "More in <category>" under a product. */
export function relatedQuery(categorySlug: string): ProductListQueryInput {
  return { category: categorySlug, pageSize: 5, inStock: true };
}
