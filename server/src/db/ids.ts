import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

/**
 * Random numbers in [0, 1) for ULIDs, from a pool of random bytes refilled 4 KiB at a time. ulidx's own source asks
 * the system for one byte per character (16 calls per id): about 1.4 % of the server's CPU under the mixed load,
 * where an order writes a dozen ids. Same source (the system's CSPRNG), read in bulk.
 */
function pooledRandom(): () => number {
  let pool = Buffer.alloc(0);
  let next = 0;
  return () => {
    if (next >= pool.length) {
      pool = randomBytes(4096);
      next = 0;
    }
    return pool[next++]! / 256;
  };
}

/** Ids are ULIDs made by the application: sortable by creation time, unique across servers and POS terminals. */
export const newId: () => string = monotonicFactory(pooledRandom());
