import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, launchChromium } from '../e2e/browser';
import { buildWebshop } from '../e2e/webshop-build';
import type { BenchOptions } from './options';
import { startShopServer, type ChildServer } from './server-process';
import { percentile } from './stats';

/**
 * The web shop as a phone on a slow network meets it: what the home page makes the browser download, how long until
 * the first product card shows, and Lighthouse's scores when Lighthouse is installed. The shop is built from the
 * working tree and served by the real server (NODE_ENV as for the other parts) with the 278-product demo catalog.
 */

/** One file the home page fetched, as it travelled. */
export interface TransferRow {
  path: string;
  type: string;
  /** content-encoding: br, gzip or '' (not compressed). */
  encoding: string;
  /** Bytes of the body on the wire (compressed). */
  transferred: number;
  /** Bytes of the body once decoded. */
  decoded: number;
}

export interface PageTransfer {
  /** Every response of the load, until the first product card showed and the network was idle. */
  files: TransferRow[];
  /** Whether a [data-product-card] appeared (the home page may still be a placeholder). */
  productCardShown: boolean;
}

export interface Condition {
  label: string;
  /** CPU slowdown (Emulation.setCPUThrottlingRate); 1: none. */
  cpuSlowdown: number;
  /** Network.emulateNetworkConditions, or null for none (loopback). */
  network: { latencyMs: number; downloadBytesPerSec: number; uploadBytesPerSec: number } | null;
}

export interface TimingRow {
  condition: Condition;
  /** Navigation start → first frame showing a product card, per cold load (ms). */
  firstCardMs: number[];
  /** First contentful paint per cold load (ms). */
  fcpMs: number[];
  /** Loads in which no product card showed within the time allowed, and why the first of them failed. */
  failures: number;
  failure?: string;
}

export interface LighthouseFigures {
  version: string;
  runs: number;
  /** Category → score 0..100, of the run with the median performance score. */
  scores: Record<string, number>;
  /** Metric title → display value (e.g. "1.2 s"), of the same run. */
  metrics: Record<string, string>;
  /** How Lighthouse throttled (its own simulation: slow 4G and 4× CPU on a mid-range phone). */
  settings: string;
  /** Audits of the other categories that did not pass, as "Category: audit title". */
  failedAudits: string[];
}

export interface WebFigures {
  english: PageTransfer;
  khmer: PageTransfer;
  timings: TimingRow[];
  lighthouse: LighthouseFigures | { skipped: string };
  viewport: string;
  notes: string[];
}

/**
 * Chrome DevTools' "Slow 4G" as Lighthouse applies it with DevTools throttling (150 ms RTT × 3.75 per request,
 * 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up) and a 4× slower CPU: a mid-range phone on a weak mobile connection.
 */
export const conditions: Condition[] = [
  { label: 'no throttling (loopback)', cpuSlowdown: 1, network: null },
  {
    label: 'CPU ×4, Slow 4G (562 ms, 1.44 Mbit/s)',
    cpuSlowdown: 4,
    network: {
      latencyMs: 562.5,
      downloadBytesPerSec: (1.6 * 1024 * 0.9 * 1024) / 8,
      uploadBytesPerSec: (750 * 0.9 * 1024) / 8,
    },
  },
];

const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const productCard = '[data-product-card]';

/**
 * Records, relative to navigation start, the first frame in which a product card has a box, and the first
 * contentful paint. Runs before the page's own scripts.
 */
const timingProbe = `(() => {
  const marks = (window.__shopBench = {});
  const check = () => {
    if (marks.firstCard !== undefined || marks.pending) return;
    const card = document.querySelector('${productCard}');
    if (!card) return;
    marks.pending = true;
    requestAnimationFrame((frameTime) => {
      marks.pending = false;
      const box = card.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) {
        marks.firstCard = frameTime;
        observer.disconnect();
      }
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
})()`;

export async function benchWeb(
  options: BenchOptions,
  workDir: string,
  log: (line: string) => void,
): Promise<WebFigures> {
  const notes: string[] = [];
  const webshopDir = path.join(workDir, 'webshop');
  log('web: building the web shop (vite build, production)...');
  await buildWebshop(webshopDir);
  const dataDir = path.join(workDir, 'web-data');
  const server = await startShopServer(
    'web shop',
    { databaseUrl: `sqlite:${path.join(dataDir, 'shop.sqlite')}`, dataDir },
    options.nodeEnv,
    { SEED: 'demo', WEBSHOP_DIR: webshopDir },
  );
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    // The first load warms the server (answer caches, JIT) and tells whether the home page shows product cards yet.
    await loadHome(browser, server.url, 'en-US');
    const english = await loadHome(browser, server.url, 'en-US');
    const khmer = await loadHome(browser, server.url, 'km-KH');
    log(`web: home page JS+CSS ${kb(sum(scriptsAndStyles(english.files)))} KB transferred`);
    log(
      `web: Khmer fonts ${kb(sum(fonts(khmer.files)))} KB; on the English page ${kb(sum(fonts(english.files)))} KB`,
    );

    const timings: TimingRow[] = [];
    if (english.productCardShown) {
      for (const condition of conditions) {
        const row = await timeFirstProductCard(browser, server.url, condition, options.web.coldLoads);
        timings.push(row);
        log(
          `web: first product card, ${condition.label}: median ${ms(percentile(row.firstCardMs, 50))} ms ` +
            `over ${row.firstCardMs.length} cold loads`,
        );
      }
    } else {
      notes.push(
        `The home page showed no \`${productCard}\` element within 20 s, so the time to the first product grid was ` +
          'not measured (the page may still be a placeholder; product cards must carry the data-product-card ' +
          'attribute).',
      );
    }
    await browser.close();
    browser = undefined;

    const lighthouse = await runLighthouse(server, options.web.lighthouseRuns, workDir, log);
    return {
      english,
      khmer,
      timings,
      lighthouse,
      viewport: `${phone.viewport.width}×${phone.viewport.height} CSS px at ${phone.deviceScaleFactor}×`,
      notes,
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

async function newPhoneContext(browser: Browser, locale: string): Promise<BrowserContext> {
  return browser.newContext({ ...phone, locale, timezoneId: 'Asia/Phnom_Penh' });
}

/** A cold load of the home page (fresh context: empty cache), recording every response as it travelled. */
async function loadHome(browser: Browser, url: string, locale: string): Promise<PageTransfer> {
  const context = await newPhoneContext(browser, locale);
  try {
    const page = await context.newPage();
    const pending: Promise<TransferRow | null>[] = [];
    page.on('requestfinished', (request) =>
      pending.push(
        (async () => {
          const response = await request.response();
          if (!response) return null;
          const sizes = await request.sizes();
          return {
            path: new URL(request.url()).pathname,
            type: request.resourceType(),
            encoding: (await response.headerValue('content-encoding')) ?? '',
            transferred: sizes.responseBodySize,
            decoded: (await response.body().catch(() => Buffer.alloc(0))).length,
          };
        })().catch(() => null),
      ),
    );
    await page.goto(url);
    const productCardShown = await page
      .waitForSelector(productCard, { state: 'visible', timeout: 20_000 })
      .then(() => true)
      .catch(() => false);
    await page.waitForLoadState('networkidle');
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(pending)).filter((row): row is TransferRow => row !== null);
    return { files, productCardShown };
  } finally {
    await context.close();
  }
}

async function timeFirstProductCard(
  browser: Browser,
  url: string,
  condition: Condition,
  loads: number,
): Promise<TimingRow> {
  const row: TimingRow = { condition, firstCardMs: [], fcpMs: [], failures: 0 };
  for (let i = 0; i < loads; i++) {
    const context = await newPhoneContext(browser, 'en-US');
    try {
      const page = await context.newPage();
      await throttle(page, condition);
      await page.addInitScript(timingProbe);
      await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
      const marks = await page
        // A function, not a string: the shop's CSP (script-src 'self') forbids the eval a string predicate needs.
        .waitForFunction(
          () => {
            const marks = (globalThis as { __shopBench?: { firstCard?: number } }).__shopBench;
            return marks?.firstCard !== undefined && marks;
          },
          null,
          { timeout: 90_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<{ firstCard: number; fcp?: number }>)
        .catch((error: unknown) => {
          row.failures++;
          row.failure ??= (error as Error).message.split('\n')[0]!;
          return null;
        });
      if (!marks) continue;
      row.firstCardMs.push(marks.firstCard);
      if (marks.fcp !== undefined) row.fcpMs.push(marks.fcp);
    } finally {
      await context.close();
    }
  }
  return row;
}

async function throttle(page: Page, condition: Condition): Promise<void> {
  if (condition.cpuSlowdown === 1 && !condition.network) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpuSlowdown });
  if (condition.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: condition.network.latencyMs,
      downloadThroughput: condition.network.downloadBytesPerSec,
      uploadThroughput: condition.network.uploadBytesPerSec,
    });
  }
}

/** Lighthouse's CLI: LIGHTHOUSE_CLI, or the lighthouse package when it is installed; null otherwise. */
function lighthouseCli(): string | null {
  if (process.env.LIGHTHOUSE_CLI) return path.resolve(process.env.LIGHTHOUSE_CLI);
  try {
    return createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
  } catch {
    return null;
  }
}

const lighthouseCategories = ['performance', 'accessibility', 'best-practices', 'seo'];
const lighthouseMetrics = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

interface LighthouseResult {
  lighthouseVersion: string;
  runtimeError?: { message: string };
  categories: Record<
    string,
    { title: string; score: number | null; auditRefs: { id: string; weight: number }[] }
  >;
  audits: Record<string, { title: string; score: number | null; displayValue?: string }>;
  configSettings: {
    formFactor: string;
    throttlingMethod: string;
    throttling: { rttMs: number; throughputKbps: number; cpuSlowdownMultiplier: number };
    screenEmulation: { width: number; height: number; deviceScaleFactor: number };
  };
}

/**
 * Lighthouse on the home page with its default mobile settings, offline against this machine's Chromium. It is not
 * a dependency of the project (about 185 MB in 200 packages, and Lighthouse 13 needs Node 22.19), so the run uses
 * it only when installed or pointed to by LIGHTHOUSE_CLI, and says so otherwise.
 */
async function runLighthouse(
  server: ChildServer,
  runs: number,
  workDir: string,
  log: (line: string) => void,
): Promise<LighthouseFigures | { skipped: string }> {
  const cli = lighthouseCli();
  if (!cli || !fs.existsSync(cli))
    return {
      skipped:
        'Lighthouse is not installed: it is not a dependency of the project (about 185 MB in 200 packages). ' +
        `To include it: \`npm install --no-save lighthouse@12\` (Lighthouse 13 needs Node 22.19; this is Node ` +
        `${process.versions.node}), or LIGHTHOUSE_CLI=<path to lighthouse/cli/index.js>. It runs offline with ` +
        `${chromiumPath}.`,
    };
  const results: LighthouseResult[] = [];
  for (let i = 0; i < runs; i++) {
    const output = path.join(workDir, `lighthouse-${i}.json`);
    log(`web: Lighthouse run ${i + 1} of ${runs}...`);
    try {
      await runNode(
        [
          cli,
          `${server.url}/`,
          '--quiet',
          '--output=json',
          `--output-path=${output}`,
          `--only-categories=${lighthouseCategories.join(',')}`,
          `--chrome-flags=--headless=new ${chromiumArgs.join(' ')}`,
        ],
        { ...process.env, CHROME_PATH: chromiumPath },
      );
    } catch (error) {
      return { skipped: `Lighthouse failed: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}` };
    }
    const result = JSON.parse(fs.readFileSync(output, 'utf8')) as LighthouseResult;
    if (result.runtimeError)
      return { skipped: `Lighthouse could not measure: ${result.runtimeError.message}` };
    results.push(result);
  }
  const performance = (r: LighthouseResult) => r.categories.performance?.score ?? 0;
  const sorted = [...results].sort((a, b) => performance(a) - performance(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const { throttling, screenEmulation, formFactor, throttlingMethod } = median.configSettings;
  return {
    version: median.lighthouseVersion,
    runs: results.length,
    scores: Object.fromEntries(
      lighthouseCategories.map((id) => [
        median.categories[id]?.title ?? id,
        Math.round((median.categories[id]?.score ?? 0) * 100),
      ]),
    ),
    metrics: Object.fromEntries(
      lighthouseMetrics.map((id) => [median.audits[id]?.title ?? id, median.audits[id]?.displayValue ?? '-']),
    ),
    failedAudits: lighthouseCategories
      .filter((id) => id !== 'performance')
      .flatMap((id) => {
        const category = median.categories[id];
        return (category?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (median.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${category!.title}: ${median.audits[ref.id]!.title}`);
      }),
    settings:
      `${formFactor}, ${screenEmulation.width}×${screenEmulation.height} at ${screenEmulation.deviceScaleFactor}×, ` +
      `throttling "${throttlingMethod}": ${throttling.rttMs} ms RTT, ` +
      `${(throttling.throughputKbps / 1024).toFixed(1)} Mbit/s, CPU ×${throttling.cpuSlowdownMultiplier}`,
  };
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`exit ${code}: ${output.trim().slice(-2_000)}`)),
    );
  });
}

export const scriptsAndStyles = (files: TransferRow[]) =>
  files.filter((f) => f.type === 'script' || f.type === 'stylesheet');
export const fonts = (files: TransferRow[]) => files.filter((f) => f.type === 'font');
export const sum = (files: TransferRow[], field: 'transferred' | 'decoded' = 'transferred') =>
  files.reduce((total, f) => total + f[field], 0);
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const ms = (n: number) => (Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));
