import type { NextFunction, Request, Response, Router } from 'express';
import type { Db } from '../../db/database';
import { pageTemplate } from './page-head';
import { createPageHeads, type PageHeads } from './pages';
import { createSitemaps, robotsTxt, type SitemapOptions, type Sitemaps } from './sitemap';

/**
 * What search engines and link previews read of the web shop before any script: robots.txt, the sitemap, and the
 * head of product and category pages inside the built index.html. PUBLIC_URL is the origin of every address.
 */
export interface Storefront {
  origin: string;
  sitemaps: Sitemaps;
  heads: PageHeads;
}

export function createStorefront(
  db: Db,
  publicUrl: string,
  options: { sitemap?: SitemapOptions } = {},
): Storefront {
  const origin = publicUrl.replace(/\/+$/, '');
  return {
    origin,
    sitemaps: createSitemaps(db, origin, options.sitemap),
    heads: createPageHeads(db, origin),
  };
}

const PART = /^[1-9][0-9]{0,5}$/;

/** GET /robots.txt, /sitemap.xml and /sitemap-<n>.xml (the parts, when the shop has more than 50,000 addresses). */
export function mountSearchEngineFiles(app: Router, storefront: Storefront): void {
  const robots = robotsTxt(storefront.origin);
  app.get('/robots.txt', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/plain').send(robots);
  });
  const noSuchSitemap = (res: Response) =>
    res.status(404).type('text/plain').send('There is no such sitemap');
  const sendSitemap = (part: number | undefined, res: Response, next: NextFunction) => {
    storefront.sitemaps.file(part).then((xml) => {
      if (xml === null) return noSuchSitemap(res);
      res.setHeader('cache-control', 'public, max-age=600');
      res.type('application/xml').send(xml);
    }, next);
  };
  app.get('/sitemap.xml', (_req, res, next) => sendSitemap(undefined, res, next));
  app.get('/sitemap-:part.xml', (req, res, next) => {
    const part = String(req.params.part);
    if (!PART.test(part)) return noSuchSitemap(res);
    sendSitemap(Number(part), res, next);
  });
}

/**
 * The built index.html with the page's own head, for a product (/products/<slug>) or a category (/c/<slug>); a 404
 * with the shop's default head when there is no such product or category (the app shows its "not found" page).
 */
export function mountPagesWithHead(app: Router, storefront: Storefront, indexHtml: string): void {
  const template = pageTemplate(indexHtml);
  const send = (tags: string | null, res: Response) => {
    // Revalidated on every visit, as index.html is: it names the current hashed assets and today's price.
    res.setHeader('cache-control', 'no-cache');
    res
      .status(tags === null ? 404 : 200)
      .type('html')
      .send(tags === null ? indexHtml : template.withHead(tags));
  };
  // A head that cannot be made (the database is away) is logged, and the page is the app as before: it shows its
  // own error or retries, rather than a bare 500 where the shop should be.
  const shell = (req: Request, res: Response) => (error: unknown) => {
    req.log?.error({ err: error }, 'page head not made; served the shell');
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(indexHtml);
  };
  app.get('/products/:slug', (req: Request, res) => {
    storefront.heads.product(String(req.params.slug)).then((tags) => send(tags, res), shell(req, res));
  });
  app.get('/c/:categorySlug', (req: Request, res) => {
    storefront.heads
      .category(String(req.params.categorySlug))
      .then((tags) => send(tags, res), shell(req, res));
  });
}
