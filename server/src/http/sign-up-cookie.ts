import type { Response } from 'express';
import { setHttpOnlyCookie, type CookiePolicy } from './cookies';

/**
 * The sign-up attempt cookie (modules/accounts/sign-up-attempts.ts): HttpOnly, SameSite=Lax, and sent only to the
 * sign-up, sign-in and reset routes, which are the only ones that read it.
 */
export const SIGN_UP_COOKIE = 'signup';
const SIGN_UP_COOKIE_PATH = '/api/v1/auth';

export function setSignUpCookie(res: Response, policy: CookiePolicy, token: string, expiresAt: number): void {
  setHttpOnlyCookie(res, policy, { name: SIGN_UP_COOKIE, path: SIGN_UP_COOKIE_PATH }, token, expiresAt);
}
