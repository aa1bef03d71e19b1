import type { Db } from '../../db/database';
import { activeProductsFrom, activeProductsSummary, allCategorySlugs, type SitemapRow } from './repo';

/**
 * The sitemap search engines read (sitemaps.org): the home page, every category and every product for sale, each
 * with the time it last changed. One file while it holds at most 50,000 addresses (the protocol's limit); past
 * that, /sitemap.xml is an index of /sitemap-1.xml, /sitemap-2.xml, … of 50,000 each.
 *
 * Made from the database at most once per `maxAgeMs` per file (crawlers do not need it to the second, and stock
 * movements, which do not change it, move the catalog's version all day long), and one making at a time per file
 * however many crawlers ask at once.
 */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapOptions {
  /** Addresses per file (default and maximum: 50,000). Smaller only in tests. */
  urlsPerFile?: number;
  /** How long a made file is served before it is made again (default 10 minutes). */
  maxAgeMs?: number;
}

export interface Sitemaps {
  /** The XML of /sitemap.xml (`part` undefined) or of /sitemap-<part>.xml; null when there is no such file. */
  file(part?: number): Promise<string | null>;
}

interface Entry {
  path: string;
  lastmod: number;
}

export function createSitemaps(db: Db, origin: string, options: SitemapOptions = {}): Sitemaps {
  const perFile = Math.min(options.urlsPerFile ?? SITEMAP_MAX_URLS, SITEMAP_MAX_URLS);
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const made = new Map<string, { xml: Promise<string | null>; at: number }>();

  async function make(part: number | undefined): Promise<string | null> {
    const [summary, categories] = await Promise.all([activeProductsSummary(db), allCategorySlugs(db)]);
    const lead: Entry[] = [
      { path: '/', lastmod: Math.max(summary.newest, ...categories.map((c) => Number(c.updated_at))) },
      ...categories.map((c) => entryOf('/c/', c)),
    ];
    const total = lead.length + summary.count;
    const files = Math.ceil(total / perFile);
    if (part === undefined && files > 1) {
      const parts = Array.from({ length: files }, (_, i) => `${origin}/sitemap-${i + 1}.xml`);
      return sitemapIndex(parts, lead[0]!.lastmod);
    }
    if (part !== undefined && (files <= 1 || part > files)) return null;
    const start = ((part ?? 1) - 1) * perFile;
    const end = start + perFile;
    const fromLead = lead.slice(start, end);
    const productStart = Math.max(0, start - lead.length);
    const productCount = end - Math.max(start, lead.length);
    const products = productCount > 0 ? await activeProductsFrom(db, productStart, productCount) : [];
    return urlSet(origin, [...fromLead, ...products.map((p) => entryOf('/products/', p))]);
  }

  return {
    file(part) {
      const key = String(part ?? 'index');
      const kept = made.get(key);
      if (kept && Date.now() - kept.at < maxAgeMs) return kept.xml;
      const xml = make(part);
      made.set(key, { xml, at: Date.now() });
      // A failed making is not kept: the next crawler tries again.
      xml.catch(() => {
        if (made.get(key)?.xml === xml) made.delete(key);
      });
      return xml;
    },
  };
}

function entryOf(prefix: string, row: SitemapRow): Entry {
  return { path: prefix + encodeURIComponent(row.slug), lastmod: Number(row.updated_at) };
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function urlSet(origin: string, entries: Entry[]): string {
  const urls = entries.map((e) => `<url><loc>${xmlText(origin + e.path)}</loc>${lastmodOf(e.lastmod)}</url>`);
  return `${XML_HEAD}<urlset xmlns="${NAMESPACE}">\n${urls.join('\n')}\n</urlset>\n`;
}

function sitemapIndex(locations: string[], lastmod: number): string {
  const items = locations.map((loc) => `<sitemap><loc>${xmlText(loc)}</loc>${lastmodOf(lastmod)}</sitemap>`);
  return `${XML_HEAD}<sitemapindex xmlns="${NAMESPACE}">\n${items.join('\n')}\n</sitemapindex>\n`;
}

function lastmodOf(ms: number): string {
  return ms > 0 ? `<lastmod>${new Date(ms).toISOString()}</lastmod>` : '';
}

function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * robots.txt: the shop's pages are open to crawlers, a customer's own pages, saved PC builds (behind links their
 * makers share, never listed) and the API are not.
 */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /account',
    'Disallow: /checkout',
    'Disallow: /cart',
    'Disallow: /orders',
    'Disallow: /builder/',
    'Disallow: /api',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
