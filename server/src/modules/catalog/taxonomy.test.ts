import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopClient } from '@shop/shared';
import { signedInAs, startTestServer, type TestServer } from '../../../test/support';
import { failure } from '../../../test/factory';

let server: TestServer;
let admin: ShopClient;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
  const signedIn = await signedInAs(server.database.db, 'admin');
  admin = signedIn.client(server.url);
  adminId = signedIn.userId;
});
afterAll(() => server?.stop());

const auditRows = (entityId: string) =>
  server.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();

describe('categories and brands in the back office', () => {
  it('creates a sub-category; renaming it re-indexes its products for search', async () => {
    const { items } = await server.client.listCategories({});
    const monitors = items.find((c) => c.slug === 'monitors')!;
    const portable = await admin.createCategory({
      body: { name: 'Portable monitors', nameKm: 'ម៉ូនីទ័រចល័ត', parentId: monitors.id, specKind: 'monitor' },
    });
    expect(portable).toMatchObject({ slug: 'portable-monitors', parentId: monitors.id, productCount: 0 });

    const { items: brands } = await server.client.listBrands({});
    const product = await admin.createProduct({
      body: {
        sku: 'MON-ASU-MB16',
        name: 'ASUS ZenScreen 15.6"',
        categoryId: portable.id,
        brandId: brands[0]!.id,
        priceCents: 19900,
      },
    });
    expect((await server.client.listProducts({ query: { q: 'portable' } })).items.map((p) => p.id)).toContain(
      product.id,
    );
    expect(
      (await server.client.listProducts({ query: { category: 'monitors', q: 'zenscreen' } })).total,
    ).toBe(1);

    await admin.updateCategory({
      params: { id: portable.id },
      body: { name: 'Travel displays', nameKm: 'អេក្រង់ធ្វើដំណើរ' },
    });
    expect(
      (await server.client.listProducts({ query: { q: 'travel displays' } })).items.map((p) => p.id),
    ).toEqual([product.id]);
    expect((await server.client.listProducts({ query: { q: 'portable monitors' } })).total).toBe(0);
    // The whole Khmer word: its beginning "អេក្រង់" (screen) is a search synonym of every monitor.
    expect(
      (await server.client.listProducts({ query: { q: 'អេក្រង់ធ្វើដំណើរ' } })).items.map((p) => p.id),
    ).toEqual([product.id]);

    const audit = await auditRows(portable.id);
    expect(audit.map((a) => a.action)).toEqual(['category.create', 'category.update']);
    expect(audit[1]).toMatchObject({ actor_id: adminId, ip: expect.stringMatching(/127\.0\.0\.1/) });
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ name: 'Portable monitors' });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ name: 'Travel displays' });
  });

  it('refuses loops, unknown parents, duplicate slugs and a kind change under existing products', async () => {
    const { items } = await server.client.listCategories({});
    const laptops = items.find((c) => c.slug === 'laptops')!;
    const gaming = items.find((c) => c.slug === 'gaming-laptops')!;
    expect(
      await failure(admin.updateCategory({ params: { id: laptops.id }, body: { parentId: gaming.id } })),
    ).toMatchObject({
      status: 400,
      fields: { parentId: 'would make a loop' },
    });
    expect(
      await failure(admin.updateCategory({ params: { id: laptops.id }, body: { parentId: laptops.id } })),
    ).toMatchObject({ status: 400 });
    expect(
      await failure(
        admin.createCategory({
          body: { name: 'Orphans', nameKm: 'ផ្សេងៗ', parentId: 'missing', specKind: 'general' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { parentId: 'no such category' } });
    expect(
      await failure(
        admin.createCategory({ body: { slug: 'cpus', name: 'CPUs again', nameKm: 'ស៊ីភីយូ', specKind: 'cpu' } }),
      ),
    ).toMatchObject({ status: 409, fields: { slug: 'already used' } });
    expect(
      await failure(admin.updateCategory({ params: { id: gaming.id }, body: { specKind: 'gpu' } })),
    ).toMatchObject({
      status: 409,
      fields: { specKind: expect.any(String) },
    });
    expect(
      await failure(admin.updateCategory({ params: { id: 'missing' }, body: { name: 'Nothing' } })),
    ).toMatchObject({ status: 404 });
  });

  it('renaming a brand re-indexes its products; brands need unique slugs', async () => {
    const brand = await admin.createBrand({ body: { name: 'Orico' } });
    expect(brand).toMatchObject({ slug: 'orico', productCount: 0 });
    const { items: categories } = await server.client.listCategories({});
    await admin.createProduct({
      body: {
        sku: 'ACC-ORI-HUB7',
        name: '7-port USB 3.0 hub',
        categoryId: categories.find((c) => c.slug === 'accessories')!.id,
        brandId: brand.id,
        priceCents: 2500,
      },
    });
    expect((await server.client.listProducts({ query: { q: 'orico hub' } })).total).toBe(1);
    const renamed = await admin.updateBrand({
      params: { id: brand.id },
      body: { name: 'ORICO Technologies' },
    });
    expect(renamed).toMatchObject({ name: 'ORICO Technologies', slug: 'orico', productCount: 1 });
    expect((await server.client.listProducts({ query: { q: 'technologies hub' } })).total).toBe(1);
    expect(await failure(admin.createBrand({ body: { name: 'Samsung' } }))).toMatchObject({ status: 409 });
    expect((await auditRows(brand.id)).map((a) => a.action)).toEqual(['brand.create', 'brand.update']);
  });
});
