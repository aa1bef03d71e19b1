import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createShopClient, type Brand, type Category, type ProductList } from '@shop/shared';
import golden from '../../server/src/modules/catalog/search-golden.json' with { type: 'json' };
import { probeBaseline, settles } from './bench-shop';
import { getJson, httpRequest } from './http-client';
import { monitorLoadAverage } from './machine';
import {
  checkStock,
  defaultMixedStock,
  prepareMixedFixtures,
  type MixedStockOptions,
  type StockCheck,
} from './mixed-database';
import {
  runMixedLoadInChild,
  type CustomerSession,
  type MixedFigures,
  type MixedPlan,
} from './mixed-generator';
import type { RequestKind } from './open-loop';
import { warmUp } from './sequential';
import { startShopServer, type ChildServer, type NodeEnv, type ShopServerTarget } from './server-process';
import { shuffled } from './stats';
import { searchQueries } from './workloads';

/**
 * `--only mixed` (issue 16, item 4): a real day's load, open loop. 70 % browse, 20 % search, 8 % cart and 2 %
 * checkout by signed-in customers, at a fixed rate (1,000 requests/s for 60 s by default), while two paired counters
 * push a cash sale a second; first the same schedule at the baseline rate (300/s, where the issue measured it served
 * well) on the same server, then the target rate. Afterwards the database must show no stock sold twice.
 * Targets: p95 ≤ 50 ms overall, checkout p99 ≤ 250 ms, 0 errors, 0 oversold.
 */

export const MIXED_TARGETS = { overallP95Ms: 50, checkoutP99Ms: 250 } as const;

export interface MixedOptions {
  mix: Record<RequestKind, number>;
  ratePerSec: number;
  baselineRatePerSec: number;
  seconds: number;
  nodeEnv: NodeEnv;
  stock?: MixedStockOptions;
}

export interface MixedTarget extends ShopServerTarget {
  label: string;
  /** CPU time of the database server so far (MariaDB on this machine); NaN for SQLite. */
  databaseCpuSeconds?: () => number;
  afterServerKilled?: () => Promise<void>;
}

export interface MixedCase {
  label: 'baseline' | 'target';
  figures: MixedFigures;
  /** In % of one core, during the case. */
  serverCpuPct: number;
  /**
   * The server's CPU time per request started (pushes included), in ms: what the work costs, which a machine busy
   * with other work does not bend the way it bends latency (the server is only given less of the CPU, later).
   */
  serverCpuMsPerRequest: number;
  databaseCpuPct: number;
  /** 1-minute load average during the case: min and max of samples every 5 s. */
  loadAverage: { min: number; max: number };
}

export interface MixedRow {
  target: string;
  customers: number;
  products: number;
  scarce: number;
  browsePaths: number;
  searchPaths: number;
  setupSec: number;
  cases: MixedCase[];
  before: StockCheck;
  after: StockCheck;
  /** Orders answered 201 to the load generator over all cases, and counter sales answered "applied". */
  ordersSeen: number;
  salesSeen: number;
}

export async function benchMixed(
  targets: MixedTarget[],
  options: MixedOptions,
  log: (line: string) => void,
): Promise<MixedRow[]> {
  const rows: MixedRow[] = [];
  for (const target of targets) rows.push(await benchOne(target, options, log));
  return rows;
}

async function benchOne(target: MixedTarget, options: MixedOptions, log: (line: string) => void) {
  const stock = options.stock ?? defaultMixedStock;
  const fixtures = await prepareMixedFixtures(target.databaseUrl, stock);
  const before = await checkStock(target.databaseUrl);
  log(
    `${target.label} mixed: ${fixtures.sessionTokens.length} customers, ${fixtures.products.length} products stocked ` +
      `(${fixtures.scarce} of them with ${stock.scarceUnits} units) in ${fixtures.seconds.toFixed(1)} s`,
  );
  const server = await startShopServer(`${target.label} (mixed)`, target, options.nodeEnv);
  const cases: MixedCase[] = [];
  let browsePaths: string[] = [];
  let searchPaths: string[] = [];
  try {
    const counters = await pairCounters(server.url, fixtures.adminToken, fixtures.staffId, 2);
    const customers = await signedInBrowsers(server.url, fixtures.sessionTokens);
    browsePaths = await browsingPaths(server.url);
    searchPaths = await searchingPaths(server.url);
    // Every customer starts with a line in the cart (the first checkouts need one), then every address once.
    await fillCarts(
      server.url,
      customers,
      fixtures.products.slice(fixtures.scarce).map((p) => p.id),
    );
    await warmUp(server.url, [...browsePaths, ...searchPaths], 2);
    const idleProbeMs = await probeBaseline(server.url);
    const plan = (ratePerSec: number): MixedPlan => ({
      baseUrl: server.url,
      mix: options.mix,
      ratePerSec,
      seconds: options.seconds,
      timeoutMs: 10_000,
      browsePaths,
      searchPaths,
      customers,
      products: fixtures.products,
      counters,
    });
    for (const [label, rate] of [
      ['baseline', options.baselineRatePerSec],
      ['target', options.ratePerSec],
    ] as const) {
      const measured = await runCase(server, target, plan(rate), label);
      cases.push(measured);
      log(describeMixedCase(target.label, measured));
      if (!(await settles(server.url, idleProbeMs)))
        log(`${target.label} mixed: the server was still busy 5 s after the ${label} case`);
    }
  } finally {
    await server.stop();
    await target.afterServerKilled?.();
  }
  const after = await checkStock(target.databaseUrl);
  const row: MixedRow = {
    target: target.label,
    customers: fixtures.sessionTokens.length,
    products: fixtures.products.length,
    scarce: fixtures.scarce,
    browsePaths: browsePaths.length,
    searchPaths: searchPaths.length,
    setupSec: fixtures.seconds,
    cases,
    before,
    after,
    ordersSeen: cases.reduce((n, c) => n + c.figures.ordersPlaced, 0),
    salesSeen: cases.reduce((n, c) => n + c.figures.salesApplied, 0),
  };
  log(describeStock(row));
  if (after.oversold > 0 || after.ledgerMismatches > before.ledgerMismatches) {
    console.error(`\n${'!'.repeat(100)}\n!!! ${describeStock(row)}\n${'!'.repeat(100)}\n`);
    process.exitCode = 1;
  }
  return row;
}

async function runCase(
  server: ChildServer,
  target: MixedTarget,
  plan: MixedPlan,
  label: MixedCase['label'],
): Promise<MixedCase> {
  const databaseCpu = target.databaseCpuSeconds ?? (() => Number.NaN);
  const load = monitorLoadAverage();
  const serverBefore = server.cpuSeconds();
  const databaseBefore = databaseCpu();
  const started = performance.now();
  const figures = await runMixedLoadInChild(plan).figures;
  const elapsedSec = (performance.now() - started) / 1000;
  const average = load.stop();
  const serverSeconds = server.cpuSeconds() - serverBefore;
  const requests = figures.started + figures.perKind.push.count;
  return {
    label,
    figures,
    serverCpuPct: (serverSeconds / elapsedSec) * 100,
    serverCpuMsPerRequest: (serverSeconds * 1000) / requests,
    databaseCpuPct: ((databaseCpu() - databaseBefore) / elapsedSec) * 100,
    loadAverage: { min: average.min, max: average.max },
  };
}

/** Two counters paired as an admin pairs them (POST /admin/devices, then the device's POST /devices/pair). */
async function pairCounters(baseUrl: string, adminToken: string, staffId: string, count: number) {
  const admin = createShopClient({ baseUrl, headers: () => ({ authorization: `Bearer ${adminToken}` }) });
  const anyone = createShopClient({ baseUrl });
  const counters: { token: string; staffId: string }[] = [];
  for (let i = 1; i <= count; i++) {
    const { pairingCode } = await admin.createDevice({ body: { name: `Benchmark counter ${i}` } });
    const { token } = await anyone.pairDevice({ body: { pairingCode, appVersion: 'bench' } });
    counters.push({ token, staffId });
  }
  return counters;
}

/**
 * Each customer's browser: the session cookie (started beforehand, as a sign-in would), and the CSRF token the
 * server hands it in its `csrf_token` cookie on GET /me, echoed in a header as the page does.
 */
async function signedInBrowsers(baseUrl: string, sessions: string[]): Promise<CustomerSession[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  try {
    return await Promise.all(
      sessions.map(async (session) => {
        const answer = await rawGet(`${baseUrl}/api/v1/me`, agent, `session=${session}`);
        const csrf = /(?:^|,\s*)csrf_token=([^;]+)/.exec(answer.setCookie)?.[1];
        if (answer.status !== 200 || !csrf)
          throw new Error(`GET /me with a session answered ${answer.status} without a CSRF cookie`);
        return { session, csrf: decodeURIComponent(csrf) };
      }),
    );
  } finally {
    agent.destroy();
  }
}

function rawGet(url: string, agent: http.Agent, cookie: string) {
  return new Promise<{ status: number; setCookie: string }>((resolve, reject) => {
    http
      .get(url, { agent, headers: { cookie } }, (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            setCookie: (response.headers['set-cookie'] ?? []).join(', '),
          }),
        );
      })
      .on('error', reject);
  });
}

async function fillCarts(baseUrl: string, customers: CustomerSession[], productIds: string[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  try {
    await Promise.all(
      customers.map(async (c, i) => {
        const answer = await httpRequest(`${baseUrl}/api/v1/cart/items`, {
          method: 'POST',
          agent,
          headers: {
            cookie: `session=${c.session}; csrf_token=${c.csrf}`,
            'x-csrf-token': c.csrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ productId: productIds[i % productIds.length], quantity: 1 }),
        });
        if (answer.status !== 200)
          throw new Error(
            `a customer's first cart line answered ${answer.status}: ${answer.body.slice(0, 200)}`,
          );
      }),
    );
  } finally {
    agent.destroy();
  }
}

/** The web shop's query string (shared/src/api/client-core.ts): keys in the page's order, empty ones left out. */
export function shopQuery(
  path: string,
  query: Record<string, string | number | boolean | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) search.append(key, String(value));
  const text = search.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}

/** What a page of the catalog asks for (webshop/src/catalog/url-filters.ts: listQuery). */
const listPath = (query: {
  q?: string;
  category?: string;
  inStock?: boolean;
  sort?: string;
  page?: number;
}) => shopQuery('/products', { ...query, page: query.page ?? 1, pageSize: 24 });

/**
 * Browsing as the web shop's pages ask: product pages by slug (every product) with their "related" strip, category
 * pages 1–3, the whole catalog's first pages, the home page's newest products, the categories; shuffled.
 */
async function browsingPaths(baseUrl: string): Promise<string[]> {
  const { items: categories } = await getJson<{ items: Category[] }>(`${baseUrl}/api/v1/categories`);
  const products: { slug: string; category: string }[] = [];
  for (let page = 1; ; page++) {
    const list = await getJson<ProductList>(
      `${baseUrl}${shopQuery('/products', { sort: 'name', page, pageSize: 100 })}`,
    );
    products.push(...list.items.map((p) => ({ slug: p.slug, category: p.category.slug })));
    if (page * 100 >= list.total) break;
  }
  const paths: string[] = [];
  for (const [i, p] of products.entries()) {
    paths.push(shopQuery(`/products/${encodeURIComponent(p.slug)}`, {}));
    if (i % 2 === 0) paths.push(shopQuery('/products', { category: p.category, inStock: true, pageSize: 5 }));
  }
  for (const c of categories)
    for (let page = 1; page <= 3; page++) paths.push(listPath({ category: c.slug, page }));
  for (let page = 1; page <= 10; page++) paths.push(listPath({ page }));
  for (let i = 0; i < 20; i++) {
    paths.push(shopQuery('/products', { sort: 'newest', pageSize: 100 }));
    paths.push(shopQuery('/categories', {}));
  }
  return shuffled(paths, 7);
}

/**
 * What customers type in the search box: the benchmark's query set, the golden set (SKUs, models, misspellings),
 * brand and category names, and words of product names cut as they are typed (2–5 letters); some with a category,
 * in stock only, sorted by price or on page 2; shuffled.
 */
async function searchingPaths(baseUrl: string): Promise<string[]> {
  const { items: brands } = await getJson<{ items: Brand[] }>(`${baseUrl}/api/v1/brands`);
  const { items: categories } = await getJson<{ items: Category[] }>(`${baseUrl}/api/v1/categories`);
  const names = await getJson<ProductList>(
    `${baseUrl}${shopQuery('/products', { sort: 'newest', pageSize: 100 })}`,
  );
  const typed = names.items.flatMap((p, i) =>
    p.name
      .split(/\s+/)
      .slice(0, 2)
      .map((word) => word.toLowerCase().slice(0, 2 + (i % 4))),
  );
  const queries = [
    ...new Set([
      ...searchQueries,
      ...(golden as { query: string }[]).map((g) => g.query),
      ...brands.map((b) => b.name.toLowerCase()),
      ...categories.map((c) => c.name.toLowerCase()),
      ...typed,
    ]),
  ].filter((q) => q.trim().length > 0);
  const paths = queries.flatMap((q, i) => {
    const variant = i % 8;
    return [
      listPath({ q }),
      ...(variant === 1 ? [listPath({ q, page: 2 })] : []),
      ...(variant === 3 ? [listPath({ q, sort: 'price_asc' })] : []),
      ...(variant === 5 ? [listPath({ q, inStock: true })] : []),
      ...(variant === 7 ? [listPath({ q, category: categories[i % categories.length]!.slug })] : []),
    ];
  });
  return shuffled(paths, 11);
}

export function describeMixedCase(target: string, c: MixedCase): string {
  const f = c.figures;
  const kinds = Object.entries(f.perKind)
    .map(
      ([kind, k]) =>
        `${kind} ${k.count} p95 ${k.p95Ms.toFixed(0)} p99 ${k.p99Ms.toFixed(0)} ms` +
        (k.errors || k.timeouts ? ` (${k.errors} errors, ${k.timeouts} timeouts)` : ''),
    )
    .join('; ');
  return (
    `${target} mixed ${c.label} ${f.ratePerSec}/s × ${f.seconds} s (server ${c.serverCpuMsPerRequest.toFixed(2)} ms CPU a request): overall p50 ${f.overall.p50Ms.toFixed(1)} p95 ` +
    `${f.overall.p95Ms.toFixed(1)} p99 ${f.overall.p99Ms.toFixed(1)} ms; ${kinds}; CPU server ` +
    `${c.serverCpuPct.toFixed(0)} % / database ${Number.isNaN(c.databaseCpuPct) ? '-' : c.databaseCpuPct.toFixed(0)} % / ` +
    `generator ${f.generatorCpuPct.toFixed(0)} %; load average ${c.loadAverage.min.toFixed(1)}–${c.loadAverage.max.toFixed(1)}`
  );
}

export function describeStock(row: MixedRow): string {
  const { before, after } = row;
  return (
    `${row.target} mixed stock after: ${after.oversold} oversold of ${after.products} stock rows, ledger ` +
    `mismatches ${after.ledgerMismatches} (before the run ${before.ledgerMismatches}); web orders ` +
    `${after.webOrders - before.webOrders} made (${row.ordersSeen} answered 201), counter sales ` +
    `${after.counterOrders - before.counterOrders} (${row.salesSeen} applied), shortfall units ` +
    `${after.shortfallUnits - before.shortfallUnits}`
  );
}
