import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Tx } from '../../db/transaction';
import { RateLimited } from '../../http/errors';
import { findHits, giveHitBack, hitsOfWindows, openWindow, takeHit } from './rate-limit-repo';

/**
 * Window counters in the database, so limits hold across every server process. An attempt takes its slot first,
 * with one conditional UPDATE (or the INSERT that opens the window), and only then does the expensive or guessable
 * thing: requests fired at the same moment cannot all read "4 of 5 used" and all go ahead. A success may give its
 * slot back. A limit counts the current window and the one before it together, so attempts timed around a window's
 * end get no second budget: `max` per window becomes `max` over the last one to two windows.
 */
export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const limits = {
  loginPerIp: (ip: string): Limit => ({ bucket: `login:ip:${ip}`, max: 30, windowMs: 10 * MINUTE }),
  otpPerIp: (ip: string): Limit => ({ bucket: `otp:ip:${ip}`, max: 30, windowMs: 10 * MINUTE }),
  registerPerIp: (ip: string): Limit => ({ bucket: `register:ip:${ip}`, max: 10, windowMs: HOUR }),
  /** Sign-up codes mailed to one address: each attempt gets its own code, but an address is not a mail cannon. */
  signUpMailsPerAccount: (email: string): Limit => ({
    bucket: `register:mail:${email}`,
    max: 5,
    windowMs: HOUR,
  }),
  resetPerIp: (ip: string): Limit => ({ bucket: `reset:ip:${ip}`, max: 10, windowMs: HOUR }),
  resetPerAccount: (email: string): Limit => ({ bucket: `reset:acct:${email}`, max: 3, windowMs: HOUR }),
  passwordChange: (userId: string): Limit => ({ bucket: `password:user:${userId}`, max: 10, windowMs: HOUR }),
  /** Guest orders (issue 15): each mails its address, so a network and an address place only so many. */
  guestOrderPerIp: (ip: string): Limit => ({ bucket: `guest-order:ip:${ip}`, max: 10, windowMs: HOUR }),
  guestOrderPerEmail: (email: string): Limit => ({
    bucket: `guest-order:mail:${email}`,
    max: 5,
    windowMs: HOUR,
  }),
  /** Back-in-stock alerts: each mails an address once, so a network and an address ask only so many. */
  stockAlertPerIp: (ip: string): Limit => ({ bucket: `stock-alert:ip:${ip}`, max: 30, windowMs: HOUR }),
  stockAlertPerEmail: (email: string): Limit => ({
    bucket: `stock-alert:mail:${email}`,
    max: 10,
    windowMs: HOUR,
  }),
  /** Wrong tokens of guest orders' links from one network (right ones give their slot back). */
  orderTokenPerIp: (ip: string): Limit => ({
    bucket: `order-token:ip:${ip}`,
    max: 30,
    windowMs: 10 * MINUTE,
  }),
};

/** One slot taken (or refused) in one window of a limit; `release` gives a taken slot back. */
export interface Slot {
  limit: Limit;
  key: string;
  taken: boolean;
  retryAfterSeconds: number;
}

/**
 * Takes a slot when the limit has one free over the current and the previous window. Never lets more through than
 * the limit allows, across processes on both dialects; under a burst it may refuse a little early.
 */
export async function takeSlot(db: Db | Tx, limit: Limit, now = Date.now()): Promise<Slot> {
  const slot = await takeInWindow(db, limit, now);
  if (!slot.taken || !(await overTwoWindows(db, slot, now))) return slot;
  await releaseSlot(db, slot);
  return { ...slot, taken: false };
}

/** Takes a slot in the current window alone (exact: a conditional update). */
async function takeInWindow(db: Db | Tx, limit: Limit, now: number): Promise<Slot> {
  const { key, windowStart } = windowOf(limit, now);
  const slot = (taken: boolean): Slot => ({
    limit,
    key,
    taken,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000)),
  });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await takeHit(db, key, limit.max)) return slot(true);
    const hits = await findHits(db, key);
    if (hits !== undefined && hits >= limit.max) return slot(false);
    if (hits !== undefined) continue; // another request opened the window between our two statements: take again
    try {
      await openWindow(db, key, windowStart);
      return slot(true);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another request opened the window first: take again
    }
  }
  throw new Error(`rate limit bucket ${limit.bucket} could not be counted`);
}

/** Gives a taken slot back (a sign-in that succeeded was no guess). */
export async function releaseSlot(db: Db | Tx, slot: Slot): Promise<void> {
  if (!slot.taken) return;
  await giveHitBack(db, slot.key);
}

/** Takes a slot of each limit in turn; the first that is used up answers 429 with Retry-After. */
export async function enforceLimits(db: Db, checks: Limit[], now = Date.now()): Promise<void> {
  for (const check of checks) {
    const slot = await takeSlot(db, check, now);
    if (!slot.taken) throw new RateLimited(slot.retryAfterSeconds);
  }
  // Old windows are pruned in batches by the retention job (modules/retention/prune.ts).
}

/**
 * Counts this attempt against a limit that trips rather than refuses. It is tripped once the current and previous
 * windows together hold more than `max`; the attempts it turns away keep filling the current window, so a tripped
 * limit stays tripped while an attack goes on and lets go one to two windows after it stops.
 */
export async function countTowardsTrip(
  db: Db | Tx,
  limit: Limit,
  now = Date.now(),
): Promise<{ slot: Slot; tripped: boolean }> {
  const slot = await takeInWindow(db, limit, now);
  return { slot, tripped: !slot.taken || (await overTwoWindows(db, slot, now)) };
}

/** How many slots of the current window are taken. */
export async function slotsTaken(db: Db | Tx, limit: Limit, now = Date.now()): Promise<number> {
  return (await findHits(db, windowOf(limit, now).key)) ?? 0;
}

/** Whether the slot just taken brings the current and previous windows together over the limit. */
async function overTwoWindows(db: Db | Tx, slot: Slot, now: number): Promise<boolean> {
  const previous = windowOf(slot.limit, now - slot.limit.windowMs).key;
  // Read after taking: at least this attempt's place in the window, so a burst never gets more than the limit.
  const windows = await hitsOfWindows(db, [previous, slot.key]);
  const hits = (key: string) => windows.get(key) ?? 0;
  return hits(previous) > 0 && hits(previous) + hits(slot.key) > slot.limit.max;
}

function windowOf(limit: Limit, now: number) {
  const windowStart = Math.floor(now / limit.windowMs) * limit.windowMs;
  // Hashed: keys stay short and the table holds no email addresses or IPs in the clear.
  return { key: createHash('sha256').update(`${limit.bucket}@${windowStart}`).digest('hex'), windowStart };
}
