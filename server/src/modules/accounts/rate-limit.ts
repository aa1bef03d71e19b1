import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { RateLimited } from '../../http/errors';

/**
 * Fixed-window counters in the database, so limits hold across every server process. Checked before any password
 * hashing: login capacity is bounded by design (PITFALLS: ~80 memory-hard verifies/s on 2 cores).
 */
export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

export const limits = {
  loginPerIp: (ip: string): Limit => ({ bucket: `login:ip:${ip}`, max: 30, windowMs: 10 * 60_000 }),
  // Five failed tries per address whether or not it has an account, so the limit does not tell which exist.
  loginFailuresPerAccount: (email: string): Limit => ({
    bucket: `login:acct:${email}`,
    max: 5,
    windowMs: 15 * 60_000,
  }),
  otpPerIp: (ip: string): Limit => ({ bucket: `otp:ip:${ip}`, max: 30, windowMs: 10 * 60_000 }),
  registerPerIp: (ip: string): Limit => ({ bucket: `register:ip:${ip}`, max: 10, windowMs: 60 * 60_000 }),
  resetPerIp: (ip: string): Limit => ({ bucket: `reset:ip:${ip}`, max: 10, windowMs: 60 * 60_000 }),
  resetPerAccount: (email: string): Limit => ({
    bucket: `reset:acct:${email}`,
    max: 3,
    windowMs: 60 * 60_000,
  }),
  passwordChange: (userId: string): Limit => ({
    bucket: `password:user:${userId}`,
    max: 10,
    windowMs: 60 * 60_000,
  }),
};

/** Counts one hit against each limit; throws 429 with Retry-After when any is exceeded. */
export async function enforceLimits(db: Db, checks: Limit[], now = Date.now()): Promise<void> {
  for (const check of checks) {
    const { key, windowStart } = windowOf(check, now);
    const hits = await hit(db, key, windowStart);
    if (hits > check.max) throw tooMany(check, windowStart, now);
  }
  // Old windows are dead weight: sweep now and then rather than in a job of its own.
  if (Math.random() < 0.01)
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<', now - 24 * 60 * 60_000)
      .execute();
}

/** Refuses with 429 when a limit is already used up, without counting this request (counted on failure only). */
export async function refuseWhenExhausted(db: Db, check: Limit, now = Date.now()): Promise<void> {
  const { key, windowStart } = windowOf(check, now);
  const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', key).executeTakeFirst();
  if (row && Number(row.hits) >= check.max) throw tooMany(check, windowStart, now);
}

export async function countFailure(db: Db, check: Limit, now = Date.now()): Promise<void> {
  const { key, windowStart } = windowOf(check, now);
  await hit(db, key, windowStart);
}

function windowOf(check: Limit, now: number) {
  const windowStart = Math.floor(now / check.windowMs) * check.windowMs;
  // Hashed: keys stay short and the table holds no email addresses or IPs in the clear.
  return { key: createHash('sha256').update(`${check.bucket}@${windowStart}`).digest('hex'), windowStart };
}

function tooMany(check: Limit, windowStart: number, now: number): RateLimited {
  return new RateLimited(Math.ceil((windowStart + check.windowMs - now) / 1000));
}

async function hit(db: Db, bucket: string, windowStart: number): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const updated = await db
      .updateTable('rate_limits')
      .set((eb) => ({ hits: eb('hits', '+', 1) }))
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      try {
        await db.insertInto('rate_limits').values({ bucket, window_start: windowStart, hits: 1 }).execute();
        return 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // another request created the window first: count again
        continue;
      }
    }
    const row = await db
      .selectFrom('rate_limits')
      .select('hits')
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    return Number(row?.hits ?? 1);
  }
  throw new Error(`rate limit bucket ${bucket} could not be counted`);
}
