import type { Category, ProductSummary } from '@shop/shared';
import { storedList } from '../storage/stored-list';

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
// Kept as the whole item so the tray draws without asking the server.
const stored = storedList<CompareItem>('shop.compare', (saved) =>
  (saved as CompareItem[]).filter((i) => i && typeof i.id === 'string'),
);

export function useCompareList(): readonly CompareItem[] {
  return stored.useList();
}

/** The comparison kind of a product: its category's spec kind, or the category itself while those load. */
export function compareKind(product: Pick<ProductSummary, 'category'>, categories: Category[] | undefined) {
  return categories?.find((c) => c.id === product.category.id)?.specKind ?? product.category.id;
}

export type AddToCompareResult = 'added' | 'full' | 'other-kind';

export function addToCompare(item: CompareItem): AddToCompareResult {
  const items = stored.get();
  if (items.some((i) => i.id === item.id)) return 'added';
  if (items.length >= compareLimit) return 'full';
  if (items.length > 0 && items[0]!.kind !== item.kind) return 'other-kind';
  stored.set([...items, item]);
  return 'added';
}

export function removeFromCompare(id: string) {
  stored.set(stored.get().filter((i) => i.id !== id));
}

export function clearCompare() {
  stored.set([]);
}

/** Makes the list exactly these products (a shared comparison link opened on this device). */
export function replaceCompare(next: CompareItem[]) {
  stored.set(next.slice(0, compareLimit));
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
