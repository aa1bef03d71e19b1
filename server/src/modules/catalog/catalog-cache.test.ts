import { get, request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productListQuerySchema, type Category, type ProductDetail, type ProductList } from '@shop/shared';
import { openDatabase, type ShopDatabase } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { signedInAs, startTestServer, testDialect, type TestServer } from '../../../test/support';
import { applyMovement, movementEffects, recordStockChanges, sellFromShelf } from '../inventory/ledger';
import { refreshBestSellers } from '../sync/shelf-version';
import { listProducts } from './product-search';
import { getPublicProduct, updateProduct } from './service';

/**
 * The public catalog's answer cache (catalog-cache.ts, http/answer-cache.ts): a repeated request is answered from
 * memory without a catalog query, and every catalog or stock write, by this process or another one on the same
 * database, shows in the very next answer.
 */

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
  admin = await signedInAs(server.database.db, 'admin');
});
afterAll(() => server?.stop());

interface Answer<T> {
  status: number;
  headers: IncomingHttpHeaders;
  body: T;
}

/** node:http rather than fetch: fetch adds "cache-control: no-cache" to conditional requests and decodes gzip. */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(`${server.url}/api/v1${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

async function getJson<T>(path: string): Promise<Answer<T>> {
  const answer = await rawGet(path);
  expect(answer.status, path).toBe(200);
  return { ...answer, body: JSON.parse(answer.body.toString('utf8')) as T };
}

const writeAs = (path: string, method: string, body: unknown) =>
  fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => {
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return response.json() as Promise<unknown>;
  });

describe('the public catalog cache', () => {
  it('answers a repeated request from memory, with the same body and ETag, and 304 for that ETag', async () => {
    for (const path of [
      '/products?category=ssds&sort=price_asc',
      '/products?q=ssd',
      '/categories',
      '/brands',
    ]) {
      const first = await getJson<unknown>(path);
      const again = await getJson<unknown>(path);
      expect(again.headers['x-cache'], path).toBe('hit');
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      const notModified = await rawGet(path, { 'if-none-match': String(first.headers.etag) });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
    }
    const slug = (await getJson<ProductList>('/products?category=ssds')).body.items[0]!.slug;
    await getJson(`/products/${slug}`);
    expect((await getJson(`/products/${slug}`)).headers['x-cache']).toBe('hit');
  });

  it('sends a kept answer by the fast path with the headers of the ordinary path, security headers included', async () => {
    for (const [path, encoding] of [
      ['/products?category=monitors&sort=price_desc&pageSize=7', 'gzip'],
      ['/brands', 'identity'],
      ['/products/not-a-product-at-all', 'gzip'],
    ] as const) {
      const made = await rawGet(path, { 'accept-encoding': encoding });
      const kept = await rawGet(path, { 'accept-encoding': encoding });
      if (made.status === 404) {
        // Errors are not kept: the ordinary path answers again.
        expect(kept.status).toBe(404);
        expect(kept.headers['x-cache']).toBeUndefined();
        continue;
      }
      expect(kept.headers['x-cache'], path).toBe('hit');
      expect(kept.body.equals(made.body), path).toBe(true);
      const { date: _d, 'x-request-id': madeId, 'x-cache': _m, ...madeHeaders } = made.headers;
      const { date: _e, 'x-request-id': keptId, 'x-cache': _k, ...keptHeaders } = kept.headers;
      expect(keptHeaders, path).toEqual(madeHeaders);
      expect(keptHeaders['content-security-policy']).toBeDefined();
      expect(keptId).toMatch(/^[0-9a-f-]{36}$/);
      expect(keptId).not.toBe(madeId);
    }
    const traced = await rawGet('/brands', { 'x-request-id': 'lb-1234567890' });
    expect(traced.headers['x-cache']).toBe('hit');
    expect(traced.headers['x-request-id']).toBe('lb-1234567890');
    const head = await new Promise<IncomingHttpHeaders>((resolve, reject) =>
      request(`${server.url}/api/v1/brands`, { method: 'HEAD' }, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end(),
    );
    expect(head['x-cache']).toBe('hit');
    expect(head.etag).toBe(traced.headers.etag);
  });

  it('keys listings by what they mean: spelling of the search, order of lists, defaults', async () => {
    const first = await getJson<ProductList>('/products?q=Samsung%20SSD&brand=samsung,kingston&page=1');
    const same = await getJson<ProductList>(
      '/products?brand=kingston,samsung&q=ssd%20%20samsung&pageSize=24',
    );
    expect(same.headers['x-cache']).toBe('hit');
    expect(same.body).toEqual(first.body);
    const otherPage = await getJson<ProductList>('/products?q=samsung%20ssd&brand=samsung,kingston&page=2');
    expect(otherPage.headers['x-cache']).toBe('miss');
  });

  it('answers price bounds between the same two prices from one entry (junk filters take no room)', async () => {
    const cheapest = (await getJson<ProductList>('/products?sort=price_asc&pageSize=100')).body.items;
    const [lowest, next] = [...new Set(cheapest.map((p) => p.priceCents))];
    expect(next! - lowest!).toBeGreaterThan(2);
    const first = await getJson<ProductList>(`/products?minPrice=${lowest! + 1}&sort=price_asc`);
    expect(first.body.items[0]!.priceCents).toBe(next);
    for (const minPrice of [lowest! + 2, next! - 1, next!]) {
      const same = await getJson<ProductList>(`/products?minPrice=${minPrice}&sort=price_asc`);
      expect(same.headers['x-cache'], String(minPrice)).toBe('hit');
      expect(same.body).toEqual(first.body);
    }
  });

  it('sends the kept gzip copy to clients that take gzip', async () => {
    const plain = await getJson<ProductList>('/products?pageSize=50');
    for (let i = 0; i < 2; i++) {
      const zipped = await rawGet('/products?pageSize=50', { 'accept-encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/accept-encoding/i);
      expect(zipped.headers.etag).toBe(plain.headers.etag);
      expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(plain.body);
    }
  });

  it('shows a product change in the very next answer: listing, search, product page', async () => {
    const { items } = (await getJson<ProductList>('/products?category=monitors&sort=name')).body;
    const product = items[0]!;
    await getJson(`/products/${product.id}`);
    expect((await getJson('/products?category=monitors&sort=name')).headers['x-cache']).toBe('hit');

    await writeAs(`/admin/products/${product.id}`, 'PATCH', { priceCents: product.priceCents + 1234 });
    const listing = await getJson<ProductList>('/products?category=monitors&sort=name');
    expect(listing.headers['x-cache']).toBe('miss');
    expect(listing.body.items.find((p) => p.id === product.id)?.priceCents).toBe(product.priceCents + 1234);
    const page = await getJson<ProductDetail>(`/products/${product.id}`);
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.body.priceCents).toBe(product.priceCents + 1234);
  });

  it('shows a stock movement (a sale empties the shelf) in availability and in-stock counts', async () => {
    const before = (await getJson<ProductList>('/products?category=keyboards-mice&inStock=true')).body;
    let target: ProductDetail | undefined;
    for (const item of before.items) {
      const detail = (await getJson<ProductDetail>(`/products/${item.id}`)).body;
      if (!detail.serialized) {
        target = detail;
        break;
      }
    }
    expect(target).toBeDefined();
    const { available } = (await fetch(`${server.url}/api/v1/admin/products/${target!.id}/stock`, {
      headers: { authorization: `Bearer ${admin.token}` },
    }).then((r) => r.json())) as { available: number };
    expect(available).toBeGreaterThan(0);
    await writeAs('/admin/stock/movements', 'POST', {
      productId: target!.id,
      type: 'adjust',
      quantity: -available,
      reason: 'sold at the counter (test)',
    });

    const after = await getJson<ProductList>('/products?category=keyboards-mice&inStock=true');
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.total).toBe(before.total - 1);
    expect(after.body.facets.inStock).toBe(before.facets.inStock - 1);
    expect(after.body.items.map((p) => p.id)).not.toContain(target!.id);
    expect((await getJson<ProductDetail>(`/products/${target!.id}`)).body.availability).toBe('out_of_stock');
  });

  it('shows a category rename in the category list and in the products of that category', async () => {
    const categories = (await getJson<{ items: Category[] }>('/categories')).body.items;
    const hardDrives = categories.find((c) => c.slug === 'hard-drives')!;
    await getJson('/products?category=hard-drives');
    await writeAs(`/admin/categories/${hardDrives.id}`, 'PATCH', { name: 'Spinning Drives' });

    const renamed = await getJson<{ items: Category[] }>('/categories');
    expect(renamed.headers['x-cache']).toBe('miss');
    expect(renamed.body.items.find((c) => c.id === hardDrives.id)?.name).toBe('Spinning Drives');
    const listing = (await getJson<ProductList>('/products?category=hard-drives')).body;
    expect(listing.items[0]?.category.name).toBe('Spinning Drives');
    expect(listing.facets.categories.find((c) => c.value === 'hard-drives')?.label).toBe('Spinning Drives');
    expect((await getJson<ProductList>('/products?q=spinning')).body.total).toBe(listing.total);
  });

  it('keeps its answers across sales that leave what customers see as it was', async () => {
    const paths = ['/products?category=ssds', '/products?q=ssd', '/products?inStock=true&sort=price_asc'];
    const listing = (await getJson<ProductList>('/products?category=ssds&sort=price_asc&pageSize=100')).body;
    const plenty = listing.items.find((p) => p.availability === 'in_stock')!;
    const { available } = (await fetch(`${server.url}/api/v1/admin/products/${plenty.id}/stock`, {
      headers: { authorization: `Bearer ${admin.token}` },
    }).then((r) => r.json())) as { available: number; lowStockThreshold: number };
    for (const path of [...paths, `/products/${plenty.slug}`]) await getJson(path);
    // One unit sold at a counter: the product stays "in stock" (3 is the demo catalog's low-stock threshold).
    expect(available).toBeGreaterThan(4);
    await sell(plenty.id, 1);
    for (const path of [...paths, `/products/${plenty.slug}`])
      expect((await getJson(path)).headers['x-cache'], path).toBe('hit');
    // Down to "low stock": what the product page shows changed, so it is made again.
    await sell(plenty.id, available - 2);
    const page = await getJson<ProductDetail>(`/products/${plenty.slug}`);
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.body.availability).toBe('low_stock');
  });

  it('answers as the database does while stock moves and the catalog changes (differential, cached vs fresh)', async () => {
    const db = server.database.db;
    const random = seededRandom(16);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const products = (await getJson<ProductList>('/products?pageSize=100&sort=price_asc')).body.items;
    const categories = (await getJson<{ items: Category[] }>('/categories')).body.items.map((c) => c.slug);
    const brands = [...new Set(products.map((p) => p.brand.slug))];
    // Few products, moved often: they sell out, come back and cross their low-stock threshold.
    const moving = products.slice(0, 8);
    const query = () => {
      const params = new URLSearchParams();
      if (random() < 0.5)
        params.set('q', pick(['ssd', 'samsung', 'i7', '4k', 'ke', 'a', 'gaming monitor', 'ram']));
      if (random() < 0.4) params.set('category', pick(categories));
      if (random() < 0.2) params.set('brand', [pick(brands), pick(brands)].join(','));
      if (random() < 0.4) params.set('inStock', 'true');
      if (random() < 0.2) params.set('minPrice', String(Math.floor(random() * 50_000)));
      if (random() < 0.6)
        params.set('sort', pick(['popular', 'price_asc', 'price_desc', 'newest', 'name', 'relevance']));
      if (random() < 0.3) params.set('page', '2');
      params.set('pageSize', pick(['6', '12', '24']));
      return params;
    };
    let compared = 0;
    let hits = 0;
    for (let round = 0; round < 60; round++) {
      const product = pick(moving);
      const level = (await fetch(`${server.url}/api/v1/admin/products/${product.id}/stock`, {
        headers: { authorization: `Bearer ${admin.token}` },
      }).then((r) => r.json())) as { available: number; reserved: number };
      const change = pick(['sale', 'sale', 'reserve', 'release', 'receive', 'edit', 'rank'] as const);
      if (change === 'sale' && level.available > 0)
        await sell(product.id, 1 + Math.floor(random() * Math.min(level.available, 3)));
      else if (change === 'reserve' && level.available > 0)
        await move(product.id, 'reserve', movementEffects.reserve(1));
      else if (change === 'release' && level.reserved > 0)
        await move(product.id, 'release', movementEffects.release(1));
      else if (change === 'edit')
        await updateProduct(
          db,
          product.id,
          { priceCents: product.priceCents + round },
          { userId: null, ip: null },
        );
      else if (change === 'rank') await refreshBestSellers(db);
      else await move(product.id, 'receive', movementEffects.receive(1 + Math.floor(random() * 3)));

      for (let n = 0; n < 4; n++) {
        const params = query();
        const path = `/products?${params}`;
        // Asked twice: the second is answered from the cache whenever the first was.
        await rawGet(path);
        const cached = await rawGet(path);
        const fresh = await listProducts(db, productListQuerySchema.parse(Object.fromEntries(params)));
        expect(cached.body.toString('utf8'), `${path} after ${change} (round ${round})`).toBe(
          JSON.stringify(fresh),
        );
        if (cached.headers['x-cache'] === 'hit') hits++;
        compared++;
      }
      const slug = pick(products).slug;
      const page = await rawGet(`/products/${slug}`);
      expect(page.body.toString('utf8'), slug).toBe(JSON.stringify(await getPublicProduct(db, slug)));
    }
    expect(compared).toBe(240);
    // The cache was used, not bypassed: most second askings are hits although stock moved in every round.
    expect(hits).toBeGreaterThan(compared / 2);
  });

  describe('with another process writing to the same database', () => {
    let other: ShopDatabase;
    beforeAll(async () => {
      // The server's own database, opened as a second process would: its own connection, its own caches.
      other = await openDatabase(await serverDatabaseUrl());
    });
    afterAll(() => other?.close());

    it('shows the other process’s write in the next answer (the feed head lives in the database)', async () => {
      const first = (await getJson<ProductList>('/products?q=kingston&sort=price_asc')).body;
      expect((await getJson('/products?q=kingston&sort=price_asc')).headers['x-cache']).toBe('hit');
      const product = first.items[0]!;
      await updateProduct(
        other.db,
        product.id,
        { name: `${product.name} Renamed Elsewhere` },
        {
          userId: null,
          ip: null,
        },
      );
      const next = await getJson<ProductList>('/products?q=kingston&sort=price_asc');
      expect(next.headers['x-cache']).toBe('miss');
      expect(next.body.items.find((p) => p.id === product.id)?.name).toBe(
        `${product.name} Renamed Elsewhere`,
      );
      expect((await getJson<ProductList>('/products?q=elsewhere')).body.items.map((p) => p.id)).toEqual([
        product.id,
      ]);
    });

    it('shows a sell-out at the other process in the next answer, and keeps answers across its other sales', async () => {
      const path = '/products?category=monitors&inStock=true&sort=price_asc&pageSize=100';
      const before = (await getJson<ProductList>(path)).body;
      // One unit less must leave it "in stock" (the demo catalog's low-stock threshold is 3).
      const stockOf = async (id: string) =>
        (
          (await fetch(`${server.url}/api/v1/admin/products/${id}/stock`, {
            headers: { authorization: `Bearer ${admin.token}` },
          }).then((r) => r.json())) as { available: number }
        ).available;
      let product = before.items[0]!;
      let available = 0;
      for (const item of before.items) {
        product = item;
        available = await stockOf(item.id);
        if (available > 4) break;
      }
      expect(available).toBeGreaterThan(4);
      const sellElsewhere = (quantity: number) =>
        inTransaction(other.db, async (tx) => {
          await sellFromShelf(tx, [{ productId: product.id, quantity }], {
            reference: 'elsewhere',
            actorId: null,
          });
          await recordStockChanges(tx, [product.id]);
        });
      await sellElsewhere(1);
      expect((await getJson(path)).headers['x-cache']).toBe('hit');
      await sellElsewhere(available - 1);
      const after = await getJson<ProductList>(path);
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.body.items.map((p) => p.id)).not.toContain(product.id);
      expect(after.body.total).toBe(before.total - 1);
    });
  });
});

/** A counter sale, through the ledger as a pushed sale goes (sync/sale.ts). */
function sell(productId: string, quantity: number) {
  return inTransaction(server.database.db, async (tx) => {
    await sellFromShelf(tx, [{ productId, quantity }], { reference: 'test sale', actorId: null });
    await recordStockChanges(tx, [productId]);
  });
}

function move(
  productId: string,
  type: 'reserve' | 'release' | 'receive',
  effect: { onHandDelta: number; reservedDelta: number },
) {
  return inTransaction(server.database.db, (tx) =>
    applyMovement(tx, { productId, type, ...effect, reference: 'test' }),
  );
}

/** The same numbers on every run (mulberry32): a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The URL the test server opened: its SQLite file in the data directory, or its MySQL database. */
async function serverDatabaseUrl(): Promise<string> {
  if (testDialect === 'sqlite') return `sqlite:${path.join(server.dataDir, 'shop.sqlite')}`;
  const { rows } = await sql<{ name: string }>`select database() as name`.execute(server.database.db);
  const url = new URL(process.env.MYSQL_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}
