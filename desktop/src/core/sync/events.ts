import { backoffDelay } from './backoff';

/**
 * Listens to the server's nudges (`GET /api/v1/sync/events`, server-sent events) and calls `onNudge` for each
 * event, so the counter pulls a change within a moment instead of at the next timer. Reconnects with backoff; the
 * timer still pulls when the stream is down, so a nudge lost is only a delay.
 */
export function listenForNudges(options: {
  serverUrl: string;
  token: () => string | null;
  onNudge: () => void;
  onState?: (connected: boolean) => void;
  fetch?: typeof fetch;
}): { stop(): void } {
  const controller = new AbortController();
  let failures = 0;

  async function connectOnce(): Promise<void> {
    const token = options.token();
    if (!token) throw new Error('not paired');
    const response = await (options.fetch ?? fetch)(`${options.serverUrl}/api/v1/sync/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    failures = 0;
    options.onState?.(true);
    // Connecting may have missed changes made while disconnected: pull once now.
    options.onNudge();
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        // Lines starting with ':' are keep-alive comments; anything else is a nudge.
        if (event.split(/\r?\n/).some((line) => line.length > 0 && !line.startsWith(':'))) options.onNudge();
      }
    }
  }

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        await connectOnce();
      } catch {
        // reconnect below
      }
      options.onState?.(false);
      if (controller.signal.aborted) return;
      failures++;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures, 1_000, 60_000)).unref());
    }
  })();

  return { stop: () => controller.abort() };
}
