import type { ProductListQueryInput } from '@shop/shared';

/**
 * The product lists the server-rendered pages ask for, in one place: the page asks with it in the browser and the
 * server entry (entry-server.tsx) fills the same query in before rendering, so hydration finds the answer under
 * the same key.
 */

/** The home page's showcase: the newest hundred, from which it picks new arrivals and deals. */
export const showcaseQuery: ProductListQueryInput = { sort: 'newest', pageSize: 100 };

/** "More in <category>" under a product. */
export function relatedQuery(categorySlug: string): ProductListQueryInput {
  return { category: categorySlug, pageSize: 5, inStock: true };
}
