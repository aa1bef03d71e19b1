import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { addToWishlist, getWishlist, mergeIntoWishlist, removeFromWishlist } from './service';

export function wishlistHandlers(
  db: Db,
): Handlers<'getWishlist' | 'addToWishlist' | 'removeFromWishlist' | 'mergeWishlist'> {
  return {
    getWishlist: ({ user }) => getWishlist(db, user.id),
    addToWishlist: ({ user, params }) => addToWishlist(db, user.id, params.id),
    removeFromWishlist: ({ user, params }) => removeFromWishlist(db, user.id, params.id),
    mergeWishlist: ({ user, body }) => mergeIntoWishlist(db, user.id, body.productIds),
  };
}
