/**
 * Product search on the demo catalog, run on SQLite and on MySQL/MariaDB: both dialects must give every golden
 * query the same total and the same first 10 products, in the same order (search-golden.json).
 *
 * After an intended change of the search index, the ranking or the demo catalog, regenerate the golden answers
 * from SQLite and review the diff before committing it:
 *
 *   UPDATE_SEARCH_GOLDEN=1 npx vitest run --project sqlite server/src/modules/catalog/search.test.ts
 *
 * In that mode the SQLite run writes the file instead of comparing (the MySQL run skips the golden queries); a
 * normal run on both dialects then checks MySQL against it. To add a golden query, add it to `goldenQueries`.
 * The semantic checks below keep the golden answers honest: they test what the answers must mean, from the
 * demo catalog's data, independently of the index.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductListQueryInput, ProductSummary } from '@shop/shared';
import { startTestServer, testDialect, type TestServer } from '../../../test/support';
import { demoCategories, demoProducts } from '../../seed/demo-catalog';

interface GoldenAnswer {
  query: string;
  total: number;
  /** SKUs of the first 10 results, in order. */
  top: string[];
}

const goldenFile = fileURLToPath(new URL('./search-golden.json', import.meta.url));
const updating = process.env.UPDATE_SEARCH_GOLDEN === '1';

const goldenQueries = [
  // Exact SKUs: as printed, lower case, without dashes, and one that is the prefix of another SKU.
  'CPU-INT-14700K',
  'cpu-int-14700k',
  'SSD-SAM-990P-1T',
  'ssdsam990p1t',
  'CPU-AMD-5600',
  'lap-apl-mba13-m4',
  'SSD-SAM',
  // Brands.
  'samsung',
  'western digital',
  'g.skill',
  'tp-link',
  'msi',
  // Short tokens.
  'i7',
  'i5',
  '4k',
  'm.2',
  'ddr5',
  '2tb',
  '1tb',
  'rtx 4060',
  'rtx4060',
  'wi-fi 6',
  'wifi6',
  'pcie4.0',
  // Several words.
  'ssd 1tb nvme',
  'gaming laptop rtx',
  '27 inch monitor',
  'ryzen 7',
  'mechanical keyboard',
  'intel core ultra',
  'samsung ssd',
  // Prefixes.
  'ryz',
  'geforc',
  'kingst',
  'thinkp',
  // Accents.
  'Ryzén',
  'GéForce RTX',
  // Khmer: graphics cards, a prefix of it, laptops (with their sub-categories), "SSD disk", a description word.
  'កាតក្រាហ្វិក',
  'កាត',
  'កុំព្យូទ័រយួរដៃ',
  'ថាស SSD',
  'ដាច់ភ្លើង',
  // Nothing matches.
  'zzzz-nothing',
  'ryzen geforce 4k',
  // Punctuation only: no search token, so the plain catalog listing.
  '!!!',
];

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
});
afterAll(() => server?.stop());

async function search(q: string, query: Omit<ProductListQueryInput, 'q'> = {}) {
  return server.client.listProducts({ query: { q, ...query } });
}

/** Every result of a search, page after page. */
async function searchAll(q: string, query: Omit<ProductListQueryInput, 'q' | 'page' | 'pageSize'> = {}) {
  const items: ProductSummary[] = [];
  for (let page = 1; ; page++) {
    const answer = await search(q, { ...query, page, pageSize: 100 });
    items.push(...answer.items);
    if (answer.items.length === 0 || items.length >= answer.total) {
      expect(items).toHaveLength(answer.total);
      return items;
    }
  }
}

async function goldenAnswer(query: string): Promise<GoldenAnswer> {
  const answer = await search(query, { pageSize: 10 });
  return { query, total: answer.total, top: answer.items.map((item) => item.sku) };
}

function readGolden(): GoldenAnswer[] {
  return JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as GoldenAnswer[];
}

async function writeGolden(answers: GoldenAnswer[]): Promise<void> {
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(goldenFile);
  const text = await prettier.format(JSON.stringify(answers), { ...options, filepath: goldenFile });
  fs.writeFileSync(goldenFile, text);
}

const demoBySku = new Map(demoProducts.map((p) => [p.sku, p]));
const demo = (sku: string) => {
  const product = demoBySku.get(sku);
  if (!product) throw new Error(`${sku} is not a demo product`);
  return product;
};
const specText = (sku: string) => Object.values(demo(sku).specs).map(String).join(' | ');
const skus = (items: ProductSummary[]) => items.map((item) => item.sku);
const sorted = (values: string[]) => [...values].sort();

describe('golden queries', () => {
  it('has at least 36 distinct queries', () => {
    expect(goldenQueries.length).toBeGreaterThanOrEqual(36);
    expect(new Set(goldenQueries).size).toBe(goldenQueries.length);
  });

  it.runIf(updating && testDialect === 'sqlite')(
    'writes search-golden.json from the SQLite answers',
    async () => {
      const answers: GoldenAnswer[] = [];
      for (const query of goldenQueries) answers.push(await goldenAnswer(query));
      await writeGolden(answers);
    },
  );

  describe.skipIf(updating)(`answers on ${testDialect}`, () => {
    const golden = updating ? [] : readGolden();

    it('the golden file holds the answers of exactly these queries', () => {
      expect(golden.map((answer) => answer.query)).toEqual(goldenQueries);
    });

    it.each(golden.map((answer) => [answer.query, answer] as const))('%s', async (query, expected) => {
      expect(await goldenAnswer(query)).toEqual(expected);
    });
  });
});

describe('search relevance', () => {
  it('every SKU, as printed, in lower case or without dashes, finds its product first', async () => {
    for (const product of demoProducts) {
      for (const typed of [product.sku, product.sku.toLowerCase(), product.sku.replace(/-/g, '')]) {
        const answer = await search(typed, { pageSize: 1 });
        expect(answer.items[0]?.sku, typed).toBe(product.sku);
      }
    }
  });

  it('an exact SKU ranks above a longer SKU it is the beginning of', async () => {
    expect(skus((await search('CPU-AMD-5600')).items)).toEqual(['CPU-AMD-5600', 'CPU-AMD-5600G']);
  });

  it('"i7" finds exactly the products with an i7 in their name or specs', async () => {
    const i7 = /(^|[^a-z0-9])i7([^a-z0-9]|$)/i;
    const items = await searchAll('i7');
    for (const item of items) expect(`${item.name} | ${item.keySpecs.join(' | ')}`, item.sku).toMatch(i7);
    const expected = demoProducts.filter((p) => i7.test(p.name) || i7.test(specText(p.sku)));
    expect(sorted(skus(items))).toEqual(sorted(expected.map((p) => p.sku)));
  });

  it('"ryz" finds the AMD Ryzen products, and what only mentions Ryzen in its description last', async () => {
    const items = await searchAll('ryz');
    const isRyzen = (sku: string) =>
      (demo(sku).brand === 'amd' && /^AMD Ryzen /.test(demo(sku).name)) || /^AMD Ryzen /.test(specText(sku));
    const ryzen = items.filter((item) => isRyzen(item.sku));
    const others = items.filter((item) => !isRyzen(item.sku));
    expect(sorted(skus(ryzen))).toEqual(sorted(demoProducts.filter((p) => isRyzen(p.sku)).map((p) => p.sku)));
    expect(ryzen.length).toBeGreaterThanOrEqual(15);
    // The only other match is memory tuned "for Ryzen 7000 and 9000 systems", ranked after every Ryzen product.
    expect(skus(others)).toEqual(['RAM-GSK-TZ5N-32K']);
    expect(demo('RAM-GSK-TZ5N-32K').description).toMatch(/Ryzen/);
    expect(items.at(-1)?.sku).toBe('RAM-GSK-TZ5N-32K');
  });

  it('"4k" finds every 4K (3840x2160) monitor and no other monitor', async () => {
    const items = await searchAll('4k');
    const monitors = items.filter((item) => item.category.slug === 'monitors');
    for (const monitor of monitors) expect(monitor.keySpecs, monitor.sku).toContain('3840x2160 (4K)');
    const uhd = demoProducts.filter(
      (p) => p.category === 'monitors' && String(p.specs.resolution).startsWith('3840x2160'),
    );
    expect(uhd.length).toBeGreaterThanOrEqual(5);
    expect(sorted(skus(monitors))).toEqual(sorted(uhd.map((p) => p.sku)));
  });

  it('"ssd 1tb nvme" finds exactly the 1TB NVMe SSDs', async () => {
    const items = await searchAll('ssd 1tb nvme');
    for (const item of items) {
      expect(item.category.slug, item.sku).toBe('ssds');
      expect(demo(item.sku).specs.capacityGb, item.sku).toBe(1000);
      expect(String(demo(item.sku).specs.interface), item.sku).toMatch(/NVMe/);
    }
    const expected = demoProducts.filter(
      (p) =>
        p.category === 'ssds' && p.specs.capacityGb === 1000 && String(p.specs.interface).includes('NVMe'),
    );
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(sorted(skus(items))).toEqual(sorted(expected.map((p) => p.sku)));
  });

  it('a Khmer category name, or its beginning, finds exactly the products of that category', async () => {
    const graphics = demoCategories.find((c) => c.slug === 'graphics-cards')!;
    const gpus = demoProducts.filter((p) => p.category === 'graphics-cards').map((p) => p.sku);
    for (const q of [graphics.nameKm, [...graphics.nameKm].slice(0, 3).join('')]) {
      const items = await searchAll(q);
      for (const item of items) expect(item.category.slug, `${q}: ${item.sku}`).toBe('graphics-cards');
      expect(sorted(skus(items)), q).toEqual(sorted(gpus));
    }
  });

  it('the Khmer name of laptops finds the laptops of both sub-categories', async () => {
    const laptops = demoCategories.find((c) => c.slug === 'laptops')!;
    const items = await searchAll(laptops.nameKm);
    const expected = demoProducts.filter(
      (p) => p.category === 'gaming-laptops' || p.category === 'business-laptops',
    );
    expect(sorted(skus(items))).toEqual(sorted(expected.map((p) => p.sku)));
  });

  it('a zero-width space typed by the Khmer keyboard separates words like a space', async () => {
    const withSpace = await searchAll('ថាស SSD');
    const withZeroWidthSpace = await searchAll('ថាស\u200bSSD');
    expect(withSpace.length).toBe(demoProducts.filter((p) => p.category === 'ssds').length);
    expect(skus(withZeroWidthSpace)).toEqual(skus(withSpace));
  });

  it('products named after a word rank above products that only mention it in their description', async () => {
    const items = await searchAll('gaming');
    const position = (sku: string) => skus(items).indexOf(sku);
    const named = items.filter((item) => /gaming/i.test(item.name));
    expect(named.length).toBeGreaterThanOrEqual(20);
    // The X3D processors only say "gaming" in their description.
    for (const sku of ['CPU-AMD-7800X3D', 'CPU-AMD-9800X3D']) {
      expect(demo(sku).name).not.toMatch(/gaming/i);
      expect(demo(sku).description).toMatch(/gaming/i);
      expect(position(sku)).toBeGreaterThan(-1);
      for (const item of named)
        expect(position(item.sku), `${item.sku} before ${sku}`).toBeLessThan(position(sku));
    }
  });

  it('products with the same score are in name order', async () => {
    const items = await searchAll('samsung');
    expect(items.every((item) => item.brand.slug === 'samsung')).toBe(true);
    const names = items.map((item) => item.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('a query without any letter or digit lists the catalog like no query', async () => {
    const listing = await server.client.listProducts({ query: { pageSize: 10 } });
    const punctuation = await search('!!!', { pageSize: 10 });
    expect(punctuation.total).toBe(demoProducts.length);
    expect(skus(punctuation.items)).toEqual(skus(listing.items));
  });

  it('answers queries at the edges of Unicode normally', async () => {
    for (const q of ['\u{10ffff}', 'a\u{10ffff}', 'ryz\u{10ffff}', '\ud7ff', '\u{1f600}']) {
      expect((await search(q)).total, JSON.stringify(q)).toBe(0);
    }
  });
});

describe('search with filters and sort', () => {
  it('q=ssd, brand=samsung, sort=price_asc: only Samsung SSDs, cheapest first', async () => {
    const items = await searchAll('ssd', { brand: ['samsung'], sort: 'price_asc' });
    expect(items.length).toBe(
      demoProducts.filter((p) => p.brand === 'samsung' && p.category === 'ssds').length,
    );
    for (const item of items) expect(item.brand.slug).toBe('samsung');
    const prices = items.map((item) => item.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    // Some prices are equal: the order of equal prices is the same on every call.
    expect(new Set(prices).size).toBeLessThan(prices.length);
    expect(skus(await searchAll('ssd', { brand: ['samsung'], sort: 'price_asc' }))).toEqual(skus(items));
  });

  it('sort=price_desc and sort=name order the same matches', async () => {
    const relevance = await searchAll('ssd 1tb nvme');
    const byPrice = await searchAll('ssd 1tb nvme', { sort: 'price_desc' });
    const byName = await searchAll('ssd 1tb nvme', { sort: 'name' });
    expect(sorted(skus(byPrice))).toEqual(sorted(skus(relevance)));
    expect(sorted(skus(byName))).toEqual(sorted(skus(relevance)));
    const prices = byPrice.map((item) => item.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const names = byName.map((item) => item.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('combines a search with category, price and stock filters', async () => {
    const all = await searchAll('rtx');
    const items = await searchAll('rtx', {
      category: 'laptops',
      minPrice: 100_000,
      maxPrice: 200_000,
      inStock: true,
    });
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(all.length);
    for (const item of items) {
      expect(item.category.slug).toBe('gaming-laptops');
      expect(item.priceCents).toBeGreaterThanOrEqual(100_000);
      expect(item.priceCents).toBeLessThanOrEqual(200_000);
      expect(item.availability).not.toBe('out_of_stock');
    }
    const expected = all.filter(
      (item) =>
        item.category.slug === 'gaming-laptops' &&
        item.priceCents >= 100_000 &&
        item.priceCents <= 200_000 &&
        item.availability !== 'out_of_stock',
    );
    // Filters keep the relevance order of the plain search.
    expect(skus(items)).toEqual(skus(expected));
  });

  it('facets count the matches of the search, each ignoring its own filter', async () => {
    const answer = await search('ssd', { brand: ['samsung'] });
    const everyBrand = await search('ssd');
    expect(answer.facets.brands).toEqual(everyBrand.facets.brands);
    expect(answer.facets.brands.reduce((sum, brand) => sum + brand.count, 0)).toBe(everyBrand.total);
    expect(answer.facets.brands.find((brand) => brand.value === 'samsung')?.count).toBe(answer.total);
    expect(answer.facets.categories.reduce((sum, category) => sum + category.count, 0)).toBe(answer.total);
  });

  it('pages of a search neither repeat nor skip a product', async () => {
    const firstTen = skus((await search('1tb', { pageSize: 10 })).items);
    const page1 = skus((await search('1tb', { pageSize: 5, page: 1 })).items);
    const page2 = skus((await search('1tb', { pageSize: 5, page: 2 })).items);
    expect([...page1, ...page2]).toEqual(firstTen);
  });

  it('a search without matches answers empty facets', async () => {
    const answer = await search('zzzz-nothing', { brand: ['samsung'] });
    expect(answer.total).toBe(0);
    expect(answer.items).toEqual([]);
    expect(answer.facets.brands).toEqual([]);
    expect(answer.facets.categories).toEqual([]);
    expect(answer.facets.price).toEqual({ minCents: null, maxCents: null });
  });
});
