import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ProductDetail, ShopClient } from '@shop/shared';
import { aProductWithStock, failure, useTestShop } from '../../../test/factory';
import { picture } from '../../../test/pictures';

/** The back office's product list and picture routes through real HTTP, on the dialect the project runs. */
const shop = useTestShop();

const tagged = () =>
  `ADM${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 5).toUpperCase()}`;

describe('the back office product list', () => {
  it('lists active and inactive products with their stock state, filtered and paged on the server', async () => {
    const tag = tagged();
    const plenty = await aProductWithStock(shop, { sku: `${tag}-A`, stock: 9, reorderLevel: 3 });
    const low = await aProductWithStock(shop, { sku: `${tag}-B`, stock: 2, reorderLevel: 3 });
    const out = await aProductWithStock(shop, { sku: `${tag}-C`, stock: 0 });
    const hidden = await aProductWithStock(shop, { sku: `${tag}-D`, stock: 4, active: false });

    const all = await shop.staff.listAdminProducts({ query: { q: tag } });
    expect(all.total).toBe(4);
    const row = all.items.find((i) => i.id === low.id)!;
    expect(row).toMatchObject({ sku: `${tag}-B`, available: 2, reorderLevel: 3, stock: 'low', active: true });
    // Staff count stock; what it cost the shop is not theirs to read.
    expect(row).not.toHaveProperty('costCents');

    const ids = async (query: Parameters<ShopClient['listAdminProducts']>[0]['query']) =>
      (await shop.staff.listAdminProducts({ query: { q: tag, ...query } })).items.map((i) => i.id).sort();
    expect(await ids({ stock: 'in' })).toEqual([hidden.id, plenty.id].sort());
    expect(await ids({ stock: 'low' })).toEqual([low.id]);
    expect(await ids({ stock: 'out' })).toEqual([out.id]);
    expect(await ids({ active: 'no' })).toEqual([hidden.id]);
    expect(await ids({ active: 'yes', stock: 'in' })).toEqual([plenty.id]);
    expect(await ids({ id: hidden.id })).toEqual([hidden.id]);

    const sorted = await shop.staff.listAdminProducts({
      query: { q: tag, sort: 'available', pageSize: 2, page: 2 },
    });
    expect(sorted).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(sorted.items.map((i) => i.id)).toEqual([hidden.id, plenty.id]);
  });

  it('finds a product by its scanned barcode and by the start of its SKU, % and _ taken literally', async () => {
    const tag = tagged();
    const barcode = `${Date.now()}`.slice(-12).padStart(12, '4');
    const scanned = await aProductWithStock(shop, { sku: `${tag}_1`, barcode, stock: 1 });
    await aProductWithStock(shop, { sku: `${tag}X1`, stock: 1 });
    const found = async (q: string) =>
      (await shop.staff.listAdminProducts({ query: { q } })).items.map((i) => i.id);
    expect(await found(barcode)).toEqual([scanned.id]);
    expect(await found(`${tag}_1`)).toEqual([scanned.id]);
    expect(await found(`${tag.toLowerCase()}_`)).toEqual([scanned.id]);
    expect(await found(`${tag}%`)).toEqual([]);
  });

  it('filters by a category with the categories under it, and by brand', async () => {
    const tag = tagged();
    const parent = await shop.admin.createCategory({
      body: { name: `Storage ${tag}`, nameKm: 'ឧបករណ៍ផ្ទុក', specKind: 'general' },
    });
    const child = await shop.admin.createCategory({
      body: { name: `NVMe ${tag}`, nameKm: 'អេសអេសឌី', specKind: 'general', parentId: parent.id },
    });
    const brand = await shop.admin.createBrand({ body: { name: `Brand ${tag}` } });
    const inChild = await shop.admin.createProduct({
      body: {
        sku: `${tag}-N`,
        name: `Drive ${tag}`,
        categoryId: child.id,
        brandId: brand.id,
        priceCents: 100,
      },
    });
    const inParent = await shop.admin.createProduct({
      body: {
        sku: `${tag}-P`,
        name: `Dock ${tag}`,
        categoryId: parent.id,
        brandId: brand.id,
        priceCents: 100,
      },
    });
    const byCategory = async (categoryId: string) =>
      (await shop.staff.listAdminProducts({ query: { categoryId } })).items.map((i) => i.id).sort();
    expect(await byCategory(parent.id)).toEqual([inChild.id, inParent.id].sort());
    expect(await byCategory(child.id)).toEqual([inChild.id]);
    expect(await byCategory('01NOSUCHCATEGORY')).toEqual([]);
    const byBrand = await shop.staff.listAdminProducts({ query: { brandId: brand.id } });
    expect(byBrand.items.map((i) => i.category.nameKm).sort()).toEqual(['ឧបករណ៍ផ្ទុក', 'អេសអេសឌី'].sort());
  });

  it('refuses a query it does not know', async () => {
    expect(await failure(shop.staff.listAdminProducts({ query: { stock: 'plenty' as 'in' } }))).toMatchObject(
      {
        status: 400,
      },
    );
  });
});

describe('product pictures in the back office', () => {
  async function withPictures(colors: string[]): Promise<ProductDetail> {
    const product = await aProductWithStock(shop, { stock: 0 });
    let detail: ProductDetail = product;
    for (const color of colors) {
      const form = new FormData();
      const png = await picture(400, 300, color).png().toBuffer();
      form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png');
      const response = await fetch(`${shop.server.url}/api/v1/admin/products/${product.id}/images`, {
        method: 'POST',
        headers: { authorization: `Bearer ${shop.adminUser.token}` },
        body: form,
      });
      expect(response.status, await response.clone().text()).toBe(201);
      detail = (await response.json()) as ProductDetail;
    }
    return detail;
  }

  it('answers a listed picture as WebP in the width asked for, to staff', async () => {
    const product = await withPictures(['#aa2222']);
    const imageId = product.images[0]!.id!;
    const file = (await shop.staff.getProductImageFile({
      params: { id: product.id, imageId },
      query: { width: '480' },
    })) as Blob;
    const metadata = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 400 });
    const row = (await shop.staff.listAdminProducts({ query: { q: product.sku } })).items[0]!;
    expect(row.imageId).toBe(imageId);
  });

  it('answers no picture the product does not list, nor another product’s', async () => {
    const [one, other] = [await withPictures(['#22aa22']), await withPictures(['#2222aa'])];
    expect(
      await failure(
        shop.staff.getProductImageFile({ params: { id: one.id, imageId: other.images[0]!.id! }, query: {} }),
      ),
    ).toMatchObject({ status: 404 });
    expect(
      await failure(
        shop.staff.getProductImageFile({ params: { id: one.id, imageId: '..%2F..%2Fsecret' }, query: {} }),
      ),
    ).toMatchObject({ status: 404 });
  });

  it('puts pictures in a new order (admins), naming each of them once', async () => {
    const product = await withPictures(['#111111', '#555555', '#999999']);
    const [a, b, c] = product.images.map((i) => i.id!);
    const ordered = await shop.admin.orderProductImages({
      params: { id: product.id },
      body: { imageIds: [c!, a!, b!] },
    });
    expect(ordered.images.map((i) => i.id)).toEqual([c, a, b]);
    expect(ordered.imageUrl).toContain(c);
    // The web shop sees the new main picture at once.
    expect((await shop.admin.getProduct({ params: { idOrSlug: product.id } })).images[0]!.id).toBe(c);

    for (const imageIds of [
      [a!, b!],
      [a!, a!, b!],
      [a!, b!, 'nope'],
    ])
      expect(
        (await failure(shop.admin.orderProductImages({ params: { id: product.id }, body: { imageIds } })))
          .status,
      ).toBeGreaterThanOrEqual(400);
    expect(
      await failure(
        shop.staff.orderProductImages({ params: { id: product.id }, body: { imageIds: [a!, b!, c!] } }),
      ),
    ).toMatchObject({ status: 403 });
  });
});
