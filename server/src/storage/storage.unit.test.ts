import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type StorageConfig } from '../config';
import { DiskStorage } from './disk';
import { isValidKey } from './keys';
import { S3Storage } from './s3';
import { createStorage, type FileStorage } from './storage';

const BAD_KEYS = [
  '',
  '../etc/passwd',
  'products/../../secret.webp',
  '/products/a.webp',
  'products/',
  'products//a.webp',
  'products/A.webp',
  'products/a b.webp',
  'products/ảnh.webp',
  'products/.hidden.webp',
  'products\\a.webp',
  'products/a.webp?x=1',
  `products/${'a'.repeat(520)}.webp`,
];

describe('storage keys', () => {
  it('are relative lower-case paths of letters, digits, dots, dashes and underscores', () => {
    expect(isValidKey('products/01jz3k5x7m9q2r4t6v8w0y1a2b/3f9a0c1e5d7b9a2c4e6f8a0b-480.webp')).toBe(true);
    expect(isValidKey('proofs/01jz3k5x7m9q2r4t6v8w0y1a2b/01jz3k6a0b1c2d3e4f5g6h7j8k.webp')).toBe(true);
    expect(isValidKey('products/asus-rog-strix-b650.svg')).toBe(true);
    for (const key of BAD_KEYS) expect(isValidKey(key), key).toBe(false);
  });
});

describe('storage configuration', () => {
  it('keeps files on disk under DATA_DIR/files unless STORAGE_URL names a bucket', () => {
    const config = loadConfig({ DATA_DIR: '/srv/shop' });
    expect(config.storage).toEqual({ kind: 'disk', dir: path.join('/srv/shop', 'files') });
    expect(createStorage(config.storage)).toBeInstanceOf(DiskStorage);
  });

  it('reads an S3-compatible bucket, prefix, endpoint and keys', () => {
    const config = loadConfig({
      STORAGE_URL: 's3://shop-files/phnom-penh/',
      S3_ENDPOINT: 'https://abc.r2.cloudflarestorage.com',
      S3_REGION: 'auto',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config.storage).toEqual({
      kind: 's3',
      bucket: 'shop-files',
      prefix: 'phnom-penh',
      endpoint: 'https://abc.r2.cloudflarestorage.com',
      region: 'auto',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
    const storage = createStorage(config.storage);
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).close();
    expect(loadConfig({ STORAGE_URL: 's3://shop-files' }).storage).toMatchObject({
      prefix: '',
      endpoint: null,
      region: 'us-east-1',
      credentials: null,
      forcePathStyle: false,
    });
  });

  it('stops on a bad storage setting, naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ STORAGE_URL: 'https://bucket.example.com' }, 'STORAGE_URL'],
      [{ STORAGE_URL: 's3://' }, 'STORAGE_URL'],
      [{ STORAGE_URL: 's3://bucket', S3_ENDPOINT: 'not a url' }, 'S3_ENDPOINT'],
      [{ STORAGE_URL: 's3://bucket', S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE'],
      [{ STORAGE_URL: 's3://bucket', S3_ACCESS_KEY_ID: 'key' }, 'S3_SECRET_ACCESS_KEY'],
    ];
    for (const [env, variable] of cases) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}: `));
    }
  });
});

interface Driver {
  name: string;
  start(): Promise<{ storage: FileStorage; stop(): Promise<void> }>;
}

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

const disk: Driver = {
  name: 'disk',
  start: async () => {
    const dir = tempDir('shop-files-');
    return {
      storage: new DiskStorage(dir),
      stop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** A real S3 server (s3rver) on a free loopback port, with the bucket the shop is configured for. */
async function startLocalS3(bucket: string) {
  const dir = tempDir('shop-s3-');
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const config: Extract<StorageConfig, { kind: 's3' }> = {
    kind: 's3',
    bucket,
    prefix: 'shop-a',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    // s3rver checks request signatures against its one built-in key pair.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  };
  return {
    config,
    stop: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const s3: Driver = {
  name: 's3',
  start: async () => {
    const local = await startLocalS3('shop-files');
    const storage = new S3Storage(local.config);
    return {
      storage,
      stop: async () => {
        storage.close();
        await local.stop();
      },
    };
  },
};

describe.each([disk, s3])('$name file storage', (driver) => {
  let storage: FileStorage;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, stop } = await driver.start());
  });
  afterAll(() => stop());

  it('gives back exactly what was put, with its type, until it is deleted', async () => {
    const key = 'products/01jz3k5x7m9q2r4t6v8w0y1a2b/3f9a0c1e5d7b9a2c4e6f8a0b-480.webp';
    const body = randomBytes(200_000);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();

    await storage.put(key, body, 'image/webp');
    expect(await storage.exists(key)).toBe(true);
    const file = await storage.get(key);
    expect(file?.contentType).toBe('image/webp');
    expect(file?.body.equals(body)).toBe(true);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key); // deleting what is not there is fine
  });

  it('replaces a file put again under the same key', async () => {
    const key = 'proofs/01jz3k5x7m9q2r4t6v8w0y1a2b/01jz3k6a0b1c2d3e4f5g6h7j8k.png';
    await storage.put(key, Buffer.from('first'), 'image/png');
    await storage.put(key, Buffer.from('second, longer'), 'image/png');
    expect((await storage.get(key))?.body.toString()).toBe('second, longer');
  });

  it('refuses keys that could leave the storage root or are not plain lower-case paths', async () => {
    for (const key of BAD_KEYS) {
      await expect(storage.put(key, Buffer.from('x'), 'image/webp'), key).rejects.toThrow(
        /Not a valid storage key/,
      );
      await expect(storage.get(key), key).rejects.toThrow(/Not a valid storage key/);
      await expect(storage.exists(key), key).rejects.toThrow(/Not a valid storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/Not a valid storage key/);
    }
  });

  it('refuses a body whose type is not the one its key names', async () => {
    await expect(storage.put('products/a.webp', Buffer.from('x'), 'image/png')).rejects.toThrow(
      /must be image\/webp, not image\/png/,
    );
    expect(await storage.exists('products/a.webp')).toBe(false);
  });
});

describe('disk file storage', () => {
  it('writes each file at its key under the root, atomically, leaving no temporary files behind', async () => {
    const dir = tempDir('shop-files-');
    const storage = new DiskStorage(dir);
    const key = 'products/p1/img-960.webp';
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(300_000 + i, i + 1));
    await Promise.all(bodies.map((body) => storage.put(key, body, 'image/webp')));
    const written = fs.readFileSync(path.join(dir, 'products', 'p1', 'img-960.webp'));
    expect(bodies.some((body) => body.equals(written))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'products', 'p1'))).toEqual(['img-960.webp']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('S3 file storage', () => {
  it('keeps objects under the configured prefix of the bucket', async () => {
    const local = await startLocalS3('prefixed');
    const storage = new S3Storage(local.config);
    const raw = new S3Client({
      ...local.config,
      endpoint: local.config.endpoint!,
      credentials: local.config.credentials!,
    });
    try {
      await storage.put('products/p1/a-160.webp', Buffer.from('tiny'), 'image/webp');
      const object = await raw.send(
        new GetObjectCommand({ Bucket: 'prefixed', Key: 'shop-a/products/p1/a-160.webp' }),
      );
      expect(object.ContentType).toBe('image/webp');
      expect(await object.Body!.transformToString()).toBe('tiny');
    } finally {
      raw.destroy();
      storage.close();
      await local.stop();
    }
  });
});
