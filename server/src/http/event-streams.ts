import type { Request, Response } from 'express';
import type { Logger } from '../logger';

/**
 * Server-sent event streams that one timer per process serves from the database, the shared state (the sync nudge,
 * notifications): whatever process made a change, its listeners hear of it within a tick. The timer runs only while
 * someone listens, and a tick never overlaps the one before (a slow database must not pile them up).
 */
export interface StreamListener {
  res: Response;
}

export interface EventStreams<L extends StreamListener> {
  /** The streams open now. */
  readonly listeners: ReadonlySet<L>;
  /**
   * Answers `req` with an event stream whose first words are `first` (after the reconnect hint), and keeps it as
   * `listener` until the client goes or `end`. The first listener starts the timer.
   */
  open(req: Request, res: Response, listener: L, first: string): void;
  end(listener: L): void;
  /** Ends every stream and the timer: the server is shutting down. */
  close(): void;
}

export interface EventStreamsOptions<L extends StreamListener> {
  logger: Logger;
  /** What the log says could not be done when a tick fails. */
  what: string;
  tickMs: number;
  /** `retry:` the browser waits this long before reconnecting a dropped stream. */
  reconnectMs: number;
  /** The stream's Cache-Control; always with no-transform: compression would hold events back in its buffer. */
  cacheControl: string;
  tick(listeners: ReadonlySet<L>): Promise<void>;
}

export function createEventStreams<L extends StreamListener>(
  options: EventStreamsOptions<L>,
): EventStreams<L> {
  const listeners = new Set<L>();
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;

  const end = (listener: L) => {
    listeners.delete(listener);
    if (!listener.res.writableEnded) listener.res.end();
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };

  const tick = async () => {
    if (ticking || listeners.size === 0) return;
    ticking = true;
    try {
      await options.tick(listeners);
    } catch (error) {
      options.logger.warn({ err: error }, options.what);
    } finally {
      ticking = false;
    }
  };

  return {
    listeners,
    end,
    open: (req, res, listener, first) => {
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', `${options.cacheControl}, no-transform`);
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      listeners.add(listener);
      req.socket.setKeepAlive(true);
      res.on('close', () => end(listener));
      res.write(`retry: ${options.reconnectMs}\n\n${first}`);
      if (!timer) {
        timer = setInterval(() => void tick(), options.tickMs);
        timer.unref();
      }
    },
    close: () => {
      for (const listener of [...listeners]) end(listener);
    },
  };
}
