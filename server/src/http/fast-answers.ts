import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SerializedJson } from './answer-cache';

/**
 * The fast path for public answers a cache already keeps (issue 16): mounted first, it sends the kept bytes (or
 * their kept gzip copy) with the headers the ordinary path would send, and skips what such an answer does not need:
 * the access log, compression, the route mounter's CSRF, authentication and body steps, validation of an answer
 * already validated when it was made, serialisation. Anything it does not keep goes down the ordinary path
 * unchanged (which makes the answer and keeps it), so the two paths answer the same bytes.
 *
 * Kept on this path: the security headers (the same helmet instance's, recorded once), the request id, the
 * request statistics behind /metrics and the health screen, ETag and 304, gzip when the client takes it.
 */
export interface FastAnswerOptions {
  /** The kept answer for this request, undefined (not a route it serves) or a promise of one (or of undefined). */
  lookup: (req: Request) => Promise<SerializedJson | undefined> | undefined;
  /** The headers the security middleware sets on every answer (securityHeadersOf). */
  securityHeaders: readonly (readonly [string, string])[];
  /** Middleware every answer still passes through (request statistics). */
  observe: RequestHandler;
  /** The app's ETag function (`etag fn`), as sendPrepared uses it. */
  makeEtag: (body: Buffer) => string;
  /** Development and tests: say `x-cache: hit` as the ordinary path does. */
  cacheHeader: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** sendPrepared's rule: smaller answers are not worth compressing. */
const COMPRESS_MIN_BYTES = 1024;

export function fastAnswers(options: FastAnswerOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const looking = options.lookup(req);
    if (!looking) return next();
    looking.then(
      (json) => (json ? send(req, res, json, options) : next()),
      // A failure to look up (the version read) is the ordinary path's to report, with its error handling.
      () => next(),
    );
  };
}

function send(req: Request, res: Response, json: SerializedJson, options: FastAnswerOptions): void {
  options.observe(req, res, () => undefined);
  for (const [name, value] of options.securityHeaders) res.setHeader(name, value);
  const incoming = req.headers['x-request-id'];
  res.setHeader(
    'x-request-id',
    typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
  );
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (options.cacheHeader) res.setHeader('x-cache', 'hit');
  res.setHeader('etag', json.etag(options.makeEtag));
  // The compression middleware says this on every answer it sees, compressed or not: caches must key by it.
  res.setHeader('vary', 'Accept-Encoding');
  if (req.fresh) {
    res.statusCode = 304;
    res.end();
    return;
  }
  let body = json.body;
  if (body.length >= COMPRESS_MIN_BYTES && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.setHeader('content-encoding', 'gzip');
    body = json.gzip();
  }
  res.statusCode = 200;
  res.setHeader('content-length', body.length);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/**
 * The headers a security middleware (helmet) sets, recorded by running it once on a stand-in response: it sets the
 * same fixed headers on every answer (no nonces here), so the fast path can set them without running it.
 */
export function securityHeadersOf(middleware: RequestHandler): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  let called = false;
  void middleware({ headers: {} } as Request, res as unknown as Response, () => {
    called = true;
  });
  if (!called) throw new Error('the security middleware did not finish synchronously');
  return [...headers];
}
