import { BAKONG_TOKEN_WARNING_MS } from '@shop/shared';

const DAY_MS = 24 * 60 * 60_000;

/**
 * What the screen says of the token's expiry, in the reader's language (the server's own warning is English):
 * expired, or expiring within the shared 14 days, with the whole days left.
 */
export function tokenExpiry(
  expiresAt: number | null,
  now = Date.now(),
): { state: 'expired' } | { state: 'soon'; days: number } | null {
  if (expiresAt === null) return null;
  if (expiresAt <= now) return { state: 'expired' };
  if (expiresAt - now <= BAKONG_TOKEN_WARNING_MS)
    return { state: 'soon', days: Math.ceil((expiresAt - now) / DAY_MS) };
  return null;
}
