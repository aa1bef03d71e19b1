import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProductListQueryInput, type ProductSummary, type ShopClient } from '@shop/shared';
import { browserClient, signedInAs, startTestServer, type TestServer } from '../../../test/support';
import { feedHead, readChanges } from '../sync/change-log';
import { failure } from '../../../test/factory';

let server: TestServer;
let api: ShopClient;

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
  api = server.client;
});
afterAll(() => server?.stop());

const list = (query: ProductListQueryInput) => api.listProducts({ query });

async function everyPage(query: ProductListQueryInput): Promise<ProductSummary[]> {
  const items: ProductSummary[] = [];
  for (let page = 1; ; page++) {
    const answer = await list({ ...query, page, pageSize: 100 });
    items.push(...answer.items);
    if (items.length >= answer.total) return items;
  }
}

describe('the public catalog', () => {
  it('lists categories as a tree with English and Khmer names, and brands with counts', async () => {
    const { items: categories } = await api.listCategories({});
    expect(categories.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(12);
    const laptops = categories.find((c) => c.slug === 'laptops')!;
    const children = categories.filter((c) => c.parentId === laptops.id);
    expect(children.map((c) => c.slug).sort()).toEqual(['business-laptops', 'gaming-laptops']);
    expect(laptops.productCount).toBe(children.reduce((n, c) => n + c.productCount, 0));
    for (const category of categories) expect(category.nameKm).toMatch(/[\u1780-\u17ff]/);

    const { items: brands } = await api.listBrands({});
    expect(brands.find((b) => b.slug === 'samsung')?.productCount).toBeGreaterThan(0);
  });

  it('has at least 200 products, with some low and some out of stock', async () => {
    const all = await everyPage({});
    expect(all.length).toBeGreaterThanOrEqual(200);
    const availability = new Set(all.map((p) => p.availability));
    expect(availability).toEqual(new Set(['in_stock', 'low_stock', 'out_of_stock']));
    expect(all.every((p) => p.imageUrl?.startsWith('/files/products/'))).toBe(true);
  });

  it('shows a product by slug or id, with typed specs and availability but no stock counts', async () => {
    const { items } = await list({ category: 'ssds', pageSize: 1 });
    const bySlug = await api.getProduct({ params: { idOrSlug: items[0]!.slug } });
    const byId = await api.getProduct({ params: { idOrSlug: items[0]!.id } });
    expect(byId).toEqual(bySlug);
    expect(bySlug.specs.find((s) => s.key === 'capacityGb')).toMatchObject({ label: 'Capacity' });
    expect(JSON.stringify(bySlug)).not.toMatch(/onHand|reserved|on_hand/);

    const image = await fetch(`${server.url}${bySlug.imageUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toContain('image/svg+xml');
    expect(image.headers.get('cache-control')).toContain('max-age=');
  });

  it('speaks Khmer where buyers decide: spec labels, word values, key specs, facets and descriptions', async () => {
    const { items, facets } = await list({ category: 'keyboards-mice' });
    const mouse = (await everyPage({ category: 'keyboards-mice' })).find((p) => p.keySpecs[0] === 'Mouse')!;
    const detail = await api.getProduct({ params: { idOrSlug: mouse.slug } });
    expect(detail.descriptionKm).toMatch(/^កណ្ដុរ /);
    expect(detail.specs.find((s) => s.key === 'type')).toMatchObject({
      label: 'Type',
      labelKm: 'ប្រភេទ',
      display: 'Mouse',
      displayKm: 'កណ្ដុរ',
    });
    // Counts say what they count; big ones are grouped.
    const dpi = detail.specs.find((s) => s.key === 'dpi')!;
    expect(dpi.display).toMatch(/^\d{1,2}(,\d{3})? DPI$/);
    expect(mouse.keySpecsKm[0]).toBe('កណ្ដុរ');
    expect(items.length).toBeGreaterThan(0);
    const type = facets.specs.find((s) => s.key === 'type')!;
    expect(type.labelKm).toBe('ប្រភេទ');
    expect(type.values.find((v) => v.value === 'Mouse')).toMatchObject({ label: 'Mouse', labelKm: 'កណ្ដុរ' });

    const { items: cpus } = await list({ category: 'cpus', pageSize: 1 });
    expect(cpus[0]!.keySpecs[0]).toMatch(/^\d+ cores \/ \d+ threads$/);
    expect(cpus[0]!.keySpecsKm[0]).toMatch(/^\d+ ស្នូល \/ \d+ ខ្សែស្រឡាយ$/);
    const cpu = await api.getProduct({ params: { idOrSlug: cpus[0]!.slug } });
    expect(cpu.specs.find((s) => s.key === 'integratedGraphics')?.displayKm).toMatch(/^(មាន|គ្មាន)$/);
    // A model name reads the same in both languages: it is its own Khmer text, not "English".
    expect(cpu.specs.find((s) => s.key === 'socket')).toMatchObject({ labelKm: 'រន្ធដោត' });
    expect(cpu.specs.find((s) => s.key === 'socket')?.displayKm).toBe(
      cpu.specs.find((s) => s.key === 'socket')?.display,
    );
  });

  it('answers 404 for unknown products and categories', async () => {
    expect(await failure(api.getProduct({ params: { idOrSlug: 'no-such-thing' } }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await failure(list({ category: 'no-such-category' }))).toMatchObject({ status: 404 });
  });
});

describe('filters', () => {
  it('a category includes its sub-categories', async () => {
    const laptops = await everyPage({ category: 'laptops' });
    const gaming = await list({ category: 'gaming-laptops' });
    const business = await list({ category: 'business-laptops' });
    expect(laptops.length).toBe(gaming.total + business.total);
    expect(new Set(laptops.map((p) => p.category.slug))).toEqual(
      new Set(['gaming-laptops', 'business-laptops']),
    );
  });

  it('brands (several at once), price range, in stock and spec values', async () => {
    const twoBrands = await everyPage({ brand: ['samsung', 'kingston'] });
    expect(new Set(twoBrands.map((p) => p.brand.slug))).toEqual(new Set(['samsung', 'kingston']));

    const priced = await everyPage({ minPrice: 5000, maxPrice: 10000 });
    expect(priced.length).toBeGreaterThan(0);
    expect(priced.every((p) => p.priceCents >= 5000 && p.priceCents <= 10000)).toBe(true);

    const inStock = await everyPage({ inStock: true });
    const all = await list({});
    expect(inStock.every((p) => p.availability !== 'out_of_stock')).toBe(true);
    expect(inStock.length).toBe(all.facets.inStock);

    const am5 = await everyPage({ category: 'cpus', spec: ['socket:AM5'] });
    expect(am5.length).toBeGreaterThan(0);
    for (const cpu of am5) {
      const detail = await api.getProduct({ params: { idOrSlug: cpu.slug } });
      expect(detail.specs.find((s) => s.key === 'socket')?.value).toBe('AM5');
    }
    const am5OrLga = await list({ category: 'cpus', spec: ['socket:AM5', 'socket:LGA1700'] });
    const lga = await list({ category: 'cpus', spec: ['socket:LGA1700'] });
    expect(am5OrLga.total).toBe(am5.length + lga.total);
    const am5With8Cores = await list({ category: 'cpus', spec: ['socket:AM5', 'cores:8'] });
    expect(am5With8Cores.total).toBeLessThan(am5.length);
  });

  it('facet counts describe the current result and ignore their own filter', async () => {
    const ssds = await list({ category: 'ssds' });
    expect(ssds.facets.brands.reduce((n, b) => n + b.count, 0)).toBe(ssds.total);
    const samsung = ssds.facets.brands.find((b) => b.value === 'samsung')!;
    const onlySamsung = await list({ category: 'ssds', brand: ['samsung'] });
    expect(onlySamsung.total).toBe(samsung.count);
    expect(onlySamsung.facets.brands).toEqual(ssds.facets.brands);

    const capacity = ssds.facets.specs.find((f) => f.key === 'capacityGb')!;
    expect(capacity.values.map((v) => Number(v.value))).toEqual(
      [...capacity.values.map((v) => Number(v.value))].sort((a, b) => a - b),
    );
    const oneTb = capacity.values.find((v) => v.value === '1000')!;
    expect(oneTb.label).toBe('1TB');
    expect((await list({ category: 'ssds', spec: ['capacityGb:1000'] })).total).toBe(oneTb.count);
    expect(ssds.facets.price.minCents).toBe(
      Math.min(...(await everyPage({ category: 'ssds' })).map((p) => p.priceCents)),
    );
  });
});

describe('sort and pagination', () => {
  const isSorted = <T>(values: T[], compare: (a: T, b: T) => number) =>
    values.every((v, i) => i === 0 || compare(values[i - 1]!, v) <= 0);

  it('sorts by price both ways, by name and by newest', async () => {
    const up = await everyPage({ category: 'monitors', sort: 'price_asc' });
    expect(
      isSorted(
        up.map((p) => p.priceCents),
        (a, b) => a - b,
      ),
    ).toBe(true);
    const down = await everyPage({ category: 'monitors', sort: 'price_desc' });
    expect(
      isSorted(
        down.map((p) => p.priceCents),
        (a, b) => b - a,
      ),
    ).toBe(true);
    const byName = await everyPage({ category: 'monitors', sort: 'name' });
    expect(
      isSorted(
        byName.map((p) => p.name.toLowerCase()),
        (a, b) => (a < b ? -1 : a > b ? 1 : 0),
      ),
    ).toBe(true);

    const newest = await list({ category: 'monitors', sort: 'newest', pageSize: 100 });
    const created = await Promise.all(
      newest.items.map((p) => api.getProduct({ params: { idOrSlug: p.id } })),
    );
    expect(
      isSorted(
        created.map((p) => p.createdAt),
        (a, b) => b - a,
      ),
    ).toBe(true);
  });

  it('pages without gaps or repeats, and past the end answers an empty page with the total', async () => {
    const whole = await list({ pageSize: 100, sort: 'price_asc' });
    const pages = [1, 2, 3, 4, 5].map((page) => list({ pageSize: 20, page, sort: 'price_asc' }));
    const joined = (await Promise.all(pages)).flatMap((p) => p.items.map((i) => i.id));
    expect(joined).toEqual(whole.items.map((i) => i.id));

    const total = whole.total;
    const last = await list({ pageSize: 25, page: Math.ceil(total / 25) });
    expect(last.items.length).toBe(total - 25 * (Math.ceil(total / 25) - 1));
    const beyond = await list({ pageSize: 25, page: Math.ceil(total / 25) + 1 });
    expect(beyond).toMatchObject({ items: [], total, page: Math.ceil(total / 25) + 1, pageSize: 25 });
    expect((await list({})).pageSize).toBe(24);
  });

  it('rejects bad query parameters with a 400 naming each field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ page: '0' }, 'page'],
      [{ pageSize: '101' }, 'pageSize'],
      [{ pageSize: 'ten' }, 'pageSize'],
      [{ sort: 'cheapest' }, 'sort'],
      [{ minPrice: '-1' }, 'minPrice'],
      [{ minPrice: '500', maxPrice: '100' }, 'maxPrice'],
      [{ inStock: 'maybe' }, 'inStock'],
      [{ spec: 'socket' }, 'spec.0'],
      [{ brand: 'Not A Slug!' }, 'brand.0'],
      [{ q: 'x'.repeat(201) }, 'q'],
    ];
    for (const [query, field] of cases) {
      const response = await fetch(`${server.url}/api/v1/products?${new URLSearchParams(query)}`);
      const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(body.error.code).toBe('invalid');
      expect(Object.keys(body.error.fields), JSON.stringify(query)).toContain(field);
    }
  });
});

describe('back-office catalog', () => {
  it('is closed to anonymous callers (401) and to customers and staff (403)', async () => {
    const body = { sku: 'X-1', name: 'Nope', categoryId: 'c', brandId: 'b', priceCents: 1 };
    const anonymousBrowser = browserClient(server.url).client;
    expect(await failure(anonymousBrowser.createProduct({ body }))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect(await failure(api.createProduct({ body }))).toMatchObject({
      status: 403,
      message: expect.stringContaining('CSRF'),
    });
    for (const role of ['customer', 'staff'] as const) {
      const client = (await signedInAs(server.database.db, role)).client(server.url);
      expect(await failure(client.createProduct({ body }))).toMatchObject({ status: 403, code: 'forbidden' });
    }
    const forged = await fetch(`${server.url}/api/v1/admin/products`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-real-session', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(forged.status).toBe(401);
  });

  it('an admin creates and changes a product; search, listing and the change feed follow', async () => {
    const admin = (await signedInAs(server.database.db, 'admin')).client(server.url);
    const { items: categories } = await api.listCategories({});
    const { items: brands } = await api.listBrands({});
    const ssdCategory = categories.find((c) => c.slug === 'ssds')!;
    const lexar = brands.find((b) => b.slug === 'lexar') ?? brands[0]!;
    const feedBefore = await feedHead(server.database.db);

    const created = await admin.createProduct({
      body: {
        sku: 'ssd-lex-nm990-4t',
        barcode: '0712345678911',
        name: 'Lexar NM990 4TB PCIe 5.0 NVMe M.2 SSD',
        categoryId: ssdCategory.id,
        brandId: lexar.id,
        priceCents: 38900,
        warrantyMonths: 60,
        serialized: true,
        specs: { capacityGb: 4000, interface: 'PCIe 5.0 x4 NVMe', formFactor: 'M.2 2280' },
      },
    });
    expect(created).toMatchObject({
      sku: 'SSD-LEX-NM990-4T',
      slug: 'lexar-nm990-4tb-pcie-5-0-nvme-m-2-ssd',
      availability: 'out_of_stock',
      keySpecs: ['4TB', 'PCIe 5.0 x4 NVMe', 'M.2 2280'],
    });
    expect((await list({ q: 'nm990' })).items[0]?.id).toBe(created.id);

    const changed = await admin.updateProduct({
      params: { id: created.id },
      body: { priceCents: 35900, name: 'Lexar NM990 4TB SSD' },
    });
    expect(changed).toMatchObject({ priceCents: 35900, name: 'Lexar NM990 4TB SSD', slug: created.slug });
    expect((await list({ q: 'nm990' })).items[0]?.priceCents).toBe(35900);

    // A Khmer description, written and then cleared: the answer then has none and Khmer pages show the English.
    const described = await admin.updateProduct({
      params: { id: created.id },
      body: { description: 'Fast 4TB SSD.', descriptionKm: 'ថាស SSD 4TB លឿន។' },
    });
    expect(described).toMatchObject({ description: 'Fast 4TB SSD.', descriptionKm: 'ថាស SSD 4TB លឿន។' });
    expect(await api.getProduct({ params: { idOrSlug: created.slug } })).toMatchObject({
      descriptionKm: 'ថាស SSD 4TB លឿន។',
    });
    const cleared = await admin.updateProduct({ params: { id: created.id }, body: { descriptionKm: '' } });
    expect(cleared.description).toBe('Fast 4TB SSD.');
    expect(cleared).not.toHaveProperty('descriptionKm');

    await admin.updateProduct({ params: { id: created.id }, body: { active: false } });
    expect(await failure(api.getProduct({ params: { idOrSlug: created.slug } }))).toMatchObject({
      status: 404,
    });
    expect((await list({ q: 'nm990' })).total).toBe(0);

    const feed = await readChanges(server.database.db, feedBefore, 100);
    expect(
      feed.changes.filter((c) => c.entityId === created.id).map((c) => `${c.entity}:${c.operation}`),
    ).toEqual([
      'product:upsert',
      'stock:upsert',
      'product:upsert',
      'product:upsert',
      'product:upsert',
      'product:upsert',
    ]);
  });

  it('refuses duplicates, unknown references and specs that do not fit the category', async () => {
    const admin = (await signedInAs(server.database.db, 'admin')).client(server.url);
    const { items: categories } = await api.listCategories({});
    const { items: brands } = await api.listBrands({});
    const cpus = categories.find((c) => c.slug === 'cpus')!;
    const existing = (await list({ category: 'cpus', pageSize: 1 })).items[0]!;
    const base = { name: 'Test CPU', categoryId: cpus.id, brandId: brands[0]!.id, priceCents: 1000 };

    expect(
      await failure(admin.createProduct({ body: { ...base, sku: existing.sku.toLowerCase() } })),
    ).toMatchObject({
      status: 409,
      fields: { sku: expect.any(String) },
    });
    expect(
      await failure(admin.createProduct({ body: { ...base, sku: 'T-2', categoryId: 'nope' } })),
    ).toMatchObject({
      status: 400,
      fields: { categoryId: expect.any(String) },
    });
    expect(
      await failure(
        admin.createProduct({ body: { ...base, sku: 'T-3', specs: { cores: '8', wattage: 500 } } }),
      ),
    ).toMatchObject({
      status: 400,
      fields: { 'specs.cores': 'must be a number', 'specs.wattage': expect.any(String) },
    });
    expect(
      await failure(admin.createProduct({ body: { ...base, sku: 'T-4', priceCents: 12.5 } })),
    ).toMatchObject({
      status: 400,
      fields: { priceCents: expect.any(String) },
    });
    expect(
      await failure(admin.updateProduct({ params: { id: 'missing' }, body: { priceCents: 1 } })),
    ).toMatchObject({
      status: 404,
    });
    expect(await failure(admin.updateProduct({ params: { id: existing.id }, body: {} }))).toMatchObject({
      status: 400,
    });
  });
});
