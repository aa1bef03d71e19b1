import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PushItem } from '@shop/shared';
import { backUpShop } from '../src/backup/backup';
import { readManifest } from '../src/backup/manifest';
import { pruneBackups } from '../src/backup/prune';
import { restoreShop } from '../src/backup/restore';
import { backupCommand } from '../src/cli/backup';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { migrationNames, migrateToLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { HOLD_LIMITS_KEY } from '../src/modules/orders/hold-limits';
import { startServer } from '../src/server';
import { aCustomer, aProductWithStock, useTestShopWithCounters } from './factory';
import { picture } from './pictures';
import { useBuiltServer } from './processes';
import { createTestDatabase, testDialect, type TestDatabase } from './support';

const run = promisify(execFile);
const built = useBuiltServer();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-backup-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The configuration of a shop on `dataDir` (SQLite in it by default), as the command-line tools read it. */
const configOf = (dataDir: string, env: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'test', PORT: '0', SEED: 'none', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env });

/** A shop's pace rather than a benchmark's: the backup process starting beside it gets its share of the CPU. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

describe.runIf(testDialect === 'sqlite')('a backup taken while the shop sells', () => {
  const {
    shop,
    counters: [counter],
  } = useTestShopWithCounters(['Front counter'], {
    // Many unpaid web orders from one loopback address while the backup runs.
    settings: {
      [HOLD_LIMITS_KEY]: {
        unpaidOrders: 1_000,
        addressUnpaidOrders: 1_000,
        unitsPerProduct: 1_000,
        addressUnitsPerProduct: 1_000,
      },
    },
  });
  const backupDir = path.join(scratch, 'backups', 'first');

  /** What the shop answered as committed, and when the answer came. */
  const committed: { id: string; number: string; at: number }[] = [];
  let cable: { id: string };
  let picturePath: string;
  let pictureBytes: Buffer;
  let backupStartedAt: number;

  beforeAll(async () => {
    cable = await aProductWithStock(shop, { stock: 10_000, name: 'Backup cable' });
    const form = new FormData();
    form.append('file', new Blob([await picture(320, 200).png().toBuffer()], { type: 'image/png' }), 'c.png');
    const uploaded = await fetch(`${shop.server.url}/api/v1/admin/products/${cable.id}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminUser.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    picturePath = ((await uploaded.json()) as { images: { url: string }[] }).images[0]!.url;
    pictureBytes = Buffer.from(await (await fetch(`${shop.server.url}${picturePath}`)).arrayBuffer());
  });

  it('holds every order committed before it started, web and counter, with a consistent ledger and the pictures', async () => {
    const customers = await Promise.all([1, 2, 3].map(() => aCustomer(shop.server)));
    let selling = true;
    const webShopper = async (api: (typeof customers)[number]['api']) => {
      while (selling) {
        const order = await api.placeOrder({
          body: { items: [{ productId: cable.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        });
        committed.push({ id: order.id, number: order.number, at: Date.now() });
        await pause();
      }
    };
    const counterSales = async () => {
      while (selling) {
        const sale: PushItem = {
          id: ulid(),
          type: 'sale',
          at: Date.now(),
          staffId: shop.staffUser.userId,
          receiptNumber: `R-${ulid().slice(-10)}`,
          lines: [{ productId: cable.id, quantity: 2, unitPriceCents: 2500 }],
          payments: [{ method: 'cash', currency: 'USD', amount: 5000, tendered: 5000, change: 0 }],
        };
        const { results } = await counter.client.pushItems({ body: { items: [sale] } });
        expect(results[0]!.status).toBe('applied');
        committed.push({ id: results[0]!.orderId!, number: results[0]!.orderNumber!, at: Date.now() });
        await pause();
      }
    };
    const failures: unknown[] = [];
    const sellers = [...customers.map((c) => webShopper(c.api)), counterSales()].map((selling) =>
      selling.catch((error: unknown) => void failures.push(error)),
    );
    while (committed.length < 20 && failures.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));

    backupStartedAt = Date.now();
    const before = committed.length;
    // Another process, as cron would start it, while this one goes on selling.
    const backup = await run(process.execPath, [built.shop, 'backup', backupDir], {
      env: { ...process.env, DATA_DIR: shop.server.dataDir, DATABASE_URL: shop.server.databaseUrl },
    });
    const soldDuringBackup = committed.length - before;
    selling = false;
    await Promise.all(sellers);
    expect(failures).toEqual([]);
    expect(backup.stdout).toContain(`Backup written to ${backupDir}`);
    expect(backup.stdout).toContain("SQLite's online backup");
    expect(soldDuringBackup, 'the shop kept selling while the backup ran').toBeGreaterThan(0);

    const manifest = await readManifest(backupDir);
    expect(manifest).toMatchObject({
      database: { dialect: 'sqlite' },
      schemaVersion: migrationNames.at(-1),
      secretsKey: 'included',
      uploads: { kind: 'disk' },
    });
    expect(manifest.secret).toMatch(/as secret as the shop/);
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['shop.sqlite', 'secrets.key', `files${picturePath.slice('/files'.length)}`]),
    );
    expect(fs.statSync(backupDir).mode & 0o777).toBe(0o700);

    // Restored into a fresh folder, and the shop started on it.
    const restoredDir = path.join(scratch, 'restored');
    const config = configOf(restoredDir);
    const said: string[] = [];
    const restored = await restoreShop(config, backupDir, (line) => said.push(line));
    expect(restored.ledger).toMatchObject({ disagreements: [] });
    expect(restored.ledger!.products).toBe(manifest.rowCounts.stock_levels);
    expect(restored.migratesAtStart).toBe(false);
    expect(said.join('\n')).toMatch(/stock counters of all [\d,]+ products equal their movements/);
    expect(fs.readFileSync(path.join(restoredDir, 'secrets.key'))).toEqual(
      fs.readFileSync(path.join(shop.server.dataDir, 'secrets.key')),
    );

    const server = await startServer(config, { logger: createLogger('silent') });
    try {
      // The staff's session is in the restored database too.
      const staff = shop.staffUser.client(server.url);
      const inBackup = committed.filter((order) => order.at < backupStartedAt);
      expect(inBackup.length).toBeGreaterThanOrEqual(20);
      for (const order of inBackup)
        expect((await staff.getOrder({ params: { id: order.id } })).number).toBe(order.number);
      const stock = await staff.getProductStock({ params: { id: cable.id } });
      const orders = await openDatabase(config.databaseUrl);
      try {
        const lines = await orders.db
          .selectFrom('order_items')
          .select((eb) => eb.fn.sum<number>('quantity').as('units'))
          .where('product_id', '=', cable.id)
          .executeTakeFirstOrThrow();
        // Every unit the copy's orders took is off the copy's shelf: web holds reserved, counter sales sold.
        expect(stock.onHand - stock.reserved).toBe(10_000 - Number(lines.units));
      } finally {
        await orders.close();
      }
      const served = await fetch(`${server.url}${picturePath}`);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(pictureBytes);
    } finally {
      await server.close();
    }
  }, 120_000); // a second process starts on a machine busy selling

  it('refuses to restore over a live shop, and says how to proceed', async () => {
    const live = configOf(shop.server.dataDir, { DATABASE_URL: shop.server.databaseUrl });
    await expect(restoreShop(live, backupDir)).rejects.toThrow(
      /holds a shop's database: restore never overwrites a shop\. Stop the shop, move the folder away/,
    );
    const busy = path.join(scratch, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    await expect(restoreShop(configOf(busy), backupDir)).rejects.toThrow(
      /DATA_DIR .* is not empty \(notes\.txt\)/,
    );
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);
  });

  it('refuses a damaged backup or one of a newer schema, writing nothing', async () => {
    const damaged = path.join(scratch, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const picture = path.join(damaged, ...`files${picturePath.slice('/files'.length)}`.split('/'));
    const bytes = fs.readFileSync(picture);
    bytes[bytes.length >> 1]! ^= 0xff;
    fs.writeFileSync(picture, bytes);
    const target = path.join(scratch, 'not-restored');
    await expect(restoreShop(configOf(target), damaged)).rejects.toThrow(
      /is not the file the backup wrote .* the backup is damaged, nothing restored/,
    );
    expect(fs.existsSync(target)).toBe(false);

    const newer = path.join(scratch, 'newer');
    fs.cpSync(backupDir, newer, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(newer, 'manifest.json'), 'utf8')) as object;
    fs.writeFileSync(
      path.join(newer, 'manifest.json'),
      JSON.stringify({ ...manifest, schemaVersion: '999-from-the-future' }),
    );
    await expect(restoreShop(configOf(target), newer)).rejects.toThrow(
      /schema \(999-from-the-future\) is newer than this version of the shop knows/,
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it('never writes into a folder that is not empty, and keeps the newest N backups', async () => {
    const config = configOf(shop.server.dataDir, { DATABASE_URL: shop.server.databaseUrl });
    await expect(backUpShop(config, backupDir)).rejects.toThrow(
      /is not empty: a backup goes into a new folder/,
    );
    const parent = path.join(scratch, 'kept');
    const problems = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await backupCommand([path.join(parent, 'a'), '--keep', '0'])).toBe(1);
      expect(problems).toHaveBeenCalledWith(
        expect.stringContaining('--keep takes the number of backups to keep'),
      );
    } finally {
      problems.mockRestore();
    }
    expect(fs.existsSync(parent)).toBe(false);

    // Three earlier backups (their manifests are what pruning reads), a folder that is not one, and the newest.
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as object;
    for (const [name, createdAt] of [
      ['monday', '2026-01-05T01:00:00.000Z'],
      ['tuesday', '2026-01-06T01:00:00.000Z'],
      ['wednesday', '2026-01-07T01:00:00.000Z'],
    ]) {
      fs.mkdirSync(path.join(parent, name!), { recursive: true });
      fs.writeFileSync(path.join(parent, name!, 'manifest.json'), JSON.stringify({ ...manifest, createdAt }));
    }
    fs.mkdirSync(path.join(parent, 'unfinished'));
    const newest = path.join(parent, 'thursday');
    fs.mkdirSync(newest);
    fs.writeFileSync(
      path.join(newest, 'manifest.json'),
      JSON.stringify({ ...manifest, createdAt: '2026-01-08T01:00:00.000Z' }),
    );
    expect(await pruneBackups(newest, 2)).toEqual([
      path.join(parent, 'tuesday'),
      path.join(parent, 'monday'),
    ]);
    expect(fs.readdirSync(parent).sort()).toEqual(['thursday', 'unfinished', 'wednesday']);
  });
});

describe.runIf(testDialect === 'mysql')('a backup of a shop on MySQL', () => {
  let target: TestDatabase;
  // Migrating a new MariaDB database takes most of this test's time: in a hook, with a hook's time limit.
  beforeAll(async () => {
    target = await createTestDatabase();
    const database = await openDatabase(target.url);
    await migrateToLatest(database.db);
    await database.close();
  });
  afterAll(() => target?.drop());

  it('checks it can connect, says how to dump, and copies the uploads, the secrets key and a manifest', async () => {
    const upload = path.join(target.dataDir, 'files', 'products', 'p1', 'a-960.webp');
    fs.mkdirSync(path.dirname(upload), { recursive: true });
    fs.writeFileSync(upload, await picture(64, 48).webp().toBuffer());
    fs.writeFileSync(path.join(target.dataDir, 'secrets.key'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });

    const said: string[] = [];
    const dir = path.join(scratch, 'mysql-backup');
    const config = configOf(target.dataDir, { DATABASE_URL: target.url });
    const { manifest } = await backUpShop(config, dir, (line) => said.push(line));
    const { hostname, port, pathname } = new URL(target.url);
    expect(said.join('\n')).toContain(
      `mysqldump --single-transaction --routines --triggers --hex-blob --no-tablespaces ` +
        `--default-character-set=utf8mb4 --host=${hostname} --port=${port || '3306'} --user=root ${pathname.slice(1)}`,
    );
    expect(said.join('\n')).toMatch(/answers \(schema \d+-[a-z-]+\); it is not dumped here/);
    expect(manifest).toMatchObject({
      database: { dialect: 'mysql', database: pathname.slice(1) },
      schemaVersion: migrationNames.at(-1),
      secretsKey: 'included',
      uploads: { kind: 'disk', files: 1 },
    });
    expect(manifest.files.map((f) => f.path).sort()).toEqual(['files/products/p1/a-960.webp', 'secrets.key']);
    expect(fs.readFileSync(path.join(dir, 'files', 'products', 'p1', 'a-960.webp'))).toEqual(
      fs.readFileSync(upload),
    );
  });
});
