import { normalizeText } from './search-index';

/** "Samsung 990 PRO 1TB (M.2)" → "samsung-990-pro-1tb-m-2". Non-Latin names fall back to the given fallback. */
export function slugify(text: string, fallback: string): string {
  const slug = normalizeText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
  return slug || slugify(fallback, 'item');
}
