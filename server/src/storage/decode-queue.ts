/**
 * Runs at most `size` decoding jobs at once; the others wait their turn in arrival order.
 *
 * sharp already decodes off the event loop, on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says
 * otherwise), each picture with up to sharp.concurrency() libvips threads. Unbounded, 48 pictures at once take every
 * pool thread (file reads and writes wait behind them) and hold 48 decoded pictures in memory together; with a few
 * jobs in flight the memory is a few pictures' worth and the pool keeps threads for everything else. The waiting
 * line is bounded by the upload gate (uploads at once), not here.
 */
export class DecodeQueue {
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`A decode queue needs at least 1 slot, not ${size}`);
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running >= this.size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await job();
    } finally {
      // The slot passes straight to the next in line, so #running stays counted for it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** Jobs running and waiting (tests, metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }
}
