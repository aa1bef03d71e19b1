import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { loadPageRenderer } from '../modules/storefront/page-render';
import { mountPagesWithHead, mountSearchEngineFiles, type Storefront } from '../modules/storefront/routes';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The built web shop: hashed assets cached for a year (served from the .br/.gz copies the build wrote, so no request
 * spends CPU compressing them), every other path answered by index.html so the SPA's addresses survive a reload.
 * With a storefront: robots.txt and the sitemap, and the home, search, category and product pages with their own
 * head, rendered on the server when the build has its server entry (modules/storefront).
 */
export function serveWebshop(app: Express, dir: string, storefront?: Storefront): void {
  if (storefront) mountSearchEngineFiles(app, storefront);
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  // Read once: a release replaces the files and restarts the server. The server entry is imported now, in the
  // background; pages asked for before it is ready wait for it.
  if (storefront) {
    const renderer = loadPageRenderer(dir);
    renderer.catch(() => undefined); // logged by the first page that waits for it
    mountPagesWithHead(app, storefront, fs.readFileSync(index, 'utf8'), renderer);
  }
  const assets = path.join(dir, 'assets');
  const immutable = `public, max-age=${YEAR_SECONDS}, immutable`;
  app.use('/assets', servePrecompressed(assets, immutable));
  app.use('/assets', express.static(assets, { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get('/{*path}', (_req, res) => {
    // Revalidated on every visit: it names the current hashed assets, so a new release is picked up at once.
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

/** Answers a file from its precompressed copy when the browser accepts that encoding and the copy exists. */
function servePrecompressed(dir: string, cacheControl: string) {
  const suffix = { br: '.br', gzip: '.gz' } as const;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Brotli when accepted at all (browsers list it last but it is the smaller file), else gzip.
    const encoding =
      req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
    if (!encoding) return next();
    let file: string;
    try {
      file = path.join(dir, path.normalize(decodeURIComponent(req.path)));
    } catch {
      return next(); // a malformed address: serve-static answers it (400)
    }
    if (!file.startsWith(dir + path.sep)) return next();
    const copy = file + suffix[encoding];
    fs.stat(copy, (error, stat) => {
      if (error || !stat.isFile()) return next();
      res.type(path.extname(file));
      res.setHeader('content-encoding', encoding);
      res.setHeader('vary', 'Accept-Encoding');
      res.sendFile(copy, { headers: { 'cache-control': cacheControl }, cacheControl: false }, (sendError) => {
        if (sendError) next(sendError);
      });
    });
  };
}
