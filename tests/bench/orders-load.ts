import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { httpGet, httpRequest } from './http-client';
import type { LoadFigures } from './load';
import { percentile } from './stats';

export const placeOrderPath = '/api/v1/orders';

/** One customer's order of 1 unit of one product, as the web shop sends it (pickup, paid in USD). */
export function orderRequest(
  token: string,
  productId: string,
): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' }),
  };
}

/** Customer and product of the n-th request: every customer orders every product in turn. */
export function rotation(tokens: readonly string[], productIds: readonly string[]) {
  return (n: number) => ({
    token: tokens[n % tokens.length]!,
    productId: productIds[(n + Math.floor(n / tokens.length)) % productIds.length]!,
  });
}

export interface OrderLoadFigures extends LoadFigures {
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** Connections that got at least one answer during the case, and when the last of them got its first. */
  connectionsAnswered: number;
  lastFirstAnswerMs: number;
  /**
   * CPU used during the case, in % of one core: the server process, the database server (MariaDB on this machine;
   * NaN for SQLite, which runs inside the server) and this process (the load generator).
   */
  serverCpuPct: number;
  databaseCpuPct: number;
  generatorCpuPct: number;
}

/**
 * Closed-loop order placement with autocannon: `connections` keep-alive connections, each posting its next order
 * when the previous answer arrives, customers and products rotating request by request.
 */
export async function runOrderLoad(
  server: { url: string; cpuSeconds(): number },
  tokens: readonly string[],
  productIds: readonly string[],
  connections: number,
  durationSec: number,
  databaseCpuSeconds: () => number = () => Number.NaN,
): Promise<OrderLoadFigures> {
  const baseUrl = server.url;
  const pick = rotation(tokens, productIds);
  let next = 0;
  const started = performance.now();
  const serverCpu = server.cpuSeconds();
  const databaseCpu = databaseCpuSeconds();
  const ownCpu = process.cpuUsage();
  const firstAnswers = new Map<object, number>();
  // Without a callback autocannon answers a promise that is also its event emitter.
  const instance = autocannon({
    url: `${baseUrl}${placeOrderPath}`,
    connections,
    duration: durationSec,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { token, productId } = pick(next++);
          const order = orderRequest(token, productId);
          return {
            ...request,
            method: 'POST',
            path: placeOrderPath,
            headers: { ...request.headers, ...order.headers },
            body: order.body,
          };
        },
      },
    ],
  }) as Promise<autocannon.Result> & autocannon.Instance;
  instance.on('response', (client) => {
    if (!firstAnswers.has(client)) firstAnswers.set(client, performance.now() - started);
  });
  const result = await instance;
  const elapsedSec = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownCpu);
  const ok = result['2xx'];
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: ok ? result.throughput.total / ok : 0,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
    ),
    connectionsAnswered: firstAnswers.size,
    lastFirstAnswerMs: Math.max(0, ...firstAnswers.values()),
    serverCpuPct: ((server.cpuSeconds() - serverCpu) / elapsedSec) * 100,
    databaseCpuPct: ((databaseCpuSeconds() - databaseCpu) / elapsedSec) * 100,
    generatorCpuPct: ((own.user + own.system) / 1e6 / elapsedSec) * 100,
  };
}

/** Sequential orders for a while (JIT, caches, connection pool); answers that are not 201 are counted. */
export async function warmUpOrders(
  baseUrl: string,
  tokens: readonly string[],
  productIds: readonly string[],
  seconds: number,
): Promise<{ orders: number; failed: Record<string, number> }> {
  const pick = rotation(tokens, productIds);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const until = performance.now() + seconds * 1000;
  const failed: Record<string, number> = {};
  let orders = 0;
  try {
    for (let n = 0; n === 0 || performance.now() < until; n++) {
      const { token, productId } = pick(n);
      const answer = await httpRequest(`${baseUrl}${placeOrderPath}`, {
        method: 'POST',
        agent,
        timeoutMs: 60_000,
        ...orderRequest(token, productId),
      });
      if (answer.status === 201) orders++;
      else {
        failed[answer.status] = (failed[answer.status] ?? 0) + 1;
        if (n === 0)
          throw new Error(`POST ${placeOrderPath} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      }
    }
  } finally {
    agent.destroy();
  }
  return { orders, failed };
}

export interface RaceFigures {
  requests: number;
  connections: number;
  /** Answers by status code; 0: no answer (connection error or timeout). */
  statuses: Record<string, number>;
  created: number;
  conflicts: number;
  /** From the first request sent to the last answer received. */
  wallMs: number;
  /** Per-request time from sending to the last byte of the answer, all answers. */
  p50Ms: number;
  p99Ms: number;
  /** An example of each status other than 201 and 409, for the report. */
  otherExamples: Record<string, string>;
}

/**
 * The race for the last units: `requests` orders of 1 unit of one product, all sent at once over a pool of
 * `connections` keep-alive connections opened beforehand (so the wall time is the server's, not TCP handshakes').
 */
export async function runOrderRace(
  baseUrl: string,
  tokens: readonly string[],
  productId: string,
  requests: number,
  connections: number,
): Promise<RaceFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  try {
    await Promise.all(
      Array.from({ length: connections }, () =>
        httpGet(`${baseUrl}/api/v1/health`, { agent, timeoutMs: 30_000 }),
      ),
    );
    const statuses: Record<string, number> = {};
    const otherExamples: Record<string, string> = {};
    const times: number[] = [];
    const started = performance.now();
    let lastAnswer = started;
    await Promise.all(
      Array.from({ length: requests }, async (_, n) => {
        const order = orderRequest(tokens[n % tokens.length]!, productId);
        const answer = await httpRequest(`${baseUrl}${placeOrderPath}`, {
          method: 'POST',
          agent,
          timeoutMs: 120_000,
          ...order,
        }).catch((error: unknown) => ({ status: 0, body: (error as Error).message, ms: Number.NaN }));
        lastAnswer = Math.max(lastAnswer, performance.now());
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (!Number.isNaN(answer.ms)) times.push(answer.ms);
        if (answer.status !== 201 && answer.status !== 409)
          otherExamples[answer.status] ??= answer.body.slice(0, 200);
      }),
    );
    return {
      requests,
      connections,
      statuses,
      created: statuses[201] ?? 0,
      conflicts: statuses[409] ?? 0,
      wallMs: lastAnswer - started,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      otherExamples,
    };
  } finally {
    agent.destroy();
  }
}
