import { wishlistMergeInputSchema, wishlistMergeSchema, wishlistSchema } from '../../wishlist';
import { defineRoute, signedIn } from '../route';
import { idParam } from './common';

/** The signed-in caller's own wishlist: no route names another account, so nobody reaches anyone else's. */
export const wishlistRoutes = {
  getWishlist: defineRoute({
    method: 'get',
    path: '/me/wishlist',
    summary: 'The wishlist, newest first, each product with its price and stock now (at most 200 products)',
    tag: 'accounts',
    access: signedIn,
    response: wishlistSchema,
  }),
  addToWishlist: defineRoute({
    method: 'put',
    path: '/me/wishlist/:id',
    summary: 'Keep a product (by id) on the wishlist; adding it again changes nothing',
    tag: 'accounts',
    access: signedIn,
    params: idParam,
    response: wishlistSchema,
    errors: [404, 409],
  }),
  removeFromWishlist: defineRoute({
    method: 'delete',
    path: '/me/wishlist/:id',
    summary: 'Take a product (by id) off the wishlist',
    tag: 'accounts',
    access: signedIn,
    params: idParam,
    response: wishlistSchema,
    errors: [404],
  }),
  mergeWishlist: defineRoute({
    method: 'post',
    path: '/me/wishlist/merge',
    summary:
      'Add the products a visitor kept before signing in (skips those not sold; names what did not fit)',
    tag: 'accounts',
    access: signedIn,
    body: wishlistMergeInputSchema,
    response: wishlistMergeSchema,
  }),
} as const;
