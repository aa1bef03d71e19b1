import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { newGuestToken } from '../cart/service';
import { addBuildToCart, builderCandidates, getSavedBuild, saveBuild, updateSavedBuild } from './service';

export function pcBuilderHandlers(
  db: Db,
): Handlers<'builderCandidates' | 'saveBuild' | 'getBuild' | 'updateBuild' | 'addBuildToCart'> {
  return {
    builderCandidates: ({ params, query }) => builderCandidates(db, params.slot, query.picks),
    saveBuild: ({ user, body, client }) => saveBuild(db, user, body, client.ip),
    getBuild: ({ user, params }) => getSavedBuild(db, params.id, user?.id ?? null),
    updateBuild: ({ user, params, body }) => updateSavedBuild(db, params.id, user.id, body),
    addBuildToCart: ({ user, cart, body }) => {
      const owner = { userId: user?.id ?? null, guestToken: cart.token };
      if (!owner.userId && !owner.guestToken) {
        owner.guestToken = newGuestToken();
        cart.remember(owner.guestToken);
      }
      return addBuildToCart(db, owner, body.picks);
    },
  };
}
