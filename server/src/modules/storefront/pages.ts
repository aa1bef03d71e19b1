import type { Db } from '../../db/database';
import { coalescedReader, VersionedCache } from '../../http/answer-cache';
import { stringBytes } from '../../http/heap-size';
import { NotFound } from '../../http/errors';
import { getPublicProduct } from '../catalog/service';
import { catalogAnswersVersionReader } from '../sync/shelf-version';
import { categoryHead, headTags, productHead } from './page-head';
import { findCategoryBySlug } from './repo';

/**
 * The head of a product or category page, made from the same service as the API's answer (no HTTP hop) and kept
 * per catalog version, as the catalog's answers are (catalog-cache.ts): every catalog edit, setting and change of
 * what a product is shown as (out / low / in stock) moves it, so a price or an availability in the structured data
 * is never older than the request.
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
  const readVersion = coalescedReader(catalogAnswersVersionReader(db));
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
 * Server-rendered pages (page-render.ts), kept as the catalog's answers are (the answers they are made of): per
 * catalog version, which every catalog edit, setting and change of what a product is shown as (out / low / in stock)
 * moves (decision 0010), so a price or an availability on a page is never older than the API's; bounded by what
 * they hold (the search pages' addresses are endless).
 *
 * Rendering a page costs tens of milliseconds of CPU (hundreds on a busy machine) and any address can be made up
 * (`/?x=1`, `/search?q=…`), so a stranger could keep the server rendering. At most `rendersAtOnce` renders run at a
 * time; past that a page not kept is `null`: the caller serves the shell and the browser renders it, as it did
 * before pages were rendered on the server.
 */
export interface RenderedPages {
  get(key: string, make: () => Promise<RenderedHtml>): Promise<RenderedHtml | null>;
}

export interface RenderedHtml {
  status: number;
  html: string;
}

export function createRenderedPages(
  readVersion: () => Promise<number>,
  options: { maxBytes?: number; rendersAtOnce?: number } = {},
): RenderedPages {
  const cache = new VersionedCache<RenderedHtml>({ maxBytes: options.maxBytes ?? 32 * MIB });
  const rendersAtOnce = options.rendersAtOnce ?? 4;
  let rendering = 0;
  const limited = async (make: () => Promise<RenderedHtml>) => {
    rendering++;
    try {
      return await make();
    } finally {
      rendering--;
    }
  };
  return {
    get: async (key, make) => {
      const version = await readVersion();
      const kept = cache.peek(version, key);
      if (kept) return kept;
      if (rendering >= rendersAtOnce) return null;
      return (
        await cache.get(
          version,
          key,
          () => limited(make),
          (page) => stringBytes(page.html),
        )
      ).value;
    },
  };
}
