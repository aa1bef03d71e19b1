import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, ProductDetail, ShopClient } from '@shop/shared';
import { signedInAs, startTestServer, type TestServer } from '../../../test/support';
import { DiskStorage } from '../../storage/disk';
import { phonePhoto as phonePhotoOf, picture } from '../../../test/pictures';

/** A phone photo: taken sideways, with the camera and the GPS position of where it was taken in its EXIF. */
const phonePhoto = () => phonePhotoOf(1200, 900, '#d04020');

interface Shop {
  server: TestServer;
  admin: { token: string; client: ShopClient };
  productId: string;
}

/** A server with one product and an admin signed in as the desktop app signs in (bearer token). */
async function openShop(env: Record<string, string> = {}): Promise<Shop> {
  const server = await startTestServer({ env });
  const signedIn = await signedInAs(server.database.db, 'admin');
  const client = signedIn.client(server.url);
  const category = await client.createCategory({
    body: { name: 'Webcams', nameKm: 'កាមេរ៉ាវេប', specKind: 'general' },
  });
  const brand = await client.createBrand({ body: { name: 'Logi' } });
  const product = await client.createProduct({
    body: {
      sku: 'CAM-C920',
      name: 'Logi C920 HD webcam',
      categoryId: category.id,
      brandId: brand.id,
      priceCents: 5900,
    },
  });
  return { server, admin: { token: signedIn.token, client }, productId: product.id };
}

function upload(
  shop: Shop,
  file: Buffer,
  options: {
    name?: string;
    type?: string;
    alt?: string;
    productId?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const form = new FormData();
  form.append('file', new Blob([file], { type: options.type ?? 'image/png' }), options.name ?? 'photo.png');
  if (options.alt !== undefined) form.append('alt', options.alt);
  return fetch(`${shop.server.url}/api/v1/admin/products/${options.productId ?? shop.productId}/images`, {
    method: 'POST',
    headers: options.headers ?? { authorization: `Bearer ${shop.admin.token}` },
    body: form,
  });
}

async function uploaded(response: Response): Promise<ProductDetail> {
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ProductDetail;
}

const errorOf = async (response: Response) => ((await response.json()) as ApiErrorBody).error;

const urlsOf = (image: ProductDetail['images'][number]) => [
  image.url,
  ...Object.values(image.thumbnails ?? {}),
];

describe('product pictures', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop();
  });
  afterAll(() => shop?.server.stop());

  it('an admin uploads a PNG and a phone JPEG: served as WebP in three widths, cached for good, GPS gone', async () => {
    const png = await picture(1600, 1000).png().toBuffer();
    const first = await uploaded(await upload(shop, png, { alt: 'The webcam from the front' }));
    const folder = `/files/products/${shop.productId.toLowerCase()}/`;
    const [image] = first.images;
    expect(image).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      url: `${folder}${image!.id}-960.webp`,
      alt: 'The webcam from the front',
      thumbnails: { 160: `${folder}${image!.id}-160.webp`, 480: `${folder}${image!.id}-480.webp` },
    });
    expect(first.imageUrl).toBe(image!.url);

    const second = await uploaded(
      await upload(shop, await phonePhoto(), { name: 'IMG_2041.JPG', type: 'image/jpeg' }),
    );
    expect(second.images).toHaveLength(2);
    const photo = second.images[1]!;
    expect(photo.alt).toBe('Logi C920 HD webcam'); // no alt given: the product's name

    for (const [entry, sizes] of [
      [image!, { 960: [960, 600], 480: [480, 300], 160: [160, 100] }],
      // Upright: the sideways 1200×900 photo is 900 wide, so its 960 copy is not enlarged.
      [photo, { 960: [900, 1200], 480: [480, 640], 160: [160, 213] }],
    ] as const) {
      for (const url of urlsOf(entry)) {
        const response = await fetch(`${shop.server.url}${url}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/webp');
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
        const width = Number(/-(\d+)\.webp$/.exec(url)![1]) as keyof typeof sizes;
        expect([metadata.width, metadata.height]).toEqual(sizes[width]);
        expect(metadata.format).toBe('webp');
        expect(metadata.exif).toBeUndefined();
      }
    }
    // Each picture: the full-size WebP and its three widths; nothing else (no original with its EXIF).
    const dir = path.join(shop.server.dataDir, 'files', 'products', shop.productId.toLowerCase());
    expect(fs.readdirSync(dir)).toHaveLength(8);
    const full = fs.readFileSync(path.join(dir, `${photo.id}.webp`));
    expect(full.toString('latin1')).not.toContain('PhoneCo');

    const shown = await shop.server.client.getProduct({ params: { idOrSlug: shop.productId } });
    expect(shown.images).toEqual(second.images);
  });

  it('records each change in the audit log and the change feed', async () => {
    const { db } = shop.server.database;
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before_json', 'after_json'])
      .where('action', '=', 'product.image.add')
      .orderBy('created_at')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]!.entity_id).toBe(shop.productId);
    expect(JSON.parse(audit[1]!.before_json!).images).toHaveLength(1);
    expect(JSON.parse(audit[1]!.after_json!).images).toHaveLength(2);
    const feed = await db
      .selectFrom('change_log')
      .select('entity')
      .where('entity_id', '=', shop.productId)
      .execute();
    expect(feed.length).toBeGreaterThanOrEqual(2);
  });

  it('the same picture uploaded again (a retried upload) is not added twice', async () => {
    const before = await shop.server.client.getProduct({ params: { idOrSlug: shop.productId } });
    const again = await uploaded(await upload(shop, await picture(1600, 1000).png().toBuffer()));
    expect(again.images).toEqual(before.images);
  });

  it('refuses a file that is not a picture, whatever its name, and stores nothing', async () => {
    for (const [text, name] of [
      ['just some notes, not a picture', 'photo.png'],
      ['<html><script>alert(document.cookie)</script></html>', 'photo.png'],
      ['%PDF-1.7\n%%EOF', 'invoice.jpg'],
    ]) {
      const response = await upload(shop, Buffer.from(text!), { name });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error).toMatchObject({ code: 'invalid', fields: { file: expect.any(String) } });
    }
    const missing = await fetch(`${shop.server.url}/api/v1/admin/products/${shop.productId}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.admin.token}` },
      body: new FormData(),
    });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).fields).toEqual({ file: 'required' });
    const dir = path.join(shop.server.dataDir, 'files', 'products', shop.productId.toLowerCase());
    expect(fs.readdirSync(dir)).toHaveLength(8);
  });

  it('refuses a file over 8 MB with 413', async () => {
    const response = await upload(shop, Buffer.alloc(9 * 1024 * 1024, 0xff), { name: 'huge.jpg' });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({
      code: 'payload_too_large',
      fields: { file: 'must be at most 8 MB' },
    });
  });

  it('only admins (catalog.manage) may upload, browsers must echo the CSRF token, and the product must exist', async () => {
    const png = await picture(64, 64).png().toBuffer();
    for (const role of ['customer', 'staff'] as const) {
      const { token } = await signedInAs(shop.server.database.db, role);
      const response = await upload(shop, png, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('forbidden');
    }
    expect((await upload(shop, png, { headers: { authorization: 'Bearer not-a-session' } })).status).toBe(
      401,
    );
    const withoutCsrf = await upload(shop, png, { headers: { cookie: 'session=stolen' } });
    expect(withoutCsrf.status).toBe(403);
    expect((await errorOf(withoutCsrf)).message).toMatch(/CSRF/);
    // The token of this browser's session, as its page reads it from the cookie.
    const session = `session=${shop.admin.token}`;
    const { csrfToken } = (await (
      await fetch(`${shop.server.url}/api/v1/auth/csrf`, { headers: { cookie: session } })
    ).json()) as { csrfToken: string };
    const browser = await upload(shop, await picture(64, 64, '#00aa55').png().toBuffer(), {
      headers: { cookie: `${session}; csrf_token=${csrfToken}`, 'x-csrf-token': csrfToken },
    });
    expect(browser.status).toBe(201);

    const unknown = await upload(shop, png, { productId: '01JZ0000000000000000000000' });
    expect(unknown.status).toBe(404);
  });

  it('deleting a picture removes it from the product and its files from storage', async () => {
    const product = await shop.server.client.getProduct({ params: { idOrSlug: shop.productId } });
    const doomed = product.images[0]!;
    const after = await shop.admin.client.deleteProductImage({
      params: { id: shop.productId, imageId: doomed.id! },
    });
    expect(after.images.map((i) => i.id)).toEqual(product.images.slice(1).map((i) => i.id));
    expect(after.imageUrl).toBe(product.images[1]!.url);
    for (const url of urlsOf(doomed)) expect((await fetch(`${shop.server.url}${url}`)).status).toBe(404);
    const dir = path.join(shop.server.dataDir, 'files', 'products', shop.productId.toLowerCase());
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(doomed.id!))).toEqual([]);

    await expect(
      shop.admin.client.deleteProductImage({ params: { id: shop.productId, imageId: doomed.id! } }),
    ).rejects.toMatchObject({ status: 404 });
    const { token } = await signedInAs(shop.server.database.db, 'customer');
    const byCustomer = await fetch(
      `${shop.server.url}/api/v1/admin/products/${shop.productId}/images/${after.images[0]!.id}`,
      { method: 'DELETE', headers: { authorization: `Bearer ${token}` } },
    );
    expect(byCustomer.status).toBe(403);
  });
});

describe('uploads racing for one product', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop();
  });
  afterAll(() => shop?.server.stop());

  const colour = (n: number) => `#${(n * 40503).toString(16).padStart(6, '0').slice(-6)}`;
  const pngOf = (n: number) => picture(64, 48, colour(n)).png().toBuffer();
  const filesOnDisk = () =>
    fs.readdirSync(path.join(shop.server.dataDir, 'files', 'products', shop.productId.toLowerCase()));

  it('keeps every picture of concurrent uploads, and one copy of the same picture sent twice at once', async () => {
    const responses = await Promise.all([1, 2, 3, 3].map(async (n) => upload(shop, await pngOf(n))));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const product = await shop.server.client.getProduct({ params: { idOrSlug: shop.productId } });
    expect(product.images).toHaveLength(3);
    expect(filesOnDisk()).toHaveLength(3 * 4);
  });

  it('the picture past the limit is refused and leaves no files behind', async () => {
    for (let n = 4; n <= 11; n++) await uploaded(await upload(shop, await pngOf(n)));
    const [a, b] = await Promise.all([upload(shop, await pngOf(12)), upload(shop, await pngOf(13))]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    expect((await errorOf(a.status === 400 ? a : b)).fields?.file).toMatch(/at most 12 pictures/);
    const product = await shop.server.client.getProduct({ params: { idOrSlug: shop.productId } });
    expect(product.images).toHaveLength(12);
    expect(filesOnDisk()).toHaveLength(12 * 4);
  });
});

describe('/files', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop();
  });
  afterAll(() => shop?.server.stop());

  it('serves the demo catalog SVG pictures as sandboxed SVG', async () => {
    const dir = path.join(shop.server.dataDir, 'files', 'products');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cpu-amd-r7-7700x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const response = await fetch(`${shop.server.url}/files/products/cpu-amd-r7-7700x.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toMatch(/(^|; )sandbox/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('public, max-age=604800');
  });

  it('never serves payment proofs or anything outside products/, however the path is spelled', async () => {
    const files = new DiskStorage(path.join(shop.server.dataDir, 'files'));
    await files.put(
      'proofs/01jz0000000000000000000000/receipt.png',
      Buffer.from('bank details'),
      'image/png',
    );
    for (const url of [
      '/files/proofs/01jz0000000000000000000000/receipt.png',
      '/files/products/../proofs/01jz0000000000000000000000/receipt.png',
      '/files/products/%2e%2e/proofs/01jz0000000000000000000000/receipt.png',
      '/files/products%2f..%2fproofs/01jz0000000000000000000000/receipt.png',
      '/files/products/no-such-picture.webp',
      '/files/shop.sqlite',
    ]) {
      const response = await fetch(`${shop.server.url}${url}`);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('bank details');
    }
  });
});

describe('product pictures in an S3-compatible bucket', () => {
  let s3: S3rver;
  let s3Dir: string;
  let shop: Shop;
  beforeAll(async () => {
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-s3-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      directory: s3Dir,
      silent: true,
      configureBuckets: [{ name: 'shop-files' }],
    });
    const { port } = await s3.run();
    shop = await openShop({
      STORAGE_URL: 's3://shop-files/test',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    });
  });
  afterAll(async () => {
    await shop?.server.stop();
    await s3?.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
  });

  it('stores the files in the bucket and serves them from there', async () => {
    const product = await uploaded(await upload(shop, await picture(800, 800).png().toBuffer()));
    const image = product.images[0]!;
    for (const url of urlsOf(image)) {
      const response = await fetch(`${shop.server.url}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
    }
    expect(fs.existsSync(path.join(shop.server.dataDir, 'files'))).toBe(false);

    await shop.admin.client.deleteProductImage({ params: { id: shop.productId, imageId: image.id! } });
    expect((await fetch(`${shop.server.url}${image.url}`)).status).toBe(404);
  });
});
