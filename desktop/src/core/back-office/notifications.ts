import type { Notification } from '@shop/shared';
import { backoffDelay } from '../sync/backoff';

/** What the counter's bell shows: whether it hears the server live, and the newest notifications. */
export interface BellState {
  /** The back office is open (a server session to listen with). */
  open: boolean;
  /** The stream is connected now; false while offline or reconnecting. */
  live: boolean;
  unread: number;
  items: Notification[];
}

const closedBell: BellState = { open: false, live: false, unread: 0, items: [] };
/** How often the listener looks whether the back office opened or closed (its session comes and goes). */
const WATCH_MS = 1_000;

/**
 * The staff member's notifications at the counter: while the back office is open, the core listens to the server's
 * stream (`GET /api/v1/notifications/events`, the same session the back office uses, as the sync nudge listens with
 * the device's token) and reads the first page at each event; `onChange` tells the screens (a core event). Offline,
 * the bell says so and the listener retries with backoff, quietly: no error reaches the screens.
 */
export function notificationBell(options: {
  serverUrl: () => string | null;
  /** The back office's session token while it is open, else null. */
  sessionToken: () => string | null;
  onChange: (state: BellState) => void;
  timeoutMs: number;
  fetch?: typeof fetch;
}) {
  const send = options.fetch ?? fetch;
  const stopped = new AbortController();
  let state: BellState = closedBell;
  let failures = 0;

  const set = (next: BellState) => {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    options.onChange(state);
  };

  const api = async (serverUrl: string, token: string, method: string, path: string) => {
    const response = await send(`${serverUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`notifications answered ${response.status}`);
    return (await response.json()) as { items: Notification[]; unread: number };
  };

  const refresh = async (serverUrl: string, token: string) => {
    const page = await api(serverUrl, token, 'GET', '/notifications?limit=20');
    set({ open: true, live: state.live, unread: page.unread, items: page.items });
  };

  /** Listens until the stream ends, the session changes or the bell stops. */
  const listen = async (serverUrl: string, token: string) => {
    const connection = new AbortController();
    const abort = () => connection.abort();
    stopped.signal.addEventListener('abort', abort);
    const watch = setInterval(() => {
      if (options.sessionToken() !== token) connection.abort();
    }, WATCH_MS);
    watch.unref?.();
    try {
      const response = await send(`${serverUrl}/api/v1/notifications/events`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
        signal: connection.signal,
      });
      if (!response.ok || !response.body) throw new Error(`notification stream answered ${response.status}`);
      failures = 0;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const event = /^event: ?(.*)$/m.exec(block)?.[1]?.trim();
          if (event === 'ready') state = { ...state, live: true };
          if (event === 'signed-out') return;
          if (event === 'ready' || event === 'notification') await refresh(serverUrl, token);
        }
      }
    } finally {
      clearInterval(watch);
      stopped.signal.removeEventListener('abort', abort);
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
    });

  void (async () => {
    while (!stopped.signal.aborted) {
      const serverUrl = options.serverUrl();
      const token = options.sessionToken();
      if (!serverUrl || !token) {
        set(closedBell);
        failures = 0;
        await sleep(WATCH_MS);
        continue;
      }
      try {
        await listen(serverUrl, token);
      } catch {
        // Offline or refused: said by `live`, retried below.
        failures++;
      }
      if (stopped.signal.aborted) return;
      set({ ...state, open: options.sessionToken() !== null, live: false });
      if (failures > 0) await sleep(backoffDelay(failures, 1_000, 30_000));
    }
  })();

  return {
    state: (): BellState => state,
    /** Marks one (by id) or all read on the server; the answer is the first page again. */
    async markRead(id: string | null): Promise<BellState> {
      const serverUrl = options.serverUrl();
      const token = options.sessionToken();
      if (!serverUrl || !token) return state;
      if (id !== null && !/^[A-Za-z0-9]{1,40}$/.test(id)) return state;
      const path = id === null ? '/notifications/read-all' : `/notifications/${id}/read`;
      const page = await api(serverUrl, token, 'POST', path);
      set({ ...state, unread: page.unread, items: page.items });
      return state;
    },
    stop: () => stopped.abort(),
  };
}
