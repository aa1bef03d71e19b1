import fs from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../logger';

/**
 * What the server does with connections so that slow or idle clients cannot take all of them (issue 9, finding 11):
 * a cap below the descriptor limit (Node closes a connection past it as soon as it is accepted), and idle keep-alive
 * connections closed when the cap is near. A connection answered before its request body had all arrived (refused,
 * or too slow) lingers: the rest of the body is discarded as it comes, for a while, then the connection is closed.
 * Lingering costs next to nothing, where closing at once would bring a slow client straight back with a new request
 * that costs far more; when the cap is near, lingering connections are the first to go. Timeouts on headers and
 * whole requests are set where the server is made (server.ts); JSON bodies are timed where they are read
 * (json-body.ts).
 */

/** Connections may take this share of the descriptor limit: the rest is for the database, files, mail and logs. */
const SHARE_OF_DESCRIPTORS = 0.8;
/** Where the limit cannot be read (not Linux). */
const FALLBACK_CAP = 4_000;
/** Idle connections are closed once this share of the cap is open… */
const NEAR_CAP = 0.9;
/** …checked this often. */
const SWEEP_EVERY_MS = 1_000;
/** Refused connections are logged at most this often. */
const REPORT_EVERY_MS = 60_000;

/** The configured cap, or one from the process's open-file limit (Node raises its soft limit to the hard one). */
export function connectionCap(configured: number | null, limitsFile = '/proc/self/limits'): number {
  if (configured !== null) return configured;
  const descriptors = openFileLimit(limitsFile);
  return descriptors === null ? FALLBACK_CAP : Math.max(1, Math.floor(descriptors * SHARE_OF_DESCRIPTORS));
}

function openFileLimit(limitsFile: string): number | null {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(fs.readFileSync(limitsFile, 'utf8'));
    return line?.[1] && line[1] !== 'unlimited' ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

export interface ConnectionGuard {
  /** Connections open now. */
  readonly open: number;
  stop(): void;
}

export function guardConnections(
  server: Server,
  options: { cap: number; lingerMs: number; logger: Logger },
): ConnectionGuard {
  let open = 0;
  let refused = 0;
  let reportedAt = 0;
  const lingering = new Set<IncomingMessage>();
  server.maxConnections = options.cap;
  server.on('connection', (socket) => {
    open++;
    socket.once('close', () => open--);
  });
  server.on('drop', () => {
    refused++;
    const now = Date.now();
    if (now - reportedAt < REPORT_EVERY_MS) return;
    reportedAt = now;
    options.logger.warn(
      { refused, cap: options.cap },
      `connection cap reached: new connections are refused (${refused} so far); raise MAX_CONNECTIONS only ` +
        'with the descriptor limit, or let a reverse proxy hold slow clients (README: Behind a reverse proxy)',
    );
  });
  // First of the request listeners: what the request is before Express, the logger and the routes add to it.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const ownKeys = new Set(Reflect.ownKeys(req));
    res.once('finish', () => {
      if (req.complete) return;
      lingerForBody(req, options.lingerMs, lingering);
      // Once the other listeners of 'finish' (the request log) have read what they need.
      setImmediate(() => forgetAllButTheRequest(req, ownKeys));
    });
  });
  // Not on each new connection: a sweep then would also close that connection before its first request.
  const sweep = setInterval(() => {
    if (open < options.cap * NEAR_CAP) return;
    server.closeIdleConnections();
    for (const req of lingering) req.socket.destroy();
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return {
    get open() {
      return open;
    },
    stop: () => clearInterval(sweep),
  };
}

/**
 * A request answered before its body arrived still holds, through what Express and the logger hung on it, its
 * response and the objects of the whole middleware chain (14–20 KB): thousands of slow clients lingering would make
 * the garbage collector walk all of it again and again, and every visitor would wait for it. Only the bare request is
 * needed to discard the rest of the body.
 */
function forgetAllButTheRequest(req: IncomingMessage, ownKeys: Set<string | symbol>): void {
  for (const key of Reflect.ownKeys(req)) {
    if (!ownKeys.has(key)) Reflect.deleteProperty(req, key);
  }
}

/**
 * The server answered before the request's body had all arrived (404, 401, 413, 408…). Node discards the rest of it
 * as it comes, so that the connection can carry the next request; a client that does not finish sending within
 * (about) `lingerMs` loses the connection.
 */
function lingerForBody(req: IncomingMessage, lingerMs: number, lingering: Set<IncomingMessage>): void {
  lingering.add(req);
  // Between half and all of `lingerMs`: slow clients that came together and would come back together are spread.
  const timer = setTimeout(() => req.socket.destroy(), lingerMs * (0.5 + 0.5 * Math.random()));
  timer.unref();
  const done = () => {
    clearTimeout(timer);
    lingering.delete(req);
  };
  req.once('end', done);
  req.socket.once('close', done);
}
