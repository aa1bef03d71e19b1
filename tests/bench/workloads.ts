import type { Category } from '@shop/shared';
import { getJson } from './http-client';
import { shuffled } from './stats';

/** Realistic customer searches: words, model numbers, short tokens, a prefix being typed. */
export const searchQueries = [
  'ssd',
  'ryzen 7',
  'i7',
  '4k monitor',
  'ssd 1tb nvme',
  'rtx 4060',
  'kingston',
  'ryz',
];

export function searchPath(query: string): string {
  return `/api/v1/products?q=${encodeURIComponent(query)}`;
}

/**
 * Catalog pages a crowd of customers would open: the first pages of the whole catalog and of every category,
 * shuffled, so consecutive requests differ and no single answer stays hot.
 */
export async function catalogPaths(baseUrl: string): Promise<string[]> {
  const { items } = await getJson<{ items: Category[] }>(`${baseUrl}/api/v1/categories`);
  const pages = (count: number, max: number) => Math.min(max, Math.ceil(count / 24));
  const total = items.filter((c) => c.parentId === null).reduce((n, c) => n + c.productCount, 0);
  const paths: string[] = [];
  for (let page = 1; page <= pages(total, 10); page++) paths.push(`/api/v1/products?page=${page}`);
  for (const category of items) {
    for (let page = 1; page <= pages(category.productCount, 5); page++)
      paths.push(`/api/v1/products?category=${category.slug}&page=${page}`);
  }
  return shuffled(paths);
}

/** Active products the server reports for the whole catalog. */
export async function catalogSize(baseUrl: string): Promise<number> {
  const { total } = await getJson<{ total: number }>(`${baseUrl}/api/v1/products?pageSize=1`, 120_000);
  return total;
}
