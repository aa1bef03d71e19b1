import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Cart } from '@shop/shared';
import {
  dueAt,
  dueBy,
  kindSequence,
  measuredKinds,
  OutcomeTally,
  type KindFigures,
  type MeasuredKind,
  type Outcome,
  type RequestKind,
} from './open-loop';

/**
 * The mixed load's generator, in a process of its own so that its work is not the server's nor the benchmark's
 * (all three share 2 cores; its CPU time is reported). Open loop (open-loop.ts): each request starts when it is due,
 * whatever is still in flight, over keep-alive connections (a new one whenever all are busy, as a crowd of
 * browsers would open them). What customers do follows the web shop's own calls:
 *
 * - browse: the catalog's first pages, category pages, product pages by slug and their "related" strip, the home
 *   page's newest products, the categories;
 * - search: the search box's queries (words, brands, model numbers, prefixes being typed, with a filter or a sort);
 * - cart: signed-in customers (session cookie, CSRF header as the page sends it) add products, change a line's
 *   quantity, remove lines, and look at their cart after a refused checkout; each customer one click at a time;
 * - checkout: a customer with a cart places the order from it (POST /orders, pickup, USD, an Idempotency-Key);
 * - push: each paired counter pushes one cash sale a second (POST /sync/push with its device token).
 */

export interface CustomerSession {
  /** The session cookie's value and the CSRF token that goes with it (from the server's own Set-Cookie). */
  session: string;
  csrf: string;
}

export interface StockedProduct {
  id: string;
  priceCents: number;
}

export interface MixedPlan {
  baseUrl: string;
  /** Weights of the request kinds (the issue's: 70 / 20 / 8 / 2). */
  mix: Record<RequestKind, number>;
  ratePerSec: number;
  seconds: number;
  timeoutMs: number;
  browsePaths: string[];
  searchPaths: string[];
  customers: CustomerSession[];
  /** Products carts and counters take, most with plenty of stock, a few scarce (they sell out: expected 409s). */
  products: StockedProduct[];
  counters: { token: string; staffId: string }[];
}

export interface MixedFigures {
  mix: Record<RequestKind, number>;
  ratePerSec: number;
  seconds: number;
  /** Requests of the mix actually started, and how long starting them all took (behind schedule when > seconds). */
  started: number;
  wallSec: number;
  perKind: Record<MeasuredKind, KindFigures>;
  overall: { count: number; p50Ms: number; p95Ms: number; p99Ms: number };
  /** Orders the checkouts and pushes were answered with. */
  ordersPlaced: number;
  salesApplied: number;
  /** Connections opened by the generator (each is one more keep-alive socket). */
  connectionsOpened: number;
  maxInFlight: number;
  /** The generator's own CPU during the run, in % of one core. */
  generatorCpuPct: number;
  /** One example answer per unexpected status, for the report. */
  examples: Record<string, string>;
}

interface Answer {
  status: number;
  body: string;
}

/** A customer's view of their cart, from the answers they were given; one click at a time. */
interface Shopper {
  session: CustomerSession;
  lines: { id: string; productId: string; quantity: number; problem: string | null }[];
  /** A checkout was refused: look at the cart first (the web shop refetches it), then remove what cannot be had. */
  stale: boolean;
  /** The customer's previous click, which the next one waits for; clicks not answered yet. */
  busy: Promise<void>;
  waiting: number;
  clicks: number;
}

export async function runMixedLoad(plan: MixedPlan): Promise<MixedFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
  let connectionsOpened = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const examples: Record<string, string> = {};
  const tally = new OutcomeTally(plan.timeoutMs);
  const origin = new URL(plan.baseUrl);
  const shoppers: Shopper[] = plan.customers.map((session) => ({
    session,
    lines: [],
    stale: true,
    busy: Promise.resolve(),
    waiting: 0,
    clicks: 0,
  }));
  let ordersPlaced = 0;
  let salesApplied = 0;

  const send = (
    method: string,
    path: string,
    headers: http.OutgoingHttpHeaders,
    body?: string,
    keepBody = true,
  ) =>
    new Promise<Answer>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const request = http.request(
        {
          host: origin.hostname,
          port: origin.port,
          method,
          path,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: plan.timeoutMs,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          // A page's body is of no interest when it came: not reading it into a string keeps the generator cheap.
          const keep = keepBody || status < 200 || status >= 300;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => keep && chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({ status, body: keep ? Buffer.concat(chunks).toString('utf8') : '' }),
          );
        },
      );
      request.on('socket', (socket) => {
        if (!(socket as { counted?: boolean }).counted) {
          (socket as { counted?: boolean }).counted = true;
          connectionsOpened++;
        }
      });
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { timedOut: true })));
      request.on('error', reject);
      request.end(body);
    }).finally(() => inFlight--);

  /** Sends, waits, records: latency from `due` (performance.now() time), however late it was sent. */
  const measure = async (
    kind: MeasuredKind,
    due: number,
    call: () => Promise<Answer>,
    expect409 = false,
  ): Promise<Answer | null> => {
    const sentAt = performance.now();
    let outcome: Outcome;
    let answer: Answer | null = null;
    try {
      answer = await call();
      outcome = { kind: 'answer', status: answer.status };
    } catch (error) {
      outcome = (error as { timedOut?: boolean }).timedOut
        ? { kind: 'timeout' }
        : { kind: 'error', message: (error as Error).message };
    }
    const expected = expect409 && answer?.status === 409 && /out of stock|available/i.test(answer.body ?? '');
    tally.add(kind, outcome, performance.now() - due, sentAt - due, expected);
    if (answer && (answer.status < 200 || answer.status >= 300) && !expected)
      examples[`${kind} ${answer.status}`] ??= answer.body.slice(0, 240);
    if (outcome.kind === 'error') examples[`${kind} error`] ??= outcome.message;
    return answer;
  };

  const cookieHeaders = (s: CustomerSession) => ({
    cookie: `session=${s.session}; csrf_token=${s.csrf}`,
    'x-csrf-token': s.csrf,
    'content-type': 'application/json',
    accept: 'application/json',
  });
  const takeCart = (shopper: Shopper, answer: Answer | null) => {
    if (answer?.status !== 200) return;
    const cart = JSON.parse(answer.body) as Cart;
    shopper.lines = cart.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      quantity: l.quantity,
      problem: l.problem,
    }));
    shopper.stale = false;
  };
  const pickProduct = (n: number) => plan.products[(n * 7919) % plan.products.length]!;

  /** One click of a customer on their cart: what a shopper would do next with the cart they see. */
  const cartClick = async (shopper: Shopper, due: number) => {
    const headers = cookieHeaders(shopper.session);
    const n = shopper.clicks++;
    const problem = shopper.lines.find((l) => l.problem !== null);
    if (shopper.stale) {
      takeCart(shopper, await measure('cart', due, () => send('GET', '/api/v1/cart', headers)));
    } else if (problem) {
      takeCart(
        shopper,
        await measure('cart', due, () => send('DELETE', `/api/v1/cart/items/${problem.id}`, headers)),
      );
    } else if (shopper.lines.length >= 2 && n % 3 === 1) {
      const line = shopper.lines[n % shopper.lines.length]!;
      const quantity = 1 + (n % 3);
      takeCart(
        shopper,
        await measure(
          'cart',
          due,
          () => send('PATCH', `/api/v1/cart/items/${line.id}`, headers, JSON.stringify({ quantity })),
          true,
        ),
      );
    } else if (shopper.lines.length >= 4) {
      const line = shopper.lines[0]!;
      takeCart(
        shopper,
        await measure('cart', due, () => send('DELETE', `/api/v1/cart/items/${line.id}`, headers)),
      );
    } else {
      const product = pickProduct(n + shoppers.indexOf(shopper) * 31);
      const body = JSON.stringify({ productId: product.id, quantity: 1 });
      takeCart(
        shopper,
        await measure('cart', due, () => send('POST', '/api/v1/cart/items', headers, body), true),
      );
    }
  };

  /** A customer places the order from their cart, as the checkout page does. */
  const checkout = async (shopper: Shopper, due: number) => {
    const headers = { ...cookieHeaders(shopper.session), 'idempotency-key': randomUUID() };
    const body = JSON.stringify({ fulfilment: 'pickup', currency: 'USD' });
    const answer = await measure('checkout', due, () => send('POST', '/api/v1/orders', headers, body), true);
    if (answer?.status === 201) {
      ordersPlaced++;
      shopper.lines = [];
    } else {
      shopper.stale = true;
    }
  };

  /**
   * Whose click it is: carts rotate over the customers not waiting for an answer (another customer clicks meanwhile,
   * as in a crowd); checkouts go to the next such customer with a cart that can be had.
   */
  let cartTurn = 0;
  let checkoutTurn = 0;
  const nextCartShopper = () => {
    for (let i = 0; i < shoppers.length; i++) {
      const shopper = shoppers[cartTurn++ % shoppers.length]!;
      if (shopper.waiting === 0) return shopper;
    }
    return shoppers[cartTurn++ % shoppers.length]!;
  };
  const nextCheckoutShopper = () => {
    for (let i = 0; i < shoppers.length; i++) {
      const shopper = shoppers[checkoutTurn++ % shoppers.length]!;
      const buyable = !shopper.stale && shopper.lines.length > 0 && shopper.lines.every((l) => !l.problem);
      if (buyable && shopper.waiting === 0) return shopper;
    }
    // None known to have a cart to buy: one whose cart is not known since a refusal (it likely has lines).
    return shoppers.find((s) => s.stale) ?? shoppers[checkoutTurn++ % shoppers.length]!;
  };
  /** A customer's clicks follow each other: the next waits for the one before (its wait counts in its latency). */
  const inTurn = (shopper: Shopper, click: () => Promise<void>) => {
    shopper.waiting++;
    const done = shopper.busy.then(click).finally(() => shopper.waiting--);
    shopper.busy = done.catch(() => undefined);
    return done;
  };

  // As a browser asks for pages: compressed (the server keeps gzip copies of its cached answers).
  const pageHeaders = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };
  const browse = (n: number, due: number) =>
    measure('browse', due, () =>
      send('GET', plan.browsePaths[n % plan.browsePaths.length]!, pageHeaders, undefined, false),
    );
  const search = (n: number, due: number) =>
    measure('search', due, () =>
      send('GET', plan.searchPaths[n % plan.searchPaths.length]!, pageHeaders, undefined, false),
    );

  const counterBusy = plan.counters.map(() => Promise.resolve());
  let receipt = 0;
  const push = (c: number, due: number) => {
    const counter = plan.counters[c]!;
    const product = pickProduct(receipt * 13 + c);
    const sale = {
      id: ulid(),
      type: 'sale',
      at: Date.now(),
      staffId: counter.staffId,
      receiptNumber: `B${c}-${++receipt}`,
      lines: [{ productId: product.id, quantity: 1, unitPriceCents: product.priceCents }],
      payments: [
        {
          method: 'cash',
          currency: 'USD',
          amount: product.priceCents,
          tendered: product.priceCents,
          change: 0,
        },
      ],
    };
    const headers = { authorization: `Bearer ${counter.token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ items: [sale], pending: 0, appVersion: 'bench' });
    const done = counterBusy[c]!.then(async () => {
      const answer = await measure('push', due, () => send('POST', '/api/v1/sync/push', headers, body));
      if (answer?.status === 200) {
        const results = (JSON.parse(answer.body) as { results: { status: string }[] }).results;
        salesApplied += results.filter((r) => r.status === 'applied').length;
      }
    });
    counterBusy[c] = done.catch(() => undefined);
    return done;
  };

  // The schedule: the mix's requests at a fixed rate, each counter's push every second (offset from each other).
  const nextKind = kindSequence(plan.mix);
  const total = Math.round(plan.ratePerSec * plan.seconds);
  const pushesEach = Math.floor(plan.seconds);
  const pending: Promise<unknown>[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  let pushed = 0;
  const counts: Record<RequestKind, number> = { browse: 0, search: 0, cart: 0, checkout: 0 };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - started;
      for (const due = dueBy(elapsed, plan.ratePerSec, plan.seconds); n < due; n++) {
        const at = started + dueAt(n, plan.ratePerSec);
        const kind = nextKind();
        const i = counts[kind]++;
        if (kind === 'browse') pending.push(browse(i, at));
        else if (kind === 'search') pending.push(search(i, at));
        else if (kind === 'cart') {
          const shopper = nextCartShopper();
          pending.push(inTurn(shopper, () => cartClick(shopper, at)));
        } else {
          const shopper = nextCheckoutShopper();
          pending.push(inTurn(shopper, () => checkout(shopper, at)));
        }
      }
      const counters = plan.counters.length;
      for (; pushed < pushesEach * counters; pushed++) {
        const second = Math.floor(pushed / counters);
        const c = pushed % counters;
        const at = started + second * 1000 + (c * 1000) / counters;
        if (at > performance.now()) break;
        pending.push(push(c, at));
      }
      if (n >= total && pushed >= pushesEach * counters) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const wallSec = (performance.now() - started) / 1000;
  await Promise.allSettled(pending);
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedSec = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    mix: plan.mix,
    ratePerSec: plan.ratePerSec,
    seconds: plan.seconds,
    started: n,
    wallSec,
    perKind: Object.fromEntries(measuredKinds.map((k) => [k, tally.figures(k)])) as Record<
      MeasuredKind,
      KindFigures
    >,
    overall: tally.overall(),
    ordersPlaced,
    salesApplied,
    connectionsOpened,
    maxInFlight,
    generatorCpuPct: ((cpu.user + cpu.system) / 1e6 / elapsedSec) * 100,
    examples,
  };
}

/** A ULID as the counter makes them: 10 characters of time, 16 of randomness, Crockford base 32. */
function ulid(now = Date.now()): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32]! + time;
  const random = [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
  return time + random;
}

// --- the child process ---------------------------------------------------------------------------------------------

type Request = { type: 'run'; plan: MixedPlan };
type Reply = { type: 'figures'; figures: MixedFigures } | { type: 'failed'; message: string };

/** Runs one plan in a child process of its own and answers its figures; the child exits afterwards. */
export function runMixedLoadInChild(plan: MixedPlan): {
  pid: number | undefined;
  figures: Promise<MixedFigures>;
} {
  const child = fork(import.meta.filename, [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
    // Structured clone: NaN (a kind with no requests) stays NaN, where JSON would make it null.
    serialization: 'advanced',
  });
  const figures = new Promise<MixedFigures>((resolve, reject) => {
    child.once('message', (reply: Reply) => {
      if (reply.type === 'figures') resolve(reply.figures);
      else reject(new Error(`the load generator failed: ${reply.message}`));
      child.disconnect();
    });
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) without figures`)));
  });
  child.send({ type: 'run', plan } satisfies Request);
  return { pid: child.pid, figures };
}

function serveParent(): void {
  process.once('message', (request: Request) => {
    runMixedLoad(request.plan).then(
      (figures) => process.send!({ type: 'figures', figures } satisfies Reply),
      (error: unknown) => process.send!({ type: 'failed', message: String(error) } satisfies Reply),
    );
  });
}

if (process.send && process.argv[1] === import.meta.filename) serveParent();
