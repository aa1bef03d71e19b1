import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { createShopClient, type Role, type ShopClient } from '@shop/shared';
import { extractCode, startSmtpServer, type CapturedMail, type TestSmtpServer } from '../../server/test/smtp';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { startServer } from '../../server/src/server';
import { createTestDatabase, signedInAs, type TestServer } from '../../server/test/support';
import { launchChromium } from './browser';

/**
 * The whole shop for browser tests: the real server (in this process) on a fresh SQLite database with the demo
 * catalog, serving the web shop built for this run at `/`; a real SMTP server on loopback receiving its mail; the
 * Bakong stand-in confirming payments; and Debian's Chromium. One per test file (`beforeAll`/`afterAll`).
 */
export interface Shop {
  /** http://127.0.0.1:PORT: the shop's address, also its PUBLIC_URL (links in mails point here). */
  url: string;
  /** The loopback SMTP server: every mail the shop sent (`smtp.messages`), `smtp.waitFor(predicate)`. */
  smtp: TestSmtpServer;
  /**
   * The running server: `database`, an anonymous typed `client`, `logLines`, `mail`, `payments`, `dataDir`. After
   * `stopServer()`/`startServerAgain()` this is the new process's (read it again rather than keeping it).
   */
  readonly server: TestServer;
  /**
   * Stops the server as a power cut or a restart would (connections closed, database closed) and keeps its
   * database; the address then refuses connections until `startServerAgain()`.
   */
  stopServer(): Promise<void>;
  /** The server again, on the same address and the same database (the shop's data as it was when it stopped). */
  startServerAgain(): Promise<void>;
  /** A tab in a fresh browser context (own cookies, storage and cache). Relative `page.goto('/cart')` works. */
  page(options?: PageOptions): Promise<ShopPage>;
  /** A full-page screenshot, once the page's web fonts are ready, as tests/e2e/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  /**
   * The 6-digit code of the newest mail to `to` that carries one and that no earlier `mailCode` call returned;
   * waits up to 15 s for it. Call it after the action that sends the code.
   */
  mailCode(to: string): Promise<string>;
  /**
   * The newest link whose path starts with `pathPrefix` (e.g. '/reset-password') in a mail to `to` that no earlier
   * `mailLink` call returned a link from; waits up to 15 s. Rebased onto `url`, ready for `page.goto`.
   */
  mailLink(to: string, pathPrefix: string): Promise<string>;
  /** A typed API client with the bearer session of a new active user of that role (staff by default). */
  staffClient(role?: Exclude<Role, 'customer'>): Promise<ShopClient>;
  stop(): Promise<void>;
}

/** The screens the web shop is checked on: a common phone, and the shop's laptop (a page's default). */
export const phone = { width: 390, height: 844 };
export const laptop = { width: 1366, height: 900 };

export interface PageOptions {
  /** Default `laptop`; phones: `phone` or 360 wide. */
  viewport?: { width: number; height: number };
  /** The browser's language (navigator.language): 'km-KH' opens the shop in Khmer. Default 'en-US'. */
  locale?: string;
}

/**
 * A Playwright page that records what went wrong while it was open: uncaught exceptions, console errors, answers
 * of 400 and above and requests that failed on the network (except aborted ones: navigating away, cancelled queries). `expect(page.errors)
 * .toEqual([])` asserts a clean page; a test that provokes an error on purpose filters out the one it expects.
 */
export type ShopPage = Page & { errors: string[] };

export interface StartShopOptions {
  /** Server environment on top of the harness's (e.g. { PAYMENT_GRACE_MS: '0' }). */
  env?: Record<string, string>;
}

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const MAIL_WAIT_MS = 15_000;

export async function startShop(options: StartShopOptions = {}): Promise<Shop> {
  const webshopDir = inject('webshopDir');
  if (!webshopDir)
    throw new Error('no built web shop: run the e2e tests through vitest, e.g. npx vitest run --project e2e');

  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    // A port chosen beforehand, so PUBLIC_URL (links in mails) is the address the browser uses.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      PUBLIC_URL: url,
      WEBSHOP_DIR: webshopDir,
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '100',
      // The Bakong stand-in is on (no BAKONG_API_URL); paid QR codes are noticed within half a second.
      BAKONG_POLL_MS: '500',
      ...options.env,
    };
    const target = await createTestDatabase();
    cleanups.push(() => target.drop());
    const logLines: string[] = [];
    let server: TestServer | null = await startShopServer(target, env, logLines);
    cleanups.push(async () => server?.stop());
    const stopServer = async () => {
      const running = server;
      server = null;
      await running?.stop();
    };
    const startServerAgain = async () => {
      if (server) throw new Error('the server is running already');
      server = await startShopServer(target, { ...env, SEED: 'none' }, logLines);
    };
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const contexts = new Set<BrowserContext>();
    cleanups.push(() => Promise.all([...contexts].map((context) => context.close())));

    return {
      url,
      smtp,
      get server() {
        if (!server) throw new Error('the server is stopped (stopServer): startServerAgain() first');
        return server;
      },
      stopServer,
      startServerAgain,
      page: (pageOptions) => openPage(browser, contexts, url, pageOptions),
      screenshot: takeScreenshot,
      mailCode: (to) => mailCode(smtp, to),
      mailLink: (to, pathPrefix) => mailLink(smtp, url, to, pathPrefix),
      staffClient: async (role = 'staff') => {
        if (!server) throw new Error('the server is stopped');
        return (await signedInAs(server.database.db, role)).client(url);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The real server (in this process) on `target`'s database, as server/test/support's startTestServer starts it, except
 * that stopping it keeps the database (the harness drops it at the end), so it can start again on the same data.
 */
async function startShopServer(
  target: { url: string; dataDir: string },
  env: Record<string, string>,
  logLines: string[],
): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATA_DIR: target.dataDir,
    DATABASE_URL: target.url,
    SEED: 'demo',
    LOG_LEVEL: 'info',
    ...env,
  });
  const logger = createLogger(config.logLevel, {
    write: (line: string) => {
      logLines.push(line);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  const running = await startServer(config, { logger });
  return {
    ...running,
    client: createShopClient({ baseUrl: running.url }),
    dataDir: target.dataDir,
    databaseUrl: target.url,
    logLines,
    stop: () => running.close(),
  };
}

async function openPage(
  browser: Browser,
  contexts: Set<BrowserContext>,
  baseURL: string,
  options: PageOptions = {},
): Promise<ShopPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? laptop,
    locale: options.locale ?? 'en-US',
    timezoneId: 'Asia/Phnom_Penh',
  });
  contexts.add(context);
  context.once('close', () => contexts.delete(context));
  const page = Object.assign(await context.newPage(), { errors: [] as string[] });
  watchForErrors(page);
  waitForHydration(page);
  return page;
}

/**
 * After a load, waits until a server-rendered page is hydrated (webshop/src/providers.tsx marks <html>): its HTML
 * shows before its script runs, and a click or a key press before then does nothing. Loads that ask only for the
 * answer's start (`waitUntil: 'commit'`) are left alone: they look at the page before its script.
 */
function waitForHydration(page: Page): void {
  const hydrated = () =>
    page.waitForFunction(
      () => !document.getElementById('shop-state') || document.documentElement.dataset.hydrated !== undefined,
    );
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (options?.waitUntil !== 'commit') await hydrated();
    return response;
  };
  page.reload = async (options) => {
    const response = await reload(options);
    if (options?.waitUntil !== 'commit') await hydrated();
    return response;
  };
}

function watchForErrors(page: ShopPage): void {
  const where = (address: string) => {
    const parsed = new URL(address);
    return `${parsed.pathname}${parsed.search}`;
  };
  page.on('pageerror', (error) => page.errors.push(`exception: ${error.message}`));
  page.on('console', (message) => {
    // "Failed to load resource" repeats what the response and requestfailed listeners record with the address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      page.errors.push(`console.error: ${message.text()}`);
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status < 400) return;
    const address = where(response.url());
    page.errors.push(`HTTP ${status} ${response.request().method()} ${address}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason !== 'net::ERR_ABORTED')
      page.errors.push(`network: ${reason} ${request.method()} ${where(request.url())}`);
  });
}

async function takeScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.evaluate(loadWholePage);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs in the page: scrolls through it once so lazy pictures below the fold load, back to where it was, then waits
 * (10 s at most) for pictures and web fonts, so a full-page screenshot shows what a reader scrolling down would see.
 */
async function loadWholePage(): Promise<void> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const start = window.scrollY;
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await frame();
  }
  window.scrollTo(0, start);
  const pictures = [...document.images]
    .filter((image) => !image.complete)
    .map(
      (image) =>
        new Promise((resolve) => {
          image.addEventListener('load', resolve, { once: true });
          image.addEventListener('error', resolve, { once: true });
        }),
    );
  const loaded = Promise.all([...pictures, document.fonts.ready]);
  await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await frame();
}

const sentTo = (mail: CapturedMail, to: string) =>
  mail.to.toLowerCase().split(/,\s*/).includes(to.toLowerCase());

/** Mails already handed out, per kind: a later call waits for a newer mail instead of returning the same one. */
const handedOut = { code: new WeakSet<CapturedMail>(), link: new WeakSet<CapturedMail>() };

/** The newest unreturned mail to `to` for which `pick` finds something; waits for one if none has arrived. */
async function newestMail<T>(
  smtp: TestSmtpServer,
  kind: keyof typeof handedOut,
  to: string,
  pick: (mail: CapturedMail) => T | undefined,
): Promise<T> {
  const fits = (mail: CapturedMail) =>
    sentTo(mail, to) && !handedOut[kind].has(mail) && pick(mail) !== undefined;
  try {
    await smtp.waitFor(fits, MAIL_WAIT_MS);
  } catch {
    const received = smtp.messages.filter((mail) => sentTo(mail, to)).map((mail) => `"${mail.subject}"`);
    throw new Error(
      `no new mail to ${to} with a ${kind} within ${MAIL_WAIT_MS / 1000} s ` +
        `(mails to that address so far: ${received.join(', ') || 'none'})`,
    );
  }
  const fitting = smtp.messages.filter(fits);
  for (const mail of fitting) handedOut[kind].add(mail);
  return pick(fitting.at(-1)!)!;
}

function mailCode(smtp: TestSmtpServer, to: string): Promise<string> {
  return newestMail(smtp, 'code', to, (mail) => {
    try {
      return extractCode(mail);
    } catch {
      return undefined;
    }
  });
}

function mailLink(smtp: TestSmtpServer, baseUrl: string, to: string, pathPrefix: string): Promise<string> {
  return newestMail(smtp, 'link', to, (mail) => {
    for (const [link] of `${mail.text}\n${mail.html}`.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) {
      const parsed = new URL(link.replace(/&amp;/g, '&'));
      if (parsed.pathname.startsWith(pathPrefix))
        return `${baseUrl}${parsed.pathname}${parsed.search}${parsed.hash}`;
    }
    return undefined;
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
