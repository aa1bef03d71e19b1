import type { Category } from '@shop/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const categoriesKey = ['categories'] as const;
export const brandsKey = ['brands'] as const;

export const useCategories = () =>
  useQuery({ queryKey: categoriesKey, queryFn: async () => (await api.listCategories({})).items });
export const useBrands = () =>
  useQuery({ queryKey: brandsKey, queryFn: async () => (await api.listBrands({})).items });

/** The category tree in reading order (each under its parent, by position), with each one's depth. */
export function categoryTree(categories: Category[]): { category: Category; depth: number }[] {
  const children = new Map<string | null, Category[]>();
  for (const category of categories) {
    const under = children.get(category.parentId) ?? [];
    under.push(category);
    children.set(category.parentId, under);
  }
  const known = new Set(categories.map((c) => c.id));
  const out: { category: Category; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    const here = [...(children.get(parentId) ?? [])].sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    );
    for (const category of here) {
      out.push({ category, depth });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  // A category whose parent is not in the list still shows, at the top.
  for (const category of categories)
    if (category.parentId && !known.has(category.parentId)) out.push({ category, depth: 0 });
  return out;
}

/** A category's name in the screen's language. */
export const categoryName = (category: { name: string; nameKm: string }, locale: string) =>
  locale === 'km' && category.nameKm ? category.nameKm : category.name;
