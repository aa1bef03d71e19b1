import type { Response } from 'express';
import { setHttpOnlyCookie, type CookiePolicy } from './cookies';

/**
 * The sign-in device cookie (modules/accounts/devices.ts): HttpOnly, and sent only to the sign-in routes, which are
 * the only ones that read it.
 */
export const DEVICE_COOKIE = 'device';
const DEVICE_COOKIE_PATH = '/api/v1/auth';

export function setDeviceCookie(res: Response, policy: CookiePolicy, token: string, expiresAt: number): void {
  setHttpOnlyCookie(res, policy, { name: DEVICE_COOKIE, path: DEVICE_COOKIE_PATH }, token, expiresAt);
}
