import express, { type Router } from 'express';
import { NotFound } from '../http/errors';
import { isValidKey } from './keys';
import type { FileStorage } from './storage';

/**
 * Only these folders are public. Payment proofs (`proofs/…`) show customers' bank details and are served by an
 * authorized API route instead.
 */
const PUBLIC_PREFIXES = ['products/'];

/** A file name that starts with a content hash (uploaded pictures): its bytes never change under that name. */
const HASHED_NAME = /(^|\/)[0-9a-f]{16,64}[-.][^/]*$/;

const ONE_YEAR = 365 * 24 * 3600;
const ONE_WEEK = 7 * 24 * 3600;

/**
 * `GET /files/<key>` for public files, read through the file storage so that it works the same on disk and on S3.
 * Anything else under /files is a 404, whether or not the file exists.
 */
export function serveFiles(storage: FileStorage): Router {
  const router = express.Router();
  router.get('/{*key}', async (req, res) => {
    const key = (req.params as { key: string[] }).key.join('/');
    if (!isValidKey(key) || !PUBLIC_PREFIXES.some((prefix) => key.startsWith(prefix))) throw new NotFound();
    const file = await storage.get(key);
    if (!file) throw new NotFound();
    res.setHeader('content-type', file.contentType);
    res.setHeader(
      'cache-control',
      HASHED_NAME.test(key) ? `public, max-age=${ONE_YEAR}, immutable` : `public, max-age=${ONE_WEEK}`,
    );
    // An SVG opened directly is a document that could run script: sandboxed, with nothing to load, it cannot.
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    // Product pictures are public; the desktop app and other origins may show them.
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
    res.send(file.body);
  });
  router.use(() => {
    throw new NotFound();
  });
  return router;
}
