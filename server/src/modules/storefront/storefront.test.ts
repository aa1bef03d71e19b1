import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetail } from '@shop/shared';
import { aProductWithStock, placedOrder, useTestShop } from '../../../test/factory';
import { createStorefront, mountSearchEngineFiles } from './routes';

/**
 * What search engines read before any script, through the real server on a real database: robots.txt, the sitemap
 * (and its index past the per-file limit), and product and category pages whose head and structured data follow
 * the product (price, availability after it sells out).
 */
const ORIGIN = 'https://shop.example.test';
const webshopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storefront-'));
// As Vite writes it: a default title and description, and the module script.
fs.writeFileSync(
  path.join(webshopDir, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Computers, parts and accessories in Cambodia, priced in US dollars." />
    <title>Computer Shop</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`,
);
const shop = useTestShop({ env: { PUBLIC_URL: ORIGIN, WEBSHOP_DIR: webshopDir } });
afterAll(() => fs.rmSync(webshopDir, { recursive: true, force: true }));

const get = (address: string) => fetch(`${shop.server.url}${address}`);
const locsOf = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

async function everyActiveSlug(): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1; ; page++) {
    const answer = await shop.server.client.listProducts({ query: { page, pageSize: 100 } });
    slugs.push(...answer.items.map((p) => p.slug));
    if (slugs.length >= answer.total) return slugs;
  }
}

/** The page as a crawler gets it: its head's tags and its JSON-LD, parsed. */
async function pageHead(address: string) {
  const response = await get(address);
  const html = await response.text();
  const meta = (attribute: string, name: string) =>
    new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(html)?.[1];
  const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return {
    status: response.status,
    html,
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    titles: html.match(/<title>/g)?.length ?? 0,
    description: meta('name', 'description'),
    canonical: /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1],
    og: (property: string) => meta('property', property),
    jsonLd: ld === undefined ? undefined : (JSON.parse(ld) as Record<string, unknown>),
  };
}

describe('robots.txt and the sitemap', () => {
  let hidden: ProductDetail;
  beforeAll(async () => {
    // No longer sold: not in the sitemap.
    hidden = await aProductWithStock(shop, { name: 'Retired mouse' });
    await shop.admin.updateProduct({ params: { id: hidden.id }, body: { active: false } });
  });

  it('lets crawlers in, keeps them out of customers’ pages and the API, and names the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await response.text()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'User-agent: *',
        'Allow: /',
        'Disallow: /account',
        'Disallow: /checkout',
        'Disallow: /orders',
        'Disallow: /builder/',
        'Disallow: /api',
        `Sitemap: ${ORIGIN}/sitemap.xml`,
      ]),
    );
  });

  it('lists the home page, every category and every product for sale, with lastmod', async () => {
    const response = await get('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org/,
    );
    const { items: categories } = await shop.server.client.listCategories({});
    const expected = [
      `${ORIGIN}/`,
      ...categories.map((c) => `${ORIGIN}/c/${c.slug}`),
      ...(await everyActiveSlug()).map((slug) => `${ORIGIN}/products/${slug}`),
    ];
    expect(locsOf(xml).sort()).toEqual(expected.sort());
    expect(xml).not.toContain(hidden.slug);
    const urls = xml.match(/<url>/g)!.length;
    expect(xml.match(/<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z<\/lastmod>/g)).toHaveLength(urls);
    expect((await get('/sitemap-1.xml')).status).toBe(404); // one file: no parts
  });

  it('becomes an index of files past the per-file limit, which together list the same addresses', async () => {
    const single = locsOf(await (await get('/sitemap.xml')).text());
    // The same storefront with 100 addresses a file (50,000 in the shop), on the shop's database.
    const app = express();
    mountSearchEngineFiles(
      app,
      createStorefront(shop.server.database.db, ORIGIN, { sitemap: { urlsPerFile: 100 } }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const index = await (await fetch(`${base}/sitemap.xml`)).text();
      expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      const parts = locsOf(index);
      expect(parts).toEqual(
        Array.from({ length: Math.ceil(single.length / 100) }, (_, i) => `${ORIGIN}/sitemap-${i + 1}.xml`),
      );
      const listed: string[] = [];
      for (const part of parts) {
        const xml = await (await fetch(base + new URL(part).pathname)).text();
        expect(locsOf(xml).length).toBeLessThanOrEqual(100);
        listed.push(...locsOf(xml));
      }
      expect(listed.sort()).toEqual([...single].sort());
      expect((await fetch(`${base}/sitemap-${parts.length + 1}.xml`)).status).toBe(404);
      expect((await fetch(`${base}/sitemap-0.xml`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe('a product page before its script', () => {
  it('carries title, description, canonical, Open Graph and Product data that match the product', async () => {
    const product = await aProductWithStock(shop, {
      stock: 2,
      name: 'Gaming monitor 27" </script><script>alert(1)</script> <!--',
      priceCents: 129_999,
      description: 'A fast 27-inch panel & stand.\n\nIPS, 165 Hz.',
    });
    const head = await pageHead(`/products/${product.slug}`);
    expect(head.status).toBe(200);
    expect(head.titles).toBe(1);
    expect(head.title).toBe(
      `${product.name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)} · Computer Shop`,
    );
    expect(head.description).toBe('A fast 27-inch panel &#38; stand. IPS, 165 Hz.');
    expect(head.canonical).toBe(`${ORIGIN}/products/${product.slug}`);
    expect(head.og('og:type')).toBe('product');
    expect(head.og('og:url')).toBe(head.canonical);
    expect(head.og('og:image')).toBeUndefined(); // no picture yet
    // The name's </script> did not end the element: the only script elements are the JSON-LD and the app's.
    expect(head.html.match(/<script/g)).toHaveLength(2);
    expect(head.html.match(/<\/script>/g)).toHaveLength(2);
    expect(head.jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: product.name,
      sku: product.sku,
      brand: { '@type': 'Brand', name: product.brand.name },
      description: 'A fast 27-inch panel & stand. IPS, 165 Hz.',
      category: product.category.name,
      offers: {
        '@type': 'Offer',
        price: '1299.99',
        priceCurrency: 'USD',
        availability: 'https://schema.org/InStock',
        url: head.canonical,
      },
    });
  });

  it('names its pictures by absolute address', async () => {
    const { items } = await shop.server.client.listProducts({ query: { category: 'ssds', pageSize: 1 } });
    const product = await shop.server.client.getProduct({ params: { idOrSlug: items[0]!.slug } });
    const head = await pageHead(`/products/${product.slug}`);
    expect(product.images[0]!.url).toMatch(/^\//);
    expect(head.og('og:image')).toBe(`${ORIGIN}${product.images[0]!.url}`);
    expect(head.jsonLd).toMatchObject({ image: `${ORIGIN}${product.images[0]!.url}`, sku: product.sku });
  });

  it('follows the product: OutOfStock once it sells out, the new price once it changes', async () => {
    const product = await aProductWithStock(shop, { stock: 1, name: 'NVMe enclosure', priceCents: 2_500 });
    const address = `/products/${product.slug}`;
    expect((await pageHead(address)).jsonLd?.offers).toMatchObject({
      price: '25.00',
      availability: 'https://schema.org/InStock',
    });
    // The last one is ordered on the web: reserved, so no longer available.
    await placedOrder(shop.server, { items: [{ productId: product.id, quantity: 1 }] });
    expect((await pageHead(address)).jsonLd?.offers).toMatchObject({
      availability: 'https://schema.org/OutOfStock',
    });
    await shop.admin.updateProduct({ params: { id: product.id }, body: { priceCents: 1_905 } });
    const after = await pageHead(address);
    expect(after.jsonLd?.offers).toMatchObject({
      price: '19.05',
      availability: 'https://schema.org/OutOfStock',
    });
    // The API says the same.
    const answer = await shop.server.client.getProduct({ params: { idOrSlug: product.slug } });
    expect(answer).toMatchObject({ priceCents: 1_905, availability: 'out_of_stock' });

    // No longer sold: a 404 with the shop's default head (the app shows its "not available" page).
    await shop.admin.updateProduct({ params: { id: product.id }, body: { active: false } });
    const gone = await pageHead(address);
    expect(gone).toMatchObject({ status: 404, title: 'Computer Shop', jsonLd: undefined });
    expect(gone.html).toContain('<div id="root"></div>');
  });

  it('gives a category page its title, description and canonical; unknown pages are 404', async () => {
    const { items: categories } = await shop.server.client.listCategories({});
    const laptops = categories.find((c) => c.slug === 'laptops')!;
    const head = await pageHead('/c/laptops');
    expect(head).toMatchObject({
      status: 200,
      titles: 1,
      title: `${laptops.name} · Computer Shop`,
      canonical: `${ORIGIN}/c/laptops`,
      jsonLd: undefined,
    });
    expect(head.description).toContain(laptops.nameKm);
    for (const address of [
      '/c/no-such-category',
      '/products/no-such-product',
      `/products/${'x'.repeat(300)}`,
    ])
      expect(await pageHead(address), address).toMatchObject({ status: 404, title: 'Computer Shop' });
    // Other addresses are the app's, with its default head.
    expect(await pageHead('/cart')).toMatchObject({ status: 200, title: 'Computer Shop' });
  });
});
