import { Unavailable } from './errors';

/**
 * The memory the whole process may spend on request bodies being read at once: a semaphore counted in bytes. A body
 * reserves each chunk as it arrives and gives all back once parsed; a chunk that finds no room waits its turn (first
 * come, first served) for a short while, then its request is answered 503 with Retry-After. So however many clients
 * send bodies at once, what they make the server hold stays bounded, and clients that send slowly hold only what
 * they sent: they cannot keep the room from others.
 */
export interface BodyBudget {
  /** Waits for `bytes` of room (at most the whole budget); resolves to the function that gives them back. */
  reserve(bytes: number): Promise<() => void>;
}

interface Waiter {
  bytes: number;
  grant: () => void;
}

export function createBodyBudget(options: { bytes: number; waitMs: number }): BodyBudget {
  let free = options.bytes;
  const waiting: Waiter[] = [];

  const grantWaiting = () => {
    while (waiting.length && waiting[0]!.bytes <= free) {
      const next = waiting.shift()!;
      free -= next.bytes;
      next.grant();
    }
  };
  const releaser = (bytes: number) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      free += bytes;
      grantWaiting();
    };
  };

  return {
    reserve(wanted) {
      const bytes = Math.min(Math.max(wanted, 1), options.bytes);
      if (!waiting.length && bytes <= free) {
        free -= bytes;
        return Promise.resolve(releaser(bytes));
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          bytes,
          grant: () => {
            clearTimeout(timer);
            resolve(releaser(bytes));
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          // Whoever waited behind it may fit now.
          grantWaiting();
          reject(new Unavailable(Math.max(1, Math.ceil(options.waitMs / 1000))));
        }, options.waitMs);
        waiting.push(waiter);
      });
    },
  };
}
