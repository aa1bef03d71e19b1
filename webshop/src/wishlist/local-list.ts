import { wishlistLimit } from '@shop/shared';

import { storedList } from '../storage/stored-list';

/**
 * The hearts of a visitor who is not signed in: product ids in this browser's storage, oldest first, joined to the
 * account at sign-in (merge-on-sign-in.tsx) and then forgotten here. Bounded like the account's list.
 */
const stored = storedList<string>('shop.wishlist', (saved) => {
  const valid = saved.filter(
    (id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 40,
  );
  return [...new Set(valid)].slice(-wishlistLimit);
});

export function useLocalWishlist(): readonly string[] {
  return stored.useList();
}

/** False when the list is full already. */
export function keepLocally(productId: string): boolean {
  const ids = stored.get();
  if (ids.includes(productId)) return true;
  if (ids.length >= wishlistLimit) return false;
  stored.set([...ids, productId]);
  return true;
}

export function forgetLocally(productIds: readonly string[]) {
  const gone = new Set(productIds);
  stored.set(stored.get().filter((id) => !gone.has(id)));
}
