import type { Db } from '../../db/database';
import { coalescedReader, VersionedCache } from '../../http/answer-cache';
import { stringBytes } from '../../http/heap-size';
import { NotFound } from '../../http/errors';
import { getPublicProduct } from '../catalog/service';
import { feedHead } from '../sync/change-log';
import { categoryHead, headTags, productHead } from './page-head';
import { findCategoryBySlug } from './repo';

/**
 * The head of a product or category page, made from the same service as the API's answer (no HTTP hop) and kept
 * while the change feed's head stays the same, as the catalog's answers are (catalog-cache.ts): every catalog edit
 * and every stock movement moves it, so a price or an availability in the structured data is never older than
 * the request.
 */
export interface PageHeads {
  /** The tags of the page's head, or null when there is no such product or category (the page is a 404). */
  product(slug: string): Promise<string | null>;
  category(slug: string): Promise<string | null>;
}

const MIB = 1024 * 1024;
/** Kept in the cache for "no such page", so a missing product costs one query per version too. */
const MISSING = '';
/** Longer than any slug the shop makes: not worth a query. */
const MAX_SLUG_CHARS = 200;

export function createPageHeads(db: Db, origin: string, options: { maxBytes?: number } = {}): PageHeads {
  const readVersion = coalescedReader(() => feedHead(db));
  const cache = new VersionedCache<string>({ maxBytes: options.maxBytes ?? 8 * MIB });
  const cached = async (key: string, make: () => Promise<string | null>) => {
    const version = await readVersion();
    const { value } = await cache.get(version, key, async () => (await make()) ?? MISSING, stringBytes);
    return value === MISSING ? null : value;
  };
  return {
    product: (slug) =>
      slug.length > MAX_SLUG_CHARS
        ? Promise.resolve(null)
        : cached(`product:${slug}`, async () => {
            try {
              return headTags(productHead(await getPublicProduct(db, slug), origin));
            } catch (error) {
              if (error instanceof NotFound) return null;
              throw error;
            }
          }),
    category: (slug) =>
      slug.length > MAX_SLUG_CHARS
        ? Promise.resolve(null)
        : cached(`category:${slug}`, async () => {
            const category = await findCategoryBySlug(db, slug);
            return category ? headTags(categoryHead(category, origin)) : null;
          }),
  };
}

/**
 * Server-rendered pages (page-render.ts), kept as the heads are: per change-feed head, so a sale or a price change
 * shows in the next request, and bounded by what they hold (the search pages' addresses are endless). Rendering the
 * home page costs tens of milliseconds of CPU; a kept one costs a lookup.
 */
export interface RenderedPages {
  get(key: string, make: () => Promise<RenderedHtml>): Promise<RenderedHtml>;
}

export interface RenderedHtml {
  status: number;
  html: string;
}

export function createRenderedPages(db: Db, options: { maxBytes?: number } = {}): RenderedPages {
  const readVersion = coalescedReader(() => feedHead(db));
  const cache = new VersionedCache<RenderedHtml>({ maxBytes: options.maxBytes ?? 32 * MIB });
  return {
    get: async (key, make) =>
      (await cache.get(await readVersion(), key, make, (page) => stringBytes(page.html))).value,
  };
}
