import { Unavailable } from './errors';

/**
 * What the whole process spends on request bodies being read at once: a few hundred bodies at most (each is a
 * request in flight, holding the objects of its whole middleware chain) and a number of bytes, counted as they
 * arrive (a client that sends slowly holds only what it sent). A body that finds no place, or a chunk that finds
 * no room, waits its turn (first come, first served) for a short while; then its request is answered 503 with
 * Retry-After, and its connection is one of the cheap ones that only linger (http/connections.ts). So however many
 * clients send or dribble bodies at once, what they make the server hold stays bounded.
 *
 * One client address may hold only a share of the places, waiting ones included (past it, 503 at once): a few
 * addresses dribbling bodies would otherwise keep every place, and everyone else's sign-ins and orders would wait
 * their turn behind them. The share is generous, as many customers of one mobile carrier can share an address.
 */
export interface BodyBudget {
  /** Waits for a place to read one body sent from `address`; resolves to its account. */
  admit(address: string | null): Promise<BodyAccount>;
}

export interface BodyAccount {
  /** Waits for room for `bytes` more of this body. */
  take(bytes: number): Promise<void>;
  /** Gives back the place and every byte taken (once; later calls do nothing). */
  close(): void;
}

/** The share of all places one address may hold or wait for, and the fewest it always may. */
const SHARE_PER_ADDRESS = 1 / 32;
const FEWEST_PER_ADDRESS = 4;

export function createBodyBudget(options: { readers: number; bytes: number; waitMs: number }): BodyBudget {
  // Whoever is refused, waited or not, may try again once a wait has gone by.
  const refuse = () => new Unavailable(Math.max(1, Math.ceil(options.waitMs / 1000)));
  const places = fifoSemaphore(options.readers, options.waitMs, refuse);
  const room = fifoSemaphore(options.bytes, options.waitMs, refuse);
  const perAddress = Math.max(FEWEST_PER_ADDRESS, Math.floor(options.readers * SHARE_PER_ADDRESS));
  const heldByAddress = new Map<string, number>();
  return {
    async admit(address) {
      const key = address ?? 'unknown';
      const held = heldByAddress.get(key) ?? 0;
      if (held >= perAddress) throw refuse();
      heldByAddress.set(key, held + 1);
      const leaveAddress = () => {
        const left = heldByAddress.get(key)! - 1;
        if (left) heldByAddress.set(key, left);
        else heldByAddress.delete(key);
      };
      let leave: () => void;
      try {
        leave = await places.acquire(1);
      } catch (error) {
        leaveAddress();
        throw error;
      }
      const gives: (() => void)[] = [];
      let closed = false;
      return {
        take: async (bytes) => {
          const give = await room.acquire(bytes);
          if (closed) give();
          else gives.push(give);
        },
        close: () => {
          if (closed) return;
          closed = true;
          gives.splice(0).forEach((give) => give());
          leave();
          leaveAddress();
        },
      };
    },
  };
}

interface Waiter {
  units: number;
  grant: () => void;
}

/**
 * Units of something limited: granted in the order asked for, refused with `refuse()` after `waitMs` of waiting. A request
 * for more than the whole capacity waits for all of it rather than forever.
 */
function fifoSemaphore(capacity: number, waitMs: number, refuse: () => Error) {
  let free = capacity;
  const waiting: Waiter[] = [];
  const grantWaiting = () => {
    while (waiting.length && waiting[0]!.units <= free) {
      const next = waiting.shift()!;
      free -= next.units;
      next.grant();
    }
  };
  const releaser = (units: number) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      free += units;
      grantWaiting();
    };
  };
  return {
    acquire(wanted: number): Promise<() => void> {
      const units = Math.min(Math.max(wanted, 1), capacity);
      if (!waiting.length && units <= free) {
        free -= units;
        return Promise.resolve(releaser(units));
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          units,
          grant: () => {
            clearTimeout(timer);
            resolve(releaser(units));
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          // Whoever waited behind it may fit now.
          grantWaiting();
          reject(refuse());
        }, waitMs);
        waiting.push(waiter);
      });
    },
  };
}
