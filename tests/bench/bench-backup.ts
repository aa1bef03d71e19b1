import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { readManifest } from '../../server/src/backup/manifest';
import { restoreShop } from '../../server/src/backup/restore';
import { loadConfig } from '../../server/src/config';
import { openDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { repoRoot } from './paths';

/**
 * `npm run shop -- backup` on a SQLite shop of `products` products (100,000) with `lines` order lines (1,000,000,
 * 400,000 orders with a payment each, a sale movement per line), written straight into a migrated database by
 * recursive-CTE INSERT … SELECTs (tens of seconds, not the hours the HTTP routes would take). The backup runs as
 * the command itself, another process, while this one writes to the shop every 5 ms as a selling shop would: the
 * longest such write says whether the backup ever held the shop's writer up. Then the restore of that backup into a
 * new folder, checksums and ledger check included.
 */
export interface BackupFigures {
  products: number;
  lines: number;
  databaseBytes: number;
  seedSec: number;
  /** The command from start to exit (its process start included), and the backup's own time (manifest). */
  commandSec: number;
  backupSec: number;
  backupBytes: number;
  /** Writes made while the backup ran, and the longest of them. */
  writes: number;
  longestWriteMs: number;
  /** The longest of the same writes in 5 s before the backup started: the machine's own noise. */
  longestQuietWriteMs: number;
  restoreSec: number;
  ledgerProducts: number;
  ledgerDisagreements: number;
}

const run = promisify(execFile);
const shopCli = path.join(repoRoot, 'server/src/cli/shop.ts');

export async function benchBackup(
  workDir: string,
  options: { products: number; lines: number },
  log: (line: string) => void,
): Promise<BackupFigures> {
  const dataDir = path.join(workDir, 'backup-shop');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = `sqlite:${path.join(dataDir, 'shop.sqlite')}`;
  const database = await openDatabase(databaseUrl);
  let seedSec: number;
  try {
    await migrateToLatest(database.db);
    // Secondary indexes of a million rows inserted in random order: a large page cache saves re-reading them.
    await sql`pragma cache_size = -524288`.execute(database.db);
    const seeded = performance.now();
    await seedShop(database.db, options.products, options.lines);
    seedSec = (performance.now() - seeded) / 1000;
    await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
  } finally {
    await database.close();
  }
  const databaseBytes = fs.statSync(path.join(dataDir, 'shop.sqlite')).size;
  log(
    `backup: ${options.products.toLocaleString('en-US')} products, ${options.lines.toLocaleString('en-US')} order ` +
      `lines written in ${seedSec.toFixed(0)} s (${mb(databaseBytes)})`,
  );

  const backupDir = path.join(workDir, 'backups', 'nightly');
  const shop = await openDatabase(databaseUrl);
  const ids = await shop.db.selectFrom('stock_levels').select('product_id').limit(1_000).execute();
  /** A stock row updated every 5 ms until `busy` says stop: the time of each update. */
  const writeEvery5ms = async (busy: () => boolean) => {
    const times: number[] = [];
    for (let i = 0; busy(); i++) {
      const started = performance.now();
      await shop.db
        .updateTable('stock_levels')
        .set({ updated_at: Date.now() })
        .where('product_id', '=', ids[i % ids.length]!.product_id)
        .execute();
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return times;
  };
  // The same writes for 5 s without a backup: what this machine's load alone does to them.
  const quietUntil = performance.now() + 5_000;
  const quiet = await writeEvery5ms(() => performance.now() < quietUntil);
  let backingUp = true;
  const writer = writeEvery5ms(() => backingUp);
  const started = performance.now();
  try {
    await run(process.execPath, ['--import', 'tsx', shopCli, 'backup', backupDir], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'development',
        SEED: 'none',
      },
      cwd: repoRoot,
    });
  } finally {
    backingUp = false;
  }
  const writes = await writer;
  await shop.close();
  const commandSec = (performance.now() - started) / 1000;
  const manifest = await readManifest(backupDir);
  const backupBytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const longestWriteMs = Math.max(0, ...writes);
  const longestQuietWriteMs = Math.max(0, ...quiet);
  log(
    `backup: ${(manifest.tookMs / 1000).toFixed(1)} s (command ${commandSec.toFixed(1)} s), ${mb(backupBytes)}; ` +
      `${writes.length} writes meanwhile, the longest ${longestWriteMs.toFixed(1)} ms ` +
      `(${longestQuietWriteMs.toFixed(1)} ms in 5 s without a backup)`,
  );

  const restoredDir = path.join(workDir, 'backup-restored');
  fs.rmSync(restoredDir, { recursive: true, force: true });
  const restoring = performance.now();
  const restored = await restoreShop(
    loadConfig({ NODE_ENV: 'development', SEED: 'none', DATA_DIR: restoredDir }),
    backupDir,
  );
  const restoreSec = (performance.now() - restoring) / 1000;
  log(
    `backup: restored in ${restoreSec.toFixed(1)} s, ledger of ${restored.ledger!.products.toLocaleString('en-US')} ` +
      `products checked: ${restored.ledger!.disagreements.length} disagree`,
  );
  fs.rmSync(restoredDir, { recursive: true, force: true });
  fs.rmSync(path.join(workDir, 'backups'), { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    ...options,
    databaseBytes,
    seedSec,
    commandSec,
    backupSec: manifest.tookMs / 1000,
    backupBytes,
    writes: writes.length,
    longestWriteMs,
    longestQuietWriteMs,
    restoreSec,
    ledgerProducts: restored.ledger!.products,
    ledgerDisagreements: restored.ledger!.disagreements.length,
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * The shop's main tables as a year of selling leaves them: every product received once, every order line sold
 * (a ledger row each), the counters equal to their ledger. Ids are 26 characters, as the shop's ULIDs are.
 */
async function seedShop(db: Db, products: number, lines: number): Promise<void> {
  const orders = Math.ceil((lines * 2) / 5);
  const now = Date.now();
  const year = 365 * 86_400_000;
  await db.transaction().execute(async (tx) => {
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < 19)
      insert into categories (id, slug, name, name_km, parent_id, spec_kind, position, created_at, updated_at)
      select printf('01BC%022d', i), 'backup-category-' || i, 'Category ' || i, 'ប្រភេទ ' || i, null, 'none', i,
        ${now}, ${now} from n`.execute(tx);
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < 39)
      insert into brands (id, slug, name, created_at, updated_at)
      select printf('01BB%022d', i), 'backup-brand-' || i, 'Brand ' || i, ${now}, ${now} from n`.execute(tx);
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${products - 1})
      insert into products (id, sku, barcode, slug, name, name_sort, description, category_id, brand_id, price_cents,
        compare_at_cents, warranty_months, specs_json, images_json, serialized, active, low_stock_threshold,
        cost_cents, created_at, updated_at)
      select printf('01BP%022d', i), printf('BK-%07d', i), printf('885%010d', i), 'backup-product-' || i,
        'Backup laptop ' || i || ' 16GB DDR5 512GB NVMe 15.6" FHD', 'backup laptop ' || i,
        'A laptop for school and office: light, quiet, a full day on one charge. Two years of warranty at the shop.',
        printf('01BC%022d', i % 20), printf('01BB%022d', i % 40), 500 + (i * 37) % 100000, null, 24,
        '{"cpu":"Core i5-1335U","ram":"16GB","storage":"512GB"}',
        '[{"url":"/files/products/' || i || '/a-960.webp","alt":"Backup laptop"}]', 0, 1, 2, 300, ${now}, ${now}
      from n`.execute(tx);
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${orders - 1})
      insert into orders (id, number, channel, status, user_id, customer_name, customer_email, customer_phone,
        fulfilment, delivery_address_json, note, currency, subtotal_cents, delivery_fee_cents, total_cents,
        riel_per_usd, total_khr, locale, payment_due_at, paid_at, refund_owed_cents, created_at, updated_at)
      select printf('01BO%022d', i), 'W-B' || i, case when i % 5 < 3 then 'pos' else 'web' end, 'picked_up', null,
        'Customer ' || i, null, '012 345 678', 'pickup', null, null, 'USD', 2500, 0, 2500, 4100, 10250000, 'km',
        null, ${now - year} + i * 60000, 0, ${now - year} + i * 60000, ${now - year} + i * 60000
      from n`.execute(tx);
    await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${lines - 1})
      insert into order_items (id, order_id, product_id, sku, name, quantity, unit_price_cents, line_total_cents,
        warranty_months, cancelled_quantity, cancel_reason)
      select printf('01BL%022d', i), printf('01BO%022d', (i * 2) / 5), printf('01BP%022d', (i * 7919) % ${products}),
        printf('BK-%07d', (i * 7919) % ${products}), 'Backup laptop ' || ((i * 7919) % ${products}), 1 + i % 3,
        500 + (((i * 7919) % ${products}) * 37) % 100000,
        (1 + i % 3) * (500 + (((i * 7919) % ${products}) * 37) % 100000), 24, 0, null
      from n`.execute(tx);
    await sql`insert into payments (id, order_id, method, currency, amount_minor, qr, md5, status, expires_at,
        watch_until, next_check_at, check_failures, tendered_minor, change_minor, received_by, claimed_by,
        claimed_until, bakong_hash, paid_at, created_at, updated_at)
      select 'P' || substr(id, 2), id, case when channel = 'pos' then 'cash' else 'khqr' end, 'USD', total_cents,
        null, null, 'paid', null, null, null, 0, total_cents, 0, null, null, null, null, paid_at, created_at,
        created_at
      from orders where id like '01BO%'`.execute(tx);
    await sql`insert into stock_movements (id, product_id, type, on_hand_delta, reserved_delta, on_hand_after,
        reserved_after, reason, reference, actor_id, created_at)
      select 'R' || substr(id, 2), id, 'receive', 100000, 0, 100000, 0, 'opening stock', null, null, ${now - year}
      from products where id like '01BP%'`.execute(tx);
    await sql`insert into stock_movements (id, product_id, type, on_hand_delta, reserved_delta, on_hand_after,
        reserved_after, reason, reference, actor_id, created_at)
      select 'S' || substr(item.id, 2), item.product_id, 'sale', -item.quantity, 0, 0, 0, null, o.number, null,
        o.created_at
      from order_items item join orders o on o.id = item.order_id where item.id like '01BL%'`.execute(tx);
    await sql`insert into stock_levels (product_id, on_hand, reserved, updated_at, units_sold)
      select p.id, 100000 - coalesce(sold.units, 0), 0, ${now}, coalesce(sold.units, 0)
      from products p left join (select product_id, sum(quantity) as units from order_items group by product_id) sold
        on sold.product_id = p.id
      where p.id like '01BP%'`.execute(tx);
  });
}
