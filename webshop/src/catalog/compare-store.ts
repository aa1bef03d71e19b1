import type { Category, ProductSummary } from '@shop/shared';
import { useSyncExternalStore } from 'react';

/** A product chosen for comparison: enough to show it in the tray without asking the server. */
export interface CompareItem {
  id: string;
  slug: string;
  name: string;
  imageUrl: string | null;
  category: ProductSummary['category'];
  /**
   * What the product may be compared with: its category's spec kind, so a gaming laptop and a business laptop
   * (two categories, the same specifications) line up, while an SSD and a monitor do not.
   */
  kind: string;
}

export const compareLimit = 4;
const storageKey = 'shop.compare';
const listeners = new Set<() => void>();
let items: CompareItem[] = load();

function load(): CompareItem[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(saved) ? (saved as CompareItem[]).filter((i) => i && typeof i.id === 'string') : [];
  } catch {
    return []; // storage disabled (private mode) or damaged: start with an empty list
  }
}

function save(next: CompareItem[]) {
  items = next;
  try {
    localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // storage full or disabled: the list still works until the tab closes
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed the list: follow it, so two tabs never disagree on what is being compared.
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

export function useCompareList(): CompareItem[] {
  return useSyncExternalStore(subscribe, () => items);
}

/** The comparison kind of a product: its category's spec kind, or the category itself while those load. */
export function compareKind(product: Pick<ProductSummary, 'category'>, categories: Category[] | undefined) {
  return categories?.find((c) => c.id === product.category.id)?.specKind ?? product.category.id;
}

export type AddToCompareResult = 'added' | 'full' | 'other-kind';

export function addToCompare(item: CompareItem): AddToCompareResult {
  if (items.some((i) => i.id === item.id)) return 'added';
  if (items.length >= compareLimit) return 'full';
  if (items.length > 0 && items[0]!.kind !== item.kind) return 'other-kind';
  save([...items, item]);
  return 'added';
}

export function removeFromCompare(id: string) {
  save(items.filter((i) => i.id !== id));
}

export function clearCompare() {
  save([]);
}

/** Makes the list exactly these products (a shared comparison link opened on this device). */
export function replaceCompare(next: CompareItem[]) {
  save(next.slice(0, compareLimit));
}

export function toCompareItem(product: ProductSummary, categories: Category[] | undefined): CompareItem {
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    imageUrl: product.imageUrl,
    category: product.category,
    kind: compareKind(product, categories),
  };
}

export function compareHref(ids: string[]): string {
  return ids.length ? `/compare?ids=${ids.join(',')}` : '/compare';
}
