import { isApiError } from '../api/client';
import type { authText } from './messages';

type AuthText = (typeof authText)['en'];

/**
 * What to tell the customer about a refused sign-in step, in their language; null when the error is about fields
 * (the form puts those on the fields) or unknown (the form shows the server's own message).
 * The server tells apart its 403s and 429s only by their message, so those are read here.
 */
export function authErrorMessage(error: unknown, t: AuthText): string | null {
  if (!isApiError(error)) return null;
  switch (error.status) {
    case 401:
      return t.wrongPassword;
    case 403:
      return /verify/i.test(error.message) ? t.verifyFirst : t.accountDisabled;
    case 429:
      if (/code was sent/i.test(error.message)) return t.codeRecentlySent;
      if (/wrong codes today/i.test(error.message)) return t.tooManyCodesToday;
      if (/wrong codes/i.test(error.message)) return t.tooManyCodes;
      return t.tooManyTries;
    default:
      return null;
  }
}

/** An unverified account's sign-in: the server mailed a fresh code, so the form can ask for it at once. */
export function needsVerification(error: unknown): boolean {
  return isApiError(error, 403) && /verify/i.test(error.message);
}
