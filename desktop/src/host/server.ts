import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { isCommandName, toCommandError, type CommandRunner } from '../bridge/protocol';
import { commandSocket } from './command-socket';

/**
 * The browser host: the built renderer and the core's command map over HTTP, so the real screens and the real core
 * run in Chromium (tests, or a tablet at the counter) without the Electron binary.
 *
 * - `POST /pos/run/<command>` with a JSON body runs a command and answers a CommandAnswer (always 200 once the
 *   caller may run commands, so the screens handle errors one way in Electron and here).
 * - `GET /pos/socket` (WebSocket) runs the same commands over one connection kept open (command-socket.ts): what
 *   the screens use once it is open, as a scan's round trip is then a fraction of a request's.
 * - `GET /pos/events` is a server-sent event stream of the core's events.
 * - Everything else is the renderer's files (index.html for any page path).
 *
 * On loopback (the default) the machine's own browser is trusted like the Electron window. Listening on any other
 * address, a browser must first sign in with a staff PIN of this counter (`POST /pos/host/sign-in`), which gives it
 * an HttpOnly cookie. Either way a command must carry the `x-pos-client` header: a page on another site cannot send
 * it without a CORS preflight, which this host never grants, and the Host header must name this host, so a DNS
 * name rebound to 127.0.0.1 reaches nothing.
 */
export interface HostOptions {
  runner: CommandRunner;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  host: string;
  port: number;
  /** How a remote browser's staff PIN is checked: the core's own offline PIN sign-in. */
  signIn?: (staffId: string, pin: string) => Promise<void>;
}

export interface RunningHost {
  url: string;
  close(): Promise<void>;
}

const CLIENT_HEADER = 'x-pos-client';
const COOKIE = 'pos_host_session';
const SESSION_MS = 12 * 60 * 60 * 1000;
const MAX_BODY = 1024 * 1024;
/** The back office's requests carry product pictures as base64 (the core checks them again, see server-request.ts). */
const MAX_SERVER_REQUEST_BODY = 20 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: http: https:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const remote = !isLoopback(options.host);
  const sessions = new Map<string, number>();
  const streams = new Set<ServerResponse>();
  const unsubscribe = options.runner.subscribe((name, data) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(data ?? null)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const sessionHolds = (token: string | null): boolean => {
    if (!remote) return true;
    const until = token ? sessions.get(token) : undefined;
    return until !== undefined && until > Date.now();
  };
  const signedIn = (req: IncomingMessage): boolean => sessionHolds(readCookie(req, COOKIE));

  const sockets = commandSocket(options.runner, {
    maxMessage: MAX_SERVER_REQUEST_BODY,
    maxFor: (command) => (command === 'serverRequest' ? MAX_SERVER_REQUEST_BODY : MAX_BODY),
    check: (req) => {
      if (!hostHeaderAllowed(req, options.host, remote)) return { refused: 421 };
      if (new URL(req.url ?? '/', 'http://host').pathname !== '/pos/socket') return { refused: 404 };
      // The page's own origin only: what the x-pos-client header proves for /pos/run (see command-socket.ts).
      if (req.headers.origin !== `http://${req.headers.host ?? ''}`) return { refused: 403 };
      const token = readCookie(req, COOKIE);
      if (!sessionHolds(token)) return { refused: 401 };
      return { stillAllowed: () => sessionHolds(token) };
    },
  });

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://host');
      if (!hostHeaderAllowed(req, options.host, remote)) return send(res, 421, { error: 'Unknown host' });
      if (url.pathname.startsWith('/pos/')) {
        if (req.method !== 'GET' && req.headers[CLIENT_HEADER] !== '1')
          return send(res, 403, { error: `Send the ${CLIENT_HEADER} header` });
        if (url.pathname === '/pos/host/sign-in' && req.method === 'POST') {
          if (!remote) return send(res, 200, { ok: true });
          const body = (await readJson(req, MAX_BODY)) as { staffId?: unknown; pin?: unknown };
          if (!options.signIn || typeof body.staffId !== 'string' || typeof body.pin !== 'string')
            return send(res, 400, { error: 'Give staffId and pin' });
          try {
            await options.signIn(body.staffId, body.pin);
          } catch (error) {
            return send(res, 401, { error: toCommandError(error).message });
          }
          const token = randomBytes(32).toString('base64url');
          sessions.set(token, Date.now() + SESSION_MS);
          res.setHeader(
            'set-cookie',
            `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}`,
          );
          return send(res, 200, { ok: true });
        }
        if (!signedIn(req))
          return send(res, 401, { error: 'Sign in with your staff PIN first', signIn: true });
        if (url.pathname === '/pos/events' && req.method === 'GET') return openStream(res, streams);
        const command = url.pathname.slice('/pos/run/'.length);
        if (!url.pathname.startsWith('/pos/run/') || req.method !== 'POST' || !isCommandName(command))
          return send(res, 404, { error: 'No such command' });
        const input = await readJson(req, command === 'serverRequest' ? MAX_SERVER_REQUEST_BODY : MAX_BODY);
        try {
          return send(res, 200, { ok: true, output: await options.runner.run(command, input) });
        } catch (error) {
          return send(res, 200, { ok: false, error: toCommandError(error) });
        }
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, { error: 'Method not allowed' });
      return await serveFile(res, options.rendererDir, url.pathname);
    } catch (error) {
      if (!res.headersSent)
        send(res, error instanceof BadRequest ? 400 : 500, { error: (error as Error).message });
      else res.destroy();
    }
  });

  server.on('upgrade', (req, socket, head) => sockets.upgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: async () => {
      unsubscribe();
      for (const stream of streams) stream.end();
      sockets.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class BadRequest extends Error {}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function openStream(res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  streams.add(res);
  const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
  res.on('close', () => {
    clearInterval(ping);
    streams.delete(res);
  });
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new BadRequest('Send JSON (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BadRequest('The request is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('The body is not valid JSON');
  }
}

async function serveFile(res: ServerResponse, root: string, pathname: string): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) return send(res, 404, { error: 'Not found' });
  // Page paths (no extension) are the single-page app's routes.
  if (!extname(file)) file = join(root, 'index.html');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, { error: 'Not found' });
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(body);
}

function hostHeaderAllowed(req: IncomingMessage, host: string, remote: boolean): boolean {
  const header = req.headers.host ?? '';
  const name = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.split(':')[0]!;
  // Remote: any name the tablets use for this machine (the cookie and the PIN guard it). Loopback: loopback only.
  return remote ? name !== '' : isLoopback(name) || name === host;
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
