import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageRenderRequest, RenderPage } from '@shop/shared';
import { createRenderedPages } from './pages';
import { mountPagesWithHead, type Storefront } from './routes';

/**
 * When a page's head cannot be made, or the server entry cannot render it, the page is still the app (its shell),
 * never a bare error. The renderer here stands in for the built web shop entry, which the e2e tests drive for real
 * (tests/e2e/server-rendered.e2e.test.ts): these check what the server does around it.
 */
const indexHtml =
  '<!doctype html><html><head><title>Computer Shop</title></head><body><div id="root"></div></body></html>';
const logged: unknown[] = [];
let base: string;
let server: ReturnType<express.Express['listen']>;

beforeAll(async () => {
  const failing = () => Promise.reject(new Error('database away'));
  const storefront = { origin: 'https://shop.example.test', heads: { product: failing, category: failing } };
  const app = express();
  app.use((req, _res, next) => {
    (req as unknown as { log: object }).log = { error: (entry: unknown) => logged.push(entry) };
    next();
  });
  mountPagesWithHead(app, storefront as unknown as Storefront, indexHtml);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

it('serves the shell with a 200 and logs why', async () => {
  for (const address of ['/products/some-ssd', '/c/laptops']) {
    const response = await fetch(base + address);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(indexHtml);
  }
  expect(logged).toHaveLength(2);
});

describe("with the web shop's server entry", () => {
  const seen: PageRenderRequest[] = [];
  const renderer: RenderPage = async (request) => {
    seen.push(request);
    if (request.url.includes('broken')) throw new Error('render failed');
    const text = `${request.document.beforeRoot}<p>${request.locale} ${request.url}</p>${request.document.afterRoot}`;
    return { status: 200, body: new Response(text).body! };
  };
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    const api = { getShopInfo: async () => ({}) };
    const storefront = {
      origin: 'https://shop.example.test',
      heads: { product: async () => '<title>SSD · Computer Shop</title>', category: async () => null },
      pageApi: api,
      renderedPages: { get: (_key: string, make: () => Promise<unknown>) => make() },
    };
    const app = express();
    mountPagesWithHead(app, storefront as unknown as Storefront, indexHtml, Promise.resolve(renderer));
    const started = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => started.once('listening', resolve));
    url = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
    close = () => started.close();
  });
  afterAll(() => close?.());

  it('renders the page into #root in the language of the cookie, else of the browser', async () => {
    const cases: { headers: Record<string, string>; locale: string }[] = [
      { headers: {}, locale: 'en' },
      { headers: { 'accept-language': 'km-KH,km;q=0.9,en;q=0.8' }, locale: 'km' },
      { headers: { 'accept-language': 'km-KH', cookie: 'other=1; shop.locale=en' }, locale: 'en' },
      { headers: { cookie: 'shop.locale=km' }, locale: 'km' },
    ];
    for (const { headers, locale } of cases) {
      const response = await fetch(`${url}/search?q=ssd`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('vary')).toMatch(/Accept-Language, Cookie/);
      expect(await response.text()).toBe(
        indexHtml.replace('<div id="root"></div>', `<div id="root"><p>${locale} /search?q=ssd</p></div>`),
      );
    }
    const product = await (await fetch(`${url}/products/some-ssd`)).text();
    expect(product).toContain('<title>SSD · Computer Shop</title>');
    expect(product).toContain('<p>en /products/some-ssd</p>');
  });

  it('serves the shell when rendering fails, and a 404 shell for an unknown category without rendering', async () => {
    const before = seen.length;
    const broken = await fetch(`${url}/search?q=broken`);
    expect(broken.status).toBe(200);
    expect(await broken.text()).toBe(indexHtml);
    const unknown = await fetch(`${url}/c/no-such-category`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(indexHtml);
    expect(seen.length).toBe(before + 1); // the broken search only
  });
});

describe('with more pages asked for at once than may be rendered', () => {
  it('renders as many as allowed, serves the others the shell, and keeps what it rendered', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const rendering: string[] = [];
    const renderer: RenderPage = async (request) => {
      rendering.push(request.url);
      await held;
      const text = `${request.document.beforeRoot}<p>${request.url}</p>${request.document.afterRoot}`;
      return { status: 200, body: new Response(text).body! };
    };
    const storefront = {
      origin: 'https://shop.example.test',
      heads: { product: async () => null, category: async () => null },
      pageApi: {},
      renderedPages: createRenderedPages(async () => 1, { rendersAtOnce: 2 }),
    };
    const app = express();
    mountPagesWithHead(app, storefront as unknown as Storefront, indexHtml, Promise.resolve(renderer));
    const started = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => started.once('listening', resolve));
    const at = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
    try {
      const first = [fetch(`${at}/search?q=a`), fetch(`${at}/search?q=b`)];
      await expect.poll(() => rendering.length).toBe(2);
      // Two renders are running: a third address is the shell, at once, without rendering.
      const third = await fetch(`${at}/search?q=c`);
      expect(third.status).toBe(200);
      expect(await third.text()).toBe(indexHtml);
      expect(rendering).toEqual(['/search?q=a', '/search?q=b']);
      release();
      for (const response of await Promise.all(first))
        expect(await response.text()).toContain('<p>/search?q=');
      // Kept pages are served even when renders are busy; a new one renders again once a slot is free.
      const again = await (await fetch(`${at}/search?q=a`)).text();
      expect(again).toContain('<p>/search?q=a</p>');
      expect(await (await fetch(`${at}/search?q=c`)).text()).toContain('<p>/search?q=c</p>');
      expect(rendering).toEqual(['/search?q=a', '/search?q=b', '/search?q=c']);
    } finally {
      started.close();
    }
  });
});
