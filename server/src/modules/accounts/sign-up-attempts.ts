import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { findOpenSignUpCodes } from './codes-repo';
import type { SignUpChoices } from './codes';

/**
 * A sign-up attempt belongs to the browser (or client) that made it. The sign-up answers a random attempt token,
 * kept by browsers in an HttpOnly cookie and sent back by clients without cookies; only its SHA-256 is stored, on
 * each code mailed for the attempt. A code is then checked only against the attempt of the browser entering it:
 * someone who signs up with another person's address after them cannot have the owner apply the stranger's
 * password by entering the newest code, because that code belongs to the stranger's browser.
 *
 * A browser keeps one token for all its sign-ups (a second try in the same browser is the same person), and a
 * client without a token is believed only when the address has a single attempt. An attempt lasts a week after its
 * last code (a new code can be asked for, and its password answers "verify first" at sign-in): until then it
 * counts, even when its codes expired, so an owner's stale attempt still stands in the way of a stranger's fresh one.
 */
export const SIGN_UP_ATTEMPT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** How long a browser keeps its attempt cookie: longer than an attempt lasts; each sign-up renews it. */
export const SIGN_UP_COOKIE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token a sign-up is bound to: the browser's own when it has one, else a new one. */
export function attemptTokenFor(present: string | null): string {
  return present && TOKEN.test(present) ? present : randomBytes(32).toString('base64url');
}

/** What is stored of a token; null for none, or for anything that is not a token of ours. */
export function attemptHashOf(token: string | null | undefined): string | null {
  return token && TOKEN.test(token) ? createHash('sha256').update(token).digest('hex') : null;
}

/** Sign-up codes of an account neither used nor voided, of attempts still counting, newest first. */
export function pendingSignUpCodes(db: Db | Tx, userId: string, now = Date.now()) {
  return findOpenSignUpCodes(db, userId, now - SIGN_UP_ATTEMPT_LIFETIME_MS);
}
export type PendingSignUpCode = Awaited<ReturnType<typeof pendingSignUpCodes>>[number];

/** The codes of one attempt (the attempt `attemptHash` names); without a token, those of every attempt. */
export function codesOfAttempt(codes: PendingSignUpCode[], attemptHash: string | null): PendingSignUpCode[] {
  return attemptHash === null ? codes : codes.filter((code) => code.attempt_hash === attemptHash);
}

/** How many attempts the codes belong to (a code from before attempts had tokens is an attempt of its own). */
export function attemptCount(codes: PendingSignUpCode[]): number {
  return new Set(codes.map((code) => code.attempt_hash ?? code.id)).size;
}

/** What an attempt chose, as its code carries it; null for a code from before codes carried choices. */
export function choicesOf(
  code: Pick<PendingSignUpCode, 'password_hash' | 'name' | 'locale'> | undefined,
): SignUpChoices | null {
  if (!code || code.password_hash === null || code.name === null || code.locale === null) return null;
  return { passwordHash: code.password_hash, name: code.name, locale: code.locale };
}
