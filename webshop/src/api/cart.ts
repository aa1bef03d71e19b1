import type { Cart } from '@shop/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';

/** The visitor's cart (a guest cart by cookie until sign-in, then merged into the account's). */
export function useCart() {
  return useQuery({ queryKey: queryKeys.cart, queryFn: ({ signal }) => client.getCart({}, { signal }) });
}

/** Every cart change answers the whole new cart: it replaces the cached one, no second request. */
function useCartMutation<V>(change: (vars: V) => Promise<Cart>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (cart) => queries.setQueryData(queryKeys.cart, cart),
  });
}

export function useAddToCart() {
  return useCartMutation((item: { productId: string; quantity: number }) =>
    client.addCartItem({ body: item }),
  );
}

export function useSetCartQuantity() {
  return useCartMutation(({ lineId, quantity }: { lineId: string; quantity: number }) =>
    client.updateCartItem({ params: { id: lineId }, body: { quantity } }),
  );
}

export function useRemoveFromCart() {
  return useCartMutation((lineId: string) => client.removeCartItem({ params: { id: lineId } }));
}
