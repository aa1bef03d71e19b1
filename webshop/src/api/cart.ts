import type { Cart } from '@shop/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCouponCode } from '../promotions/coupon-store';
import { client, queryKeys } from './client';

/**
 * The visitor's cart (a guest cart by cookie until sign-in, then merged into the account's), priced by the server
 * with the live promotions and the coupon the customer applied (promotions/coupon-store.ts).
 */
export function useCart() {
  const coupon = useCouponCode();
  return useQuery({
    queryKey: coupon ? queryKeys.cartWithCoupon(coupon) : queryKeys.cart,
    queryFn: ({ signal }) => client.getCart({ query: coupon ? { coupon } : {} }, { signal }),
    // Applying or removing a coupon keeps the cart on screen while it is priced again.
    placeholderData: keepPreviousData,
  });
}

/**
 * Every cart change answers the whole new cart: it replaces the cached one, no second request. Priced with a
 * coupon, the cart is asked for again (a change's answer is priced without one).
 */
function useCartMutation<V>(change: (vars: V) => Promise<Cart>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (cart) => {
      queries.setQueryData(queryKeys.cart, cart);
      void queries.invalidateQueries({ queryKey: queryKeys.cart, predicate: (q) => q.queryKey.length > 1 });
    },
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
