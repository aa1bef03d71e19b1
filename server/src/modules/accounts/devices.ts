import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Tx } from '../../db/transaction';
import { hashToken } from './sessions';
import {
  deleteTrustedDevicesOf,
  insertTrustedDevice,
  isDeviceTrusted,
  renewTrustedDevice,
} from './sessions-repo';

/**
 * Device cookies (OWASP "slow brute-force protection using device cookies"): a browser that signed in to an
 * account, or proved its mailbox with a reset link, gets a random token; only its SHA-256 is stored, one row per
 * account it signed in to. That browser then skips the account-wide and shop-wide slow-downs, with a small failure
 * budget of its own (sign-in-throttle.ts). A device cookie is never enough to sign in: the password still is.
 */
export const DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

export interface DeviceCookie {
  token: string;
  expiresAt: number;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The device's hash when the token is one this account trusts; null for no token, a stranger or an old one. */
export async function trustedDeviceOf(
  db: Db,
  token: string | null,
  userId: string | null,
  now = Date.now(),
): Promise<string | null> {
  if (!token || !userId || !TOKEN.test(token)) return null;
  const tokenHash = hashToken(token);
  return (await isDeviceTrusted(db, tokenHash, userId, now)) ? tokenHash : null;
}

/** Trusts the caller's browser for this account: its present token when it has one, else a new one. */
export async function trustDevice(
  tx: Tx,
  userId: string,
  present: string | null,
  now = Date.now(),
): Promise<DeviceCookie> {
  const token = present && TOKEN.test(present) ? present : randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const expiresAt = now + DEVICE_LIFETIME_MS;
  if (!(await renewTrustedDevice(tx, tokenHash, userId, now, expiresAt))) {
    try {
      await insertTrustedDevice(tx, {
        token_hash: tokenHash,
        user_id: userId,
        created_at: now,
        last_used_at: now,
        expires_at: expiresAt,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // the same browser signing in twice at once
    }
  }
  return { token, expiresAt };
}

/** Forgets every browser an account trusted (a reset, or a sign-up that replaces earlier attempts). */
export async function forgetDevices(tx: Tx, userId: string): Promise<void> {
  await deleteTrustedDevicesOf(tx, userId);
}
