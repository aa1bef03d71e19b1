import {
  ApiError,
  createShopClient,
  type ChangesPage,
  type CounterKhqr,
  type CounterKhqrBody,
  type CounterKhqrState,
  type PushAnswer,
  type PushBody,
  syncContractVersion,
} from '@shop/shared';

/**
 * How the counter reaches the server: the two sync routes of the wire contract. The pusher and puller take this
 * interface, so tests can give them a real server (the typed client) or a small stand-in.
 */
export interface SyncTransport {
  pull(after: number, limit: number): Promise<ChangesPage>;
  push(body: PushBody): Promise<PushAnswer>;
  /** The server's dynamic KHQR for a sale (absent: a transport that cannot ask, as if offline). */
  requestKhqr?(body: CounterKhqrBody): Promise<CounterKhqr>;
  khqrState?(id: string): Promise<CounterKhqrState>;
}

export interface HttpTransportOptions {
  serverUrl: string;
  token: () => string | null;
  fetch?: typeof fetch;
  /** Each request is given up after this long (a timeout is retryable: the pusher backs off and tries again). */
  timeoutMs?: number;
}

/** The sync routes (and the counter's KHQR routes) over the typed API client, with the device's own token. */
export function httpTransport(options: HttpTransportOptions): SyncTransport {
  const send = options.fetch ?? fetch;
  const { timeoutMs } = options;
  const client = createShopClient({
    baseUrl: options.serverUrl,
    fetch: timeoutMs
      ? (input, init) => {
          const timeout = AbortSignal.timeout(timeoutMs);
          return send(input, {
            ...init,
            signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
          });
        }
      : send,
    headers: (): Record<string, string> => {
      const token = options.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  return {
    // The contract version on every request: a newer server answers in the shapes this counter reads.
    pull: (after, limit) => client.listChanges({ query: { after, limit, contract: syncContractVersion } }),
    push: (body) => client.pushItems({ body }),
    requestKhqr: (body) => client.requestCounterKhqr({ body }),
    khqrState: (id) => client.getCounterKhqr({ params: { id } }),
  };
}

/**
 * Whether trying again later may succeed: the network failed, or the server had a bad moment (5xx, 429). Anything
 * else (401 revoked, 400) needs a person and is shown in the status instead of being hammered.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return true;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.status}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
