import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mountPagesWithHead, type Storefront } from './routes';

/** When a page's head cannot be made, the page is still the app (its shell), never a bare error. */
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
