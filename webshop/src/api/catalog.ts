import type { Category, ProductListQueryInput, StockAlertInput } from '@shop/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { client, queryKeys } from './client';

/** All categories, departments first in the shop's order. */
export function useCategories() {
  return useQuery({
    queryKey: queryKeys.categories,
    queryFn: async ({ signal }) => (await client.listCategories({}, { signal })).items,
    staleTime: 10 * 60_000,
    select: (items: Category[]) => [...items].sort((a, b) => a.position - b.position),
  });
}

export function departments(categories: Category[] | undefined): Category[] {
  return (categories ?? []).filter((c) => c.parentId === null);
}

/** A page of products; the previous page stays on screen while the next one loads (no flash). */
export function useProducts(query: ProductListQueryInput, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.products(query),
    queryFn: ({ signal }) => client.listProducts({ query }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useProduct(slug: string) {
  return useQuery({
    queryKey: queryKeys.product(slug),
    queryFn: ({ signal }) => client.getProduct({ params: { idOrSlug: slug } }, { signal }),
  });
}

/** Leaves an address to be mailed once when an out-of-stock product is received again (the same answer for all). */
export function useAskForStockAlert(productId: string) {
  return useMutation({
    mutationFn: (input: StockAlertInput) =>
      client.askForStockAlert({ params: { id: productId }, body: input }),
  });
}
