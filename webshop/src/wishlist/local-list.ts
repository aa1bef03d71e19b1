import { wishlistLimit } from '@shop/shared';
import { useSyncExternalStore } from 'react';

/**
 * The hearts of a visitor who is not signed in: product ids in this browser's storage, oldest first, joined to the
 * account at sign-in (merge-on-sign-in.tsx) and then forgotten here. Bounded like the account's list.
 */
const storageKey = 'shop.wishlist';
const listeners = new Set<() => void>();
let ids: readonly string[] = load();

function load(): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    if (!Array.isArray(saved)) return [];
    const valid = saved.filter(
      (id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 40,
    );
    return [...new Set(valid)].slice(-wishlistLimit);
  } catch {
    return []; // storage disabled (private mode) or damaged: start with an empty list
  }
}

function save(next: readonly string[]) {
  ids = next;
  try {
    if (next.length) localStorage.setItem(storageKey, JSON.stringify(next));
    else localStorage.removeItem(storageKey);
  } catch {
    // storage full or disabled: the hearts still work until the tab closes
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab hearted something: follow it, so two tabs never disagree.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== storageKey) return;
    ids = load();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useLocalWishlist(): readonly string[] {
  return useSyncExternalStore(subscribe, () => ids);
}

/** False when the list is full already. */
export function keepLocally(productId: string): boolean {
  if (ids.includes(productId)) return true;
  if (ids.length >= wishlistLimit) return false;
  save([...ids, productId]);
  return true;
}

export function forgetLocally(productIds: readonly string[]) {
  const gone = new Set(productIds);
  save(ids.filter((id) => !gone.has(id)));
}
