import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/database';
import { RateLimited, Unauthenticated } from '../../http/errors';
import type { Logger } from '../../logger';
import type { Authentication } from '../accounts/sessions';
import { countUnread, liveSessions, notificationsOfSince } from './repo';
import { toNotification } from './service';

/**
 * `GET /api/v1/notifications/events`: a signed-in person's notifications, live (server-sent events). Each process
 * watches the database, the shared state, with one timer for all its listeners (as the sync nudge does): a
 * notification written by any server process reaches a person connected to any other, within a tick.
 *
 * The timer reads the rows of the last WINDOW_MS for the people listening, and each stream sends those it has not
 * sent yet. Rows, not a "newest id": ids are made before commit (ULIDs, or a sequence on MySQL), and transactions
 * commit in any order, so a row with a smaller id can appear after a larger one was seen (docs/decisions/0018). A
 * stream that opens reads what is already there first and never sends it: the page lists it (the `ready` event
 * tells the page to list afresh).
 *
 * Events: `ready` `{"unread": n}` on connecting; `notification` (the Notification) for each new one; `signed-out`
 * when the session ends (sign-out, expiry, a blocked account), after which the stream closes; a comment line after
 * PING_MS of quiet so proxies keep the connection.
 */
export interface NotificationStream {
  handle: RequestHandler;
  /** How many streams are open now. */
  listeners(): number;
  /** Ends every stream and the timer: the server is shutting down. */
  close(): void;
}

export interface NotificationStreamOptions {
  db: Db;
  logger: Logger;
  authenticate: (req: Request) => Promise<Authentication | null>;
  tickMs?: number;
  pingMs?: number;
  /** How often the listeners' sessions are checked. */
  sessionCheckMs?: number;
  /** Streams one person may hold open (tabs, the desktop), and one process in all. */
  perUser?: number;
  total?: number;
}

interface Listener {
  userId: string;
  sessionId: string;
  res: Response;
  /** Ids sent (or there before it opened), with their time, forgotten once out of the window. */
  sent: Map<string, number>;
  lastWrite: number;
}

const RECONNECT_MS = 3_000;
/** Longer than any transaction lives (SQLite's busy timeout is 5 s; MySQL's deadlock retries are short). */
const WINDOW_MS = 30_000;

export function createNotificationStream(options: NotificationStreamOptions): NotificationStream {
  const {
    db,
    logger,
    tickMs = 300,
    pingMs = 25_000,
    sessionCheckMs = 1_000,
    perUser = 8,
    total = 2_000,
  } = options;
  const listeners = new Set<Listener>();
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let lastSessionCheck = 0;

  const write = (listener: Listener, text: string) => {
    listener.res.write(text);
    listener.lastWrite = Date.now();
  };
  const end = (listener: Listener) => {
    listeners.delete(listener);
    if (!listener.res.writableEnded) listener.res.end();
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };

  const endSignedOut = async (now: number) => {
    if (now - lastSessionCheck < sessionCheckMs) return;
    lastSessionCheck = now;
    const live = await liveSessions(db, [...new Set([...listeners].map((l) => l.sessionId))], now);
    for (const listener of [...listeners])
      if (!live.has(listener.sessionId)) {
        write(listener, 'event: signed-out\ndata: {}\n\n');
        end(listener);
      }
  };

  const tick = async () => {
    // A slow database must not pile up ticks: the next one starts after this one is done.
    if (ticking || listeners.size === 0) return;
    ticking = true;
    try {
      const now = Date.now();
      await endSignedOut(now);
      const since = now - WINDOW_MS;
      const rows = await notificationsOfSince(db, [...new Set([...listeners].map((l) => l.userId))], since);
      for (const listener of listeners) {
        for (const [id, at] of listener.sent) if (at < since) listener.sent.delete(id);
        for (const row of rows) {
          if (row.user_id !== listener.userId || listener.sent.has(row.id)) continue;
          listener.sent.set(row.id, Number(row.created_at));
          write(listener, notificationEvent(row.id, JSON.stringify(toNotification(row))));
        }
        if (now - listener.lastWrite >= pingMs) write(listener, ': ping\n\n');
      }
    } catch (error) {
      logger.warn({ err: error }, 'notification events: could not read new notifications');
    } finally {
      ticking = false;
    }
  };

  const handle: RequestHandler = async (req, res) => {
    const auth = await options.authenticate(req);
    if (!auth) throw new Unauthenticated('Sign in to receive notifications');
    const { user } = auth;
    const mine = [...listeners].filter((l) => l.userId === user.id).length;
    if (mine >= perUser || listeners.size >= total)
      throw new RateLimited(RECONNECT_MS / 1000, 'Too many notification streams are open: try again later');
    const now = Date.now();
    const [already, unread] = await Promise.all([
      notificationsOfSince(db, [user.id], now - WINDOW_MS),
      countUnread(db, user.id),
    ]);
    // Gone while those were read: its 'close' has been and gone, so it must not become a listener.
    if (req.socket.destroyed) return;
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    // no-transform: the compression middleware would hold events back in its buffer.
    res.setHeader('cache-control', 'no-cache, no-store, no-transform');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    const listener: Listener = {
      userId: user.id,
      sessionId: user.sessionId,
      res,
      sent: new Map(already.map((row) => [row.id, Number(row.created_at)])),
      lastWrite: now,
    };
    listeners.add(listener);
    req.socket.setKeepAlive(true);
    res.on('close', () => end(listener));
    write(listener, `retry: ${RECONNECT_MS}\n\nevent: ready\ndata: ${JSON.stringify({ unread })}\n\n`);
    if (!timer) {
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
    }
  };

  return {
    handle,
    listeners: () => listeners.size,
    close: () => {
      for (const listener of [...listeners]) end(listener);
    },
  };
}

function notificationEvent(id: string, json: string): string {
  return `event: notification\nid: ${id}\ndata: ${json}\n\n`;
}
