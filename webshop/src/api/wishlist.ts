import type { Wishlist } from '@shop/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';
import { useMe } from './session';

/**
 * The signed-in customer's wishlist, cached per account; nothing is asked for a visitor (their hearts are in
 * local-list.ts). The header keeps this query on every page, so at sign-out it is reset together with the session:
 * it asks the server only while a signed-in user is known, never with the session that just ended (a 401).
 */
export function useWishlist() {
  const queries = useQueryClient();
  const userId = useMe().data?.id ?? null;
  return useQuery({
    queryKey: queryKeys.wishlist(userId),
    queryFn: ({ signal }) =>
      queries.getQueryData(queryKeys.me) ? client.getWishlist({}, { signal }) : Promise.resolve(null),
    enabled: userId !== null,
  });
}

/** Every wishlist change answers the whole list: it replaces the cached one, no second request. */
function useWishlistMutation<V, W extends Wishlist>(change: (vars: V) => Promise<W>) {
  const queries = useQueryClient();
  const userId = useMe().data?.id ?? null;
  return useMutation({
    mutationFn: change,
    onSuccess: async ({ items, total, limit, rielPerUsd }) => {
      // A list still being read (the first one after sign-in, while the merge ran) would land after this newer one.
      await queries.cancelQueries({ queryKey: queryKeys.wishlist(userId) });
      const list: Wishlist = { items, total, limit, rielPerUsd };
      queries.setQueryData(queryKeys.wishlist(userId), list);
    },
  });
}

export function useAddToWishlist() {
  return useWishlistMutation((productId: string) => client.addToWishlist({ params: { id: productId } }));
}

export function useRemoveFromWishlist() {
  return useWishlistMutation((productId: string) => client.removeFromWishlist({ params: { id: productId } }));
}

/** The merge answers the list too, with what did not fit (`notMerged`) for the caller to tell. */
export function useMergeWishlist() {
  return useWishlistMutation((productIds: readonly string[]) =>
    client.mergeWishlist({ body: { productIds: [...productIds] } }),
  );
}
