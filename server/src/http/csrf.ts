import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookie,
  SESSION_COOKIE,
  setCsrfCookie,
  type CookiePolicy,
} from './cookies';
import { Forbidden } from './errors';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit CSRF protection for browser requests: every state-changing request must echo the readable
 * `csrf_token` cookie in the x-csrf-token header. Another site can make the browser send cookies but cannot read
 * one to set the header. Bearer-token callers (the desktop app) send no cookies a forger could ride on, so they are
 * exempt.
 *
 * A signed-in browser's token is bound to its session: it is an HMAC keyed with the session's own secret token
 * (which only the browser's HttpOnly cookie and nobody else holds, the database keeps only its hash), so it needs no
 * server secret, every process computes the same one, and it changes with every sign-in. A token from before the
 * sign-in, or from another session, is refused; signing out hands out a fresh random one. A visitor without a
 * session gets a random token.
 */
interface CsrfState {
  token: string;
  /** The browser's cookie already holds `token`. */
  current: boolean;
  policy: CookiePolicy;
}

/** Works out this request's token; the cookie itself is handed out by `offerCsrfCookie` on answers never stored. */
export function issueCsrfToken(policy: CookiePolicy): RequestHandler {
  return (req, res, next) => {
    const cookie = readCookie(req, CSRF_COOKIE);
    const token = expectedToken(req) ?? randomToken();
    const state: CsrfState = { token, current: cookie === token, policy };
    res.locals.csrf = state;
    res.locals.csrfToken = token;
    next();
  };
}

/**
 * Sets the CSRF cookie when the browser lacks it or holds a stale one (from before a sign-in, of another session).
 * Only for answers that are never stored by a cache: `setCsrfCookie` marks them `no-store` as well.
 */
export function offerCsrfCookie(res: Response): void {
  const state = res.locals.csrf as CsrfState | undefined;
  if (!state || state.current) return;
  setCsrfCookie(res, state.policy, state.token);
  state.current = true;
}

/** A new session (sign-in) or none (sign-out): the browser gets the token that goes with it, at once. */
export function renewCsrfToken(res: Response, policy: CookiePolicy, sessionToken: string | null): void {
  const token = sessionToken === null ? randomToken() : sessionCsrfToken(sessionToken);
  setCsrfCookie(res, policy, token);
  res.locals.csrf = { token, current: true, policy } satisfies CsrfState;
  res.locals.csrfToken = token;
}

/** Called by every API route before anything else happens: refuses a state change without the echoed token. */
export function checkCsrf(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization?.startsWith('Bearer ')) return;
  const expected = expectedToken(req);
  const header = req.headers[CSRF_HEADER];
  if (!expected || typeof header !== 'string' || !sameToken(expected, header)) {
    throw new Forbidden('This request is missing its CSRF token: reload the page and try again');
  }
}

/** The token this browser must echo: its session's, or (no session) the random one in its cookie. */
function expectedToken(req: Request): string | null {
  const session = readCookie(req, SESSION_COOKIE);
  if (session) return sessionCsrfToken(session);
  const cookie = readCookie(req, CSRF_COOKIE);
  return cookie && /^[A-Za-z0-9_-]{32,64}$/.test(cookie) ? cookie : null;
}

export function sessionCsrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf-token').digest('base64url');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
