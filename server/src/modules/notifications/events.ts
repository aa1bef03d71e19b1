import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/database';
import { createEventStreams, type StreamListener } from '../../http/event-streams';
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

interface Listener extends StreamListener {
  userId: string;
  sessionId: string;
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
  let lastSessionCheck = 0;

  const write = (listener: Listener, text: string) => {
    listener.res.write(text);
    listener.lastWrite = Date.now();
  };

  const endSignedOut = async (listeners: ReadonlySet<Listener>, now: number) => {
    if (now - lastSessionCheck < sessionCheckMs) return;
    lastSessionCheck = now;
    const live = await liveSessions(db, [...new Set([...listeners].map((l) => l.sessionId))], now);
    for (const listener of [...listeners])
      if (!live.has(listener.sessionId)) {
        write(listener, 'event: signed-out\ndata: {}\n\n');
        streams.end(listener);
      }
  };

  const streams = createEventStreams<Listener>({
    logger,
    what: 'notification events: could not read new notifications',
    tickMs,
    reconnectMs: RECONNECT_MS,
    // A person's own notifications: no cache keeps them.
    cacheControl: 'no-cache, no-store',
    tick: async (listeners) => {
      const now = Date.now();
      await endSignedOut(listeners, now);
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
    },
  });

  const handle: RequestHandler = async (req, res) => {
    const auth = await options.authenticate(req);
    if (!auth) throw new Unauthenticated('Sign in to receive notifications');
    const { user } = auth;
    const mine = [...streams.listeners].filter((l) => l.userId === user.id).length;
    if (mine >= perUser || streams.listeners.size >= total)
      throw new RateLimited(RECONNECT_MS / 1000, 'Too many notification streams are open: try again later');
    const now = Date.now();
    const [already, unread] = await Promise.all([
      notificationsOfSince(db, [user.id], now - WINDOW_MS),
      countUnread(db, user.id),
    ]);
    // Gone while those were read: its 'close' has been and gone, so it must not become a listener.
    if (req.socket.destroyed) return;
    const listener: Listener = {
      userId: user.id,
      sessionId: user.sessionId,
      res,
      sent: new Map(already.map((row) => [row.id, Number(row.created_at)])),
      lastWrite: now,
    };
    streams.open(req, res, listener, `event: ready\ndata: ${JSON.stringify({ unread })}\n\n`);
  };

  return { handle, listeners: () => streams.listeners.size, close: streams.close };
}

function notificationEvent(id: string, json: string): string {
  return `event: notification\nid: ${id}\ndata: ${json}\n\n`;
}
