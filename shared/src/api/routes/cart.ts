import { cartItemInputSchema, cartItemPatchSchema, cartQuerySchema, cartSchema } from '../../orders';
import { anyone, defineRoute } from '../route';
import { idParam } from './common';

/** The cart of a guest or a customer. */
export const cartRoutes = {
  getCart: defineRoute({
    method: 'get',
    path: '/cart',
    summary:
      "The caller's cart (a guest's by cookie), priced now with the live promotions and the coupon asked for, with availability problems per line",
    tag: 'cart',
    access: anyone,
    query: cartQuerySchema.optional(),
    response: cartSchema,
  }),
  addCartItem: defineRoute({
    method: 'post',
    path: '/cart/items',
    summary: 'Add units of a product to the cart',
    tag: 'cart',
    access: anyone,
    body: cartItemInputSchema,
    response: cartSchema,
    errors: [404, 409],
  }),
  updateCartItem: defineRoute({
    method: 'patch',
    path: '/cart/items/:id',
    summary: 'Change the quantity of a cart line',
    tag: 'cart',
    access: anyone,
    params: idParam,
    body: cartItemPatchSchema,
    response: cartSchema,
    errors: [404, 409],
  }),
  removeCartItem: defineRoute({
    method: 'delete',
    path: '/cart/items/:id',
    summary: 'Remove a line from the cart',
    tag: 'cart',
    access: anyone,
    params: idParam,
    response: cartSchema,
    errors: [404],
  }),
} as const;
