import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { CSRF_COOKIE, CSRF_HEADER, readCookie, setCsrfCookie, type CookiePolicy } from './cookies';
import { Forbidden } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit CSRF protection for browser requests. Every response to a browser without the token cookie gets
 * one; every state-changing request must echo the cookie in the x-csrf-token header. Another site can make the
 * browser send the cookie but cannot read it to set the header. Bearer-token callers (the desktop app) send no
 * cookies a forger could ride on, so they are exempt.
 */
export function issueCsrfToken(policy: CookiePolicy): RequestHandler {
  return (req, res, next) => {
    const cookie = readCookie(req, CSRF_COOKIE);
    const token = cookie ?? randomBytes(32).toString('base64url');
    if (!cookie) setCsrfCookie(res, policy, token);
    res.locals.csrfToken = token;
    next();
  };
}

/** Called by every API route before anything else happens: refuses a state change without the echoed token. */
export function checkCsrf(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization?.startsWith('Bearer ')) return;
  const cookie = readCookie(req, CSRF_COOKIE);
  const header = req.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string' || !sameToken(cookie, header)) {
    throw new Forbidden('This request is missing its CSRF token: reload the page and try again');
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
