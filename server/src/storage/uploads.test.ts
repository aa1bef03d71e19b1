import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody, ShopClient } from '@shop/shared';
import { signedInAs, startTestServer, type TestServer } from '../../test/support';

/**
 * Uploads cannot exhaust the server (issue 9, findings 12 and 13), through real HTTP on a real database: files are
 * streamed to temporary files that are gone however the request ends, one customer's stalled uploads cannot take
 * every place, a decompression bomb is refused from its header, and uploads per customer and address are limited.
 * Other customers act from other loopback addresses (127.0.0.2, …), as other phones would.
 */

const screenshot = (width = 1170, height = 2532, shade = randomBytes(1)[0]!) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: shade, b: 120 } } })
    .png()
    .toBuffer();

/**
 * A PNG whose header says 8000 × 5000 (40 MP) but which is 100 bytes long: its pixel data is one byte of nothing.
 * Decoded, it would fail as damaged; refused from the header, it fails for its size.
 */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per sample, RGB, deflate, no filter, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

interface Answer {
  status: number;
  body: { error?: ApiErrorBody['error'] } & Record<string, unknown>;
}

/**
 * A multipart upload over node:http, from a chosen loopback address. `stall` sends the headers and the first
 * `stall` bytes of the body and then nothing (the request stays open until `abort()`).
 */
function postFile(
  url: string,
  token: string,
  file: Buffer,
  options: { from?: string; stall?: number; fileName?: string } = {},
) {
  const boundary = `shop-test-${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${options.fileName ?? 'shot.png'}"\r\n` +
        'content-type: image/png\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const request = http.request(url, {
    method: 'POST',
    localAddress: options.from ?? '127.0.0.1',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': body.length,
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.once('end', () =>
        resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }),
      );
    });
  });
  if (options.stall === undefined) request.end(body);
  else request.write(body.subarray(0, options.stall));
  return {
    answer,
    abort: () => {
      answer.catch(() => undefined);
      request.destroy();
    },
  };
}

let server: TestServer;
let admin: ShopClient;
let adminToken: string;
let productId: string;

/** A customer with an order waiting for payment, who may upload screenshots for it. */
async function customerWithOrder() {
  const customer = await signedInAs(server.database.db, 'customer');
  const order = await customer.client(server.url).placeOrder({
    body: { items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
  });
  const url = `${server.url}/api/v1/orders/${order.id}/payment-proofs`;
  return {
    token: customer.token,
    url,
    send: (file: Buffer, options?: Parameters<typeof postFile>[3]) =>
      postFile(url, customer.token, file, options),
    upload: async (file: Buffer, options?: Parameters<typeof postFile>[3]) =>
      postFile(url, customer.token, file, options).answer,
  };
}

const tmpDir = () => path.join(server.dataDir, 'tmp');
const tempFiles = () => (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()) : []);
/** The server removes a request's temporary files as its answer ends: right after the client has read it. */
const noTempFilesLeft = () => vi.waitFor(() => expect(tempFiles()).toEqual([]), { timeout: 10_000 });

beforeAll(async () => {
  server = await startTestServer({
    env: {
      BAKONG_POLL_MS: '3600000',
      PAYMENT_PROOFS_PER_HOUR_PER_USER: '6',
      PAYMENT_PROOFS_PER_HOUR_PER_ADDRESS: '8',
    },
  });
  const signedIn = await signedInAs(server.database.db, 'admin');
  admin = signedIn.client(server.url);
  adminToken = signedIn.token;
  const category = await admin.createCategory({
    body: { name: 'Monitors', nameKm: 'ម៉ូនីទ័រ', specKind: 'general' },
  });
  const brand = await admin.createBrand({ body: { name: 'View' } });
  const product = await admin.createProduct({
    body: {
      sku: 'MON-27',
      name: '27" monitor',
      categoryId: category.id,
      brandId: brand.id,
      priceCents: 19900,
    },
  });
  productId = product.id;
  await admin.recordStockMovement({ body: { productId, type: 'receive', quantity: 100 } });
});
afterAll(() => server?.stop());

describe('uploads go to temporary files', () => {
  it('that are gone after a screenshot is taken, refused as not a picture, or refused as too large', async () => {
    const customer = await customerWithOrder();
    expect((await customer.upload(await screenshot())).status).toBe(201);
    await noTempFilesLeft();

    const notAPicture = await customer.upload(Buffer.from('I paid, promise!'));
    expect(notAPicture.status).toBe(400);
    expect(notAPicture.body.error?.fields).toEqual({ file: 'must be a JPEG, PNG or WebP picture' });
    await noTempFilesLeft();

    const tooLarge = await customer.upload(Buffer.alloc(8 * 1024 * 1024 + 1, 0xff));
    expect(tooLarge.status).toBe(413);
    await noTempFilesLeft();
  });

  it('a screenshot for somebody else’s order is refused before any of it is read', async () => {
    const owner = await customerWithOrder();
    const stranger = await signedInAs(server.database.db, 'customer');
    // The stranger's upload stops after its first kilobyte: the answer comes anyway, as nothing was to be read.
    const stalled = postFile(owner.url, stranger.token, await screenshot(), { stall: 1024 });
    const answer = await stalled.answer;
    stalled.abort();
    expect(answer.status).toBe(404);
    expect(tempFiles()).toEqual([]);
  });
});

describe('uploads at once', () => {
  it('one customer’s stalled uploads are refused past their share while another customer still uploads; an abort frees the place and the file', async () => {
    const hoarder = await customerWithOrder();
    const picture = await screenshot();
    // Four uploads (the default share) that send a few kilobytes and then nothing.
    const stalled = Array.from({ length: 4 }, () =>
      hoarder.send(picture, { from: '127.0.0.8', stall: 4096 }),
    );
    await vi.waitFor(() => expect(tempFiles()).toHaveLength(4), { timeout: 10_000 });

    const fifth = await hoarder.upload(picture, { from: '127.0.0.8' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error).toMatchObject({ code: 'rate_limited' });
    expect(fifth.body.error?.message).toMatch(/already sending 4 files/);
    expect(tempFiles()).toHaveLength(4);

    const other = await customerWithOrder();
    expect((await other.upload(await screenshot(), { from: '127.0.0.2' })).status).toBe(201);

    for (const upload of stalled) upload.abort();
    await noTempFilesLeft();
    // The places were given back with the files.
    expect((await hoarder.upload(picture, { from: '127.0.0.8' })).status).toBe(201);
    await noTempFilesLeft();
  });
});

describe('decompression bombs', () => {
  it('a 100-byte PNG declaring 40 megapixels is refused from its header, for screenshots and product pictures', async () => {
    const bomb = pngDeclaring(8000, 5000);
    expect(bomb.length).toBeLessThan(200);
    const customer = await customerWithOrder();
    const refused = await customer.upload(bomb, { from: '127.0.0.3' });
    expect(refused.status).toBe(400);
    // "too many pixels", not "damaged": it was judged by its header, and its (missing) pixels were never decoded.
    expect(refused.body.error).toMatchObject({
      code: 'invalid',
      message: 'This picture has too many pixels',
      fields: { file: expect.stringMatching(/^must have at most 25 megapixels \(this one is 8000 × 5000\)/) },
    });

    const picture = await postFile(
      `${server.url}/api/v1/admin/products/${productId}/images`,
      adminToken,
      bomb,
    ).answer;
    expect(picture.status).toBe(400);
    expect(picture.body.error?.message).toBe('This picture has too many pixels');
    await noTempFilesLeft();
  });

  it('a 24-megapixel camera photo, a phone screenshot and a long scrolling screenshot are still taken', async () => {
    const camera = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#808890' } })
      .jpeg()
      .toBuffer();
    const product = await postFile(
      `${server.url}/api/v1/admin/products/${productId}/images`,
      adminToken,
      camera,
      { fileName: 'DSC_0001.JPG' },
    ).answer;
    expect(product.status).toBe(201);
    const [image] = product.body.images as { url: string }[];
    const large = await fetch(`${server.url}${image!.url}`);
    expect((await sharp(Buffer.from(await large.arrayBuffer())).metadata()).width).toBe(960);

    const customer = await customerWithOrder();
    expect((await customer.upload(await screenshot(1170, 2532), { from: '127.0.0.4' })).status).toBe(201);
    // 1080 × 17,000: taller than a WebP can be, so it is kept scaled to fit rather than refused as damaged.
    const scrolling = await customer.upload(await screenshot(1080, 17_000), { from: '127.0.0.4' });
    expect(scrolling.status).toBe(201);
    const proofId = scrolling.body.id as string;
    const kept = await fetch(`${server.url}/api/v1/payment-proofs/${proofId}/image`, {
      headers: { authorization: `Bearer ${customer.token}` },
    });
    const metadata = await sharp(Buffer.from(await kept.arrayBuffer())).metadata();
    expect([metadata.width, metadata.height]).toEqual([1041, 16_383]);
    await noTempFilesLeft();
  });
});

describe('uploads per hour', () => {
  it('a customer past their screenshots of the hour gets 429, and so does an address past its own, while others go on', async () => {
    const busy = await customerWithOrder();
    for (let i = 0; i < 6; i++)
      expect((await busy.upload(await screenshot(), { from: '127.0.0.5' })).status).toBe(201);
    const seventh = await busy.upload(await screenshot(), { from: '127.0.0.5' });
    expect(seventh.status).toBe(429);
    expect(seventh.body.error).toMatchObject({
      code: 'rate_limited',
      message: 'You have sent as many screenshots as the shop takes in an hour: please try again later',
    });

    // Two more customers on one address (a shop's Wi-Fi): 8 screenshots an hour between them.
    const first = await customerWithOrder();
    const second = await customerWithOrder();
    for (let i = 0; i < 4; i++) {
      expect((await first.upload(await screenshot(), { from: '127.0.0.6' })).status).toBe(201);
      expect((await second.upload(await screenshot(), { from: '127.0.0.6' })).status).toBe(201);
    }
    const ninth = await second.upload(await screenshot(), { from: '127.0.0.6' });
    expect(ninth.status).toBe(429);
    expect(ninth.body.error?.code).toBe('rate_limited');

    // Another customer from another address is not held up by either.
    const elsewhere = await customerWithOrder();
    expect((await elsewhere.upload(await screenshot(), { from: '127.0.0.7' })).status).toBe(201);
    await noTempFilesLeft();
  });
});
