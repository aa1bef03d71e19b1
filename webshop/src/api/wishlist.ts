import type { Wishlist } from '@shop/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';
import { useMe } from './session';

/** The signed-in customer's wishlist; nothing is asked for a visitor (their hearts are in local-list.ts). */
export function useWishlist() {
  const me = useMe();
  return useQuery({
    queryKey: queryKeys.wishlist,
    queryFn: ({ signal }) => client.getWishlist({}, { signal }),
    enabled: Boolean(me.data),
  });
}

/** Every wishlist change answers the whole list: it replaces the cached one, no second request. */
function useWishlistMutation<V>(change: (vars: V) => Promise<Wishlist>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (list) => queries.setQueryData<Wishlist>(queryKeys.wishlist, list),
  });
}

export function useAddToWishlist() {
  return useWishlistMutation((productId: string) => client.addToWishlist({ params: { id: productId } }));
}

export function useRemoveFromWishlist() {
  return useWishlistMutation((productId: string) => client.removeFromWishlist({ params: { id: productId } }));
}

export function useMergeWishlist() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (productIds: readonly string[]) =>
      client.mergeWishlist({ body: { productIds: [...productIds] } }),
    onSuccess: ({ notMerged: _, ...list }) => queries.setQueryData<Wishlist>(queryKeys.wishlist, list),
  });
}
