import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The attack of issue 9, finding 11, as a load generator: many connections that each send a request a few bytes at a
 * time (a header line, or a byte of a body, every few seconds) and, when the server drops one, open another at once;
 * meanwhile fresh visitors fetch a page on connections of their own, and their answers are timed.
 */

export type SlowMode = 'headers' | 'bodies';

export interface SlowCrowdOptions {
  url: string;
  mode: SlowMode;
  /** Slow connections to keep open. */
  connections: number;
  /** Each sends its next line or byte this often. */
  sendEveryMs: number;
  /** Loopback addresses to connect from, so that ephemeral ports never run out (127.0.0.10, .11, …). */
  sourceAddresses: string[];
}

export interface CrowdStats {
  /** Slow connections open now (connected and not yet closed). */
  open: number;
  /** Connections made in all, reconnections included. */
  opened: number;
  /** Closed by the server after it had accepted them: with a 408 answer, or without a word. */
  cut: number;
  /** Of those, closed without a single byte of answer (refused past the cap, or dropped idle). */
  cutSilently: number;
  /** Connections that could not be made at all (connect errors). */
  failed: number;
}

export interface SlowCrowd {
  stats(): CrowdStats;
  /** Starts opening connections, `perTick` every 100 ms, until `connections` are open; resolves when they are. */
  rampUp(perTick: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** What a slow client sends first, then a byte or line at a time. */
function requestStart(mode: SlowMode): { head: string; drip: string } {
  if (mode === 'headers')
    return { head: 'GET /api/v1/products HTTP/1.1\r\nHost: shop.bench\r\n', drip: 'X-A: b\r\n' };
  // A sign-in (public, so its body is read) with a bearer token (so no CSRF cookie is needed), body never finished.
  return {
    head:
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: shop.bench\r\nAuthorization: Bearer slow-client\r\n' +
      'Content-Type: application/json\r\nContent-Length: 16000\r\n\r\n{"email":"',
    drip: 'a',
  };
}

export function slowCrowd(options: SlowCrowdOptions): SlowCrowd {
  const { hostname, port } = new URL(options.url);
  const { head, drip } = requestStart(options.mode);
  const sockets = new Set<net.Socket>();
  let opened = 0;
  let cut = 0;
  let cutSilently = 0;
  let failed = 0;
  let pending = 0;
  let wanted = 0;
  let stopping = false;
  let next = 0;

  const connect = () => {
    if (stopping || sockets.size + pending >= wanted) return;
    const localAddress = options.sourceAddresses[next++ % options.sourceAddresses.length];
    pending++;
    const socket = net.connect({ host: hostname, port: Number(port), localAddress });
    let connected = false;
    let answered = false;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      pending--;
      connected = true;
      opened++;
      sockets.add(socket);
      socket.write(head);
    });
    socket.on('data', () => (answered = true));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!connected) {
        pending--;
        failed++;
      } else {
        sockets.delete(socket);
        if (!stopping) {
          cut++;
          if (!answered) cutSilently++;
        }
      }
      // The attacker opens another at once (a failed connect waits a little, not to spin).
      if (!stopping) setTimeout(connect, connected ? 0 : 200);
    });
  };

  // Every slow connection sends its next line or byte once per `sendEveryMs`, spread over ticks of 50 ms.
  const TICK_MS = 50;
  let cursor: Iterator<net.Socket> | null = null;
  const dripper = setInterval(() => {
    const share = Math.ceil(sockets.size / Math.max(1, options.sendEveryMs / TICK_MS));
    for (let i = 0; i < share; i++) {
      let step = cursor?.next();
      if (!step || step.done) {
        cursor = sockets.values();
        step = cursor.next();
        if (step.done) return;
      }
      if (step.value.writable) step.value.write(drip);
    }
  }, TICK_MS);

  return {
    stats: () => ({ open: sockets.size, opened, cut, cutSilently, failed }),
    async rampUp(perTick, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (sockets.size < options.connections && performance.now() < deadline) {
        wanted = Math.min(options.connections, wanted + perTick);
        for (let i = 0; i < perTick; i++) connect();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      wanted = options.connections;
      for (let i = sockets.size + pending; i < wanted; i++) connect();
    },
    async stop() {
      stopping = true;
      clearInterval(dripper);
      const closing = [...sockets].map(
        (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()).destroy()),
      );
      await Promise.all(closing);
    },
  };
}

export interface VisitorFigures {
  sent: number;
  /** Answered with any status (the status counts are in `statuses`). */
  answered: number;
  /** No answer within the deadline, or the connection failed. */
  failed: number;
  statuses: Record<string, number>;
  /** Time from sending the request on a new connection to the last byte of the answer, of answered visits (ms). */
  latenciesMs: number[];
  /** The first failure, to say why. */
  failure?: string;
}

/**
 * Fresh visitors: one every `everyMs` (whether or not the previous one was answered), each on a new connection from
 * 127.0.0.1, fetching `path`; answers slower than `timeoutMs` count as failures.
 */
export async function visitWhile(
  url: string,
  path: string,
  options: { everyMs: number; durationMs: number; timeoutMs: number; sample?: () => void },
): Promise<VisitorFigures> {
  const figures: VisitorFigures = { sent: 0, answered: 0, failed: 0, statuses: {}, latenciesMs: [] };
  const visits: Promise<void>[] = [];
  const end = performance.now() + options.durationMs;
  while (performance.now() < end) {
    figures.sent++;
    options.sample?.();
    visits.push(
      visit(`${url}${path}`, options.timeoutMs).then(
        ({ status, ms }) => {
          figures.answered++;
          figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
          figures.latenciesMs.push(ms);
        },
        (error: unknown) => {
          figures.failed++;
          figures.failure ??= (error as Error).message;
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
  await Promise.all(visits);
  return figures;
}

function visit(url: string, timeoutMs: number): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
