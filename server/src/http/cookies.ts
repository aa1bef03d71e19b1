import type { Request, Response } from 'express';

/** The two browser cookies: the HttpOnly session, and the readable CSRF token the page echoes in a header. */
export const SESSION_COOKIE = 'session';
export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';
export const CART_COOKIE = 'cart';

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

export interface CookiePolicy {
  /** Secure cookies when the shop is served over HTTPS (PUBLIC_URL). */
  secure: boolean;
}

/**
 * A cookie the page cannot read (HttpOnly), that other sites cannot send (SameSite=Lax), Secure over HTTPS, kept until
 * `expiresAt` and sent only to the routes under `path`: the session, the sign-in device and the sign-up attempt.
 */
export function setHttpOnlyCookie(
  res: Response,
  policy: CookiePolicy,
  cookie: { name: string; path: string },
  token: string,
  expiresAt: number,
): void {
  res.cookie(cookie.name, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
    path: cookie.path,
    expires: new Date(expiresAt),
  });
}

export function setSessionCookie(
  res: Response,
  policy: CookiePolicy,
  token: string,
  expiresAt: number,
): void {
  setHttpOnlyCookie(res, policy, { name: SESSION_COOKIE, path: '/' }, token, expiresAt);
}

export function clearSessionCookie(res: Response, policy: CookiePolicy): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: policy.secure, path: '/' });
}

export function setCsrfCookie(res: Response, policy: CookiePolicy, token: string): void {
  // Readable by the page on purpose (double submit); SameSite keeps other sites from sending it.
  res.cookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'lax', secure: policy.secure, path: '/' });
  // An answer that hands out someone's token must never be kept by a cache and replayed to someone else.
  res.setHeader('cache-control', 'no-store');
}

export function setCartCookie(res: Response, policy: CookiePolicy, token: string | null): void {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure: policy.secure, path: '/' };
  if (token === null) res.clearCookie(CART_COOKIE, options);
  else res.cookie(CART_COOKIE, token, { ...options, maxAge: 60 * 24 * 60 * 60 * 1000 });
}
