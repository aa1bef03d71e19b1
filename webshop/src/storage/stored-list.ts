import { useSyncExternalStore } from 'react';

/**
 * A short list kept in this browser's storage (the compare tray, a guest's hearts), shared by every component and
 * every tab: one copy in memory that components subscribe to, written through to localStorage on each change.
 */
export interface StoredList<T> {
  /** The list now, for event handlers (components use `useList`). */
  get(): readonly T[];
  set(next: readonly T[]): void;
  useList(): readonly T[];
}

const nothingStored: readonly never[] = [];
const serverSnapshot = () => nothingStored;

/** `parse` keeps what is valid of what storage held (it may be damaged, or written by an older version). */
export function storedList<T>(storageKey: string, parse: (saved: unknown[]) => T[]): StoredList<T> {
  const listeners = new Set<() => void>();

  function load(): readonly T[] {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
      return Array.isArray(saved) ? parse(saved) : [];
    } catch {
      return []; // storage disabled (private mode) or damaged: start with an empty list
    }
  }

  // On the server there is no storage: load() finds nothing.
  let items = load();

  function set(next: readonly T[]) {
    items = next;
    try {
      if (next.length) localStorage.setItem(storageKey, JSON.stringify(next));
      else localStorage.removeItem(storageKey);
    } catch {
      // storage full or disabled: the list still works until the tab closes
    }
    listeners.forEach((listener) => listener());
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    // Another tab changed the list: follow it, so two tabs never disagree.
    const onStorage = (event: StorageEvent) => {
      if (event.key !== storageKey) return;
      items = load();
      listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  }

  return {
    get: () => items,
    set,
    // The server renders every visitor's page alike (an empty list), and hydration renders what the server did;
    // the browser's own list follows at once.
    useList: () => useSyncExternalStore(subscribe, () => items, serverSnapshot),
  };
}
