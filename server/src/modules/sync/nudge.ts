import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/database';
import { createEventStreams, type StreamListener } from '../../http/event-streams';
import { RateLimited, Unauthenticated } from '../../http/errors';
import type { Logger } from '../../logger';
import type { CallingCounter } from '../devices/service';
import { feedHead } from './change-log';
import { devicesStillPaired } from './nudge-repo';

/**
 * `GET /api/v1/sync/events`: a paired counter listens here (server-sent events) and pulls when told the feed moved,
 * instead of polling the server. Each process watches the feed's head in the database, the shared state, with one
 * timer for all its listeners: a change made through any server process reaches counters connected to any other.
 *
 * Events: `changes` with `{"head": n}` (the newest sequence number) on connecting and whenever the head moves; a
 * comment line every 25 s so proxies and NAT boxes keep the connection. A revoked device's streams end at the next
 * tick. A counter whose stream ends reconnects (the `retry` hint) and pulls, so a missed event costs nothing.
 */
export interface ChangeNudge {
  handle: RequestHandler;
  /** How many streams are open now. */
  listeners(): number;
  /** Ends every stream and the timer: the server is shutting down. */
  close(): void;
}

export interface NudgeOptions {
  db: Db;
  logger: Logger;
  authenticate: (req: Request) => Promise<CallingCounter | null>;
  tickMs?: number;
  pingMs?: number;
  /** Streams one device may hold open (several windows, a reconnect racing the old stream's timeout). */
  perDevice?: number;
  /** Streams one process holds open in all. */
  total?: number;
}

interface Listener extends StreamListener {
  deviceId: string;
}

const RECONNECT_MS = 3_000;

export function createChangeNudge(options: NudgeOptions): ChangeNudge {
  const { db, logger, tickMs = 1_000, pingMs = 25_000, perDevice = 4, total = 500 } = options;
  let lastHead = -1;
  let lastWrite = 0;

  const broadcast = (listeners: ReadonlySet<Listener>, text: string) => {
    for (const listener of listeners) listener.res.write(text);
    lastWrite = Date.now();
  };

  const streams = createEventStreams<Listener>({
    logger,
    what: 'sync events: could not read the change feed head',
    tickMs,
    reconnectMs: RECONNECT_MS,
    cacheControl: 'no-cache',
    tick: async (listeners) => {
      const ids = [...new Set([...listeners].map((l) => l.deviceId))];
      const [head, paired] = await Promise.all([feedHead(db), devicesStillPaired(db, ids)]);
      for (const listener of [...listeners]) if (!paired.has(listener.deviceId)) streams.end(listener);
      if (head !== lastHead) {
        lastHead = head;
        broadcast(listeners, changesEvent(head));
      } else if (Date.now() - lastWrite >= pingMs) broadcast(listeners, ': ping\n\n');
    },
  });

  const handle: RequestHandler = async (req, res) => {
    const counter = await options.authenticate(req);
    if (!counter) throw new Unauthenticated("This route takes a paired device's token");
    const mine = [...streams.listeners].filter((l) => l.deviceId === counter.id).length;
    if (mine >= perDevice || streams.listeners.size >= total)
      throw new RateLimited(
        RECONNECT_MS / 1000,
        mine >= perDevice
          ? 'This counter already listens for changes on several connections'
          : 'The server has as many counters listening as it takes: pull on a timer meanwhile',
      );
    const head = await feedHead(db);
    // Gone while the head was read: its 'close' has been and gone, so it must not become a listener.
    if (req.socket.destroyed) return;
    // The first listener starts the timer from what it was told.
    if (streams.listeners.size === 0) {
      lastHead = head;
      lastWrite = Date.now();
    }
    streams.open(req, res, { deviceId: counter.id, res }, changesEvent(head));
  };

  return { handle, listeners: () => streams.listeners.size, close: streams.close };
}

function changesEvent(head: number): string {
  return `event: changes\nid: ${head}\ndata: ${JSON.stringify({ head })}\n\n`;
}
