import { AppError, RateLimited } from '../http/errors';

export interface UploadGateLimits {
  /** Uploads the whole process receives (and then checks) at once. */
  atOnce: number;
  /** Of those, how many one sender may have. */
  atOncePerSender: number;
}

/** What a sender refused for having too many uploads open should wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Places for uploads in progress, per sender and in total. A place is taken when a handler starts reading a file and
 * given back when its answer has ended (or the sender went away), so a customer holding stalled uploads open cannot
 * take the server's disk, descriptors and decoders from everyone else. Per process: it guards this process's
 * resources, which is what a stalled upload uses up.
 */
export class UploadGate {
  readonly #bySender = new Map<string, number>();
  #total = 0;

  constructor(readonly limits: UploadGateLimits) {}

  /** Takes a place for one upload by `sender` and answers the function that gives it back (once); or refuses. */
  enter(sender: string): () => void {
    const open = this.#bySender.get(sender) ?? 0;
    if (open >= this.limits.atOncePerSender)
      throw new RateLimited(
        RETRY_AFTER_SECONDS,
        `You are already sending ${open} files: wait until they have arrived, then send this one again`,
      );
    if (this.#total >= this.limits.atOnce)
      throw new AppError(
        'unavailable',
        503,
        'The shop is receiving many files right now: please send yours again in a minute',
      );
    this.#bySender.set(sender, open + 1);
    this.#total++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#total--;
      const left = (this.#bySender.get(sender) ?? 1) - 1;
      if (left > 0) this.#bySender.set(sender, left);
      else this.#bySender.delete(sender);
    };
  }

  /** Uploads in progress (tests, metrics). */
  get open(): number {
    return this.#total;
  }
}
