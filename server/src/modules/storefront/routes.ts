import type { NextFunction, Request, Response, Router } from 'express';
import { shopDayOf, type PageApi, type RenderPage } from '@shop/shared';
import type { Db } from '../../db/database';
import { coalescedReader } from '../../http/answer-cache';
import { catalogAnswersVersionReader } from '../sync/shelf-version';
import { pageTemplate } from './page-head';
import { pageApi, pageLocale, type PublicPageHandlers } from './page-render';
import { createPageHeads, createRenderedPages, type PageHeads, type RenderedPages } from './pages';
import { createSitemaps, robotsTxt, type SitemapOptions, type Sitemaps } from './sitemap';

/**
 * What search engines and link previews read of the web shop before any script: robots.txt, the sitemap, and the
 * head of product and category pages inside the built index.html. PUBLIC_URL is the origin of every address.
 */
export interface Storefront {
  origin: string;
  sitemaps: Sitemaps;
  heads: PageHeads;
  /** The public answers server-rendered pages are made of; null: pages are not rendered on the server. */
  pageApi: PageApi | null;
  renderedPages: RenderedPages;
}

export function createStorefront(
  db: Db,
  publicUrl: string,
  options: { sitemap?: SitemapOptions; handlers?: PublicPageHandlers } = {},
): Storefront {
  const origin = publicUrl.replace(/\/+$/, '');
  return {
    origin,
    sitemaps: createSitemaps(db, origin, options.sitemap),
    heads: createPageHeads(db, origin),
    pageApi: options.handlers ? pageApi(options.handlers) : null,
    renderedPages: createRenderedPages(coalescedReader(catalogAnswersVersionReader(db))),
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
 * The home, search, category (/c/<slug>) and product (/products/<slug>) pages: the built index.html with the page's
 * own head (title, description, Open Graph, a product's structured data) and, when the web shop was built with its
 * server entry, the page itself rendered into it (page-render.ts), so the first products show before any script
 * runs. A 404 with the shop's default head when there is no such product or category (the app shows its "not
 * found" page). Without the entry, or when rendering fails, the page is the shell as before: the app renders it in
 * the browser.
 */
export function mountPagesWithHead(
  app: Router,
  storefront: Storefront,
  indexHtml: string,
  renderer: Promise<RenderPage | null> = Promise.resolve(null),
): void {
  const template = pageTemplate(indexHtml);
  const sendShell = (res: Response, status: number, html: string) => {
    // Revalidated on every visit, as index.html is: it names the current hashed assets and today's price.
    res.setHeader('cache-control', 'no-cache');
    res.status(status).type('html').send(html);
  };
  // A head that cannot be made (the database is away) is logged, and the page is the app as before: it shows its
  // own error or retries, rather than a bare 500 where the shop should be.
  const shell = (req: Request, res: Response) => (error: unknown) => {
    req.log?.error({ err: error }, 'page head not made; served the shell');
    sendShell(res, 200, indexHtml);
  };
  const page = async (req: Request, res: Response, html: string) => {
    const render = await renderer.catch((error: unknown) => {
      req.log?.error({ err: error }, 'web shop server entry not loaded; serving the shell');
      return null;
    });
    const api = storefront.pageApi;
    const parts = render && api && splitAtRoot(html);
    if (!render || !api || !parts) return sendShell(res, 200, html);
    const locale = pageLocale(req);
    let rendered: { status: number; html: string } | null;
    try {
      // Made once per address and language while the catalog stays the same (pages.ts): a page is the same for
      // every visitor, since nothing signed-in is rendered. Promotions start and end at the shop's midnight without
      // any edit moving the catalog's version: the shop day is part of the key, so a page shows today's prices.
      const key = `${locale} ${shopDayOf(Date.now())} ${req.originalUrl}`;
      rendered = await storefront.renderedPages.get(key, async () => {
        const page = await render({
          url: req.originalUrl,
          locale,
          api,
          document: parts,
          onError: (error) => req.log?.warn({ err: error }, 'part of the page not rendered on the server'),
        });
        return { status: page.status, html: await new Response(page.body).text() };
      });
    } catch (error) {
      req.log?.error({ err: error }, 'page not rendered; served the shell');
      return sendShell(res, 200, html);
    }
    // Too many renders at once (pages.ts): this visitor's browser renders the page.
    if (rendered === null) return sendShell(res, 200, html);
    res.setHeader('cache-control', 'no-cache');
    // The same address is rendered in the language of the cookie, else of the browser.
    res.setHeader('vary', 'Accept-Encoding, Accept-Language, Cookie');
    res.status(rendered.status).type('html').send(rendered.html);
  };
  const withHead = (tags: string | null, req: Request, res: Response) =>
    tags === null ? sendShell(res, 404, indexHtml) : page(req, res, template.withHead(tags));

  app.get('/', (req: Request, res, next) => {
    page(req, res, indexHtml).catch(next);
  });
  app.get('/search', (req: Request, res, next) => {
    page(req, res, indexHtml).catch(next);
  });
  app.get('/products/:slug', (req: Request, res, next) => {
    storefront.heads
      .product(String(req.params.slug))
      .then((tags) => withHead(tags, req, res), shell(req, res))
      .catch(next);
  });
  app.get('/c/:categorySlug', (req: Request, res, next) => {
    storefront.heads
      .category(String(req.params.categorySlug))
      .then((tags) => withHead(tags, req, res), shell(req, res))
      .catch(next);
  });
}

/** The document around the app: index.html cut inside its empty `<div id="root"></div>` (null when it has none). */
function splitAtRoot(html: string): { beforeRoot: string; afterRoot: string } | null {
  const marker = '<div id="root"></div>';
  const at = html.indexOf(marker);
  if (at < 0) return null;
  const open = at + marker.length - '</div>'.length;
  return { beforeRoot: html.slice(0, open), afterRoot: html.slice(open) };
}
