import type { Db } from '../../db/database';
import type { HandlerInput, Handlers } from '../../http/routes';
import type { RouteDef } from '@shop/shared';
import {
  addToCart,
  getCart,
  newGuestToken,
  removeFromCart,
  setCartQuantity,
  type CartOwner,
} from './service';

export function cartHandlers(
  db: Db,
): Handlers<'getCart' | 'addCartItem' | 'updateCartItem' | 'removeCartItem'> {
  const ownerOf = (input: HandlerInput<RouteDef>): CartOwner => ({
    userId: input.user?.id ?? null,
    guestToken: input.cart.token,
  });
  return {
    getCart: (input) => getCart(db, ownerOf(input), input.query?.coupon),
    addCartItem: (input) => {
      const owner = ownerOf(input);
      if (!owner.userId && !owner.guestToken) {
        owner.guestToken = newGuestToken();
        input.cart.remember(owner.guestToken);
      }
      return addToCart(db, owner, input.body.productId, input.body.quantity);
    },
    updateCartItem: (input) => setCartQuantity(db, ownerOf(input), input.params.id, input.body.quantity),
    removeCartItem: (input) => removeFromCart(db, ownerOf(input), input.params.id),
  };
}
