/**
 * A lane for password hashes of devices the account does not know. Hashing is the costly part of a sign-in (~0.2 s
 * of scrypt on the libuv thread pool, four threads on two cores here): when strangers' hashes may take at most two
 * threads at once, an owner on a device they used before never queues behind a burst of guesses. One lane per
 * server process, made with the handlers.
 */
export type HashLane = <T>(hash: () => Promise<T>) => Promise<T>;

export function createHashLane(width = 2): HashLane {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (hash) => {
    if (running < width) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await hash();
    } finally {
      // The next in line inherits this place in the lane.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
