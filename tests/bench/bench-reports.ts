import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { salesGroupings, SHOP_UTC_OFFSET_MS, type SalesGrouping } from '@shop/shared';
import { openDatabase, type Db } from '../../server/src/db/database';
import { newId } from '../../server/src/db/ids';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { OrderItemTable, OrderTable, PaymentTable } from '../../server/src/db/schema';
import { markSalesDaysStale } from '../../server/src/modules/reports/rollups-repo';
import { salesReport } from '../../server/src/modules/reports/service';
import { percentile } from './stats';

/**
 * Sales report latency on a year of a busy shop: `lines` order lines (1,000,000; --quick 100,000) over 365 shop days,
 * 2.5 lines per order, 2,000 products in 20 categories and 40 brands, 12 cashiers, web and counter, four ways to pay,
 * 1% of lines cancelled after payment. Rows are written straight into a migrated database (SQLite and a scratch
 * MariaDB); the reports are then asked through their service, in-process, for the whole year in every grouping:
 * first once cold (every day summed from the orders into the rollups), then `rounds` times warm, and warm with the
 * last day marked stale before each call (a sale just made: that day is summed again).
 */
export interface ReportTarget {
  label: string;
  databaseUrl: string;
}

export interface ReportBenchRow {
  target: string;
  grouping: SalesGrouping | 'day, last day stale';
  p50Ms: number;
  p99Ms: number;
}

export interface ReportFigures {
  lines: number;
  seeds: { target: string; seedSec: number; coldBuildSec: number }[];
  rows: ReportBenchRow[];
}

const DAY_MS = 86_400_000;
const FROM = '2025-01-01';
const TO = '2025-12-31';

export async function benchReports(
  targets: readonly ReportTarget[],
  options: { lines: number; rounds: number },
  log: (line: string) => void,
): Promise<ReportFigures> {
  const figures: ReportFigures = { lines: options.lines, seeds: [], rows: [] };
  for (const target of targets) {
    const { db, close } = await openDatabase(target.databaseUrl);
    try {
      await migrateToLatest(db);
      const seeded = performance.now();
      await seedYear(db, options.lines, (n) =>
        log(`reports ${target.label}: ${n.toLocaleString('en-US')} lines`),
      );
      const seedSec = (performance.now() - seeded) / 1000;
      const cold = performance.now();
      await salesReport(db, { from: FROM, to: TO, groupBy: 'day' });
      const coldBuildSec = (performance.now() - cold) / 1000;
      figures.seeds.push({ target: target.label, seedSec, coldBuildSec });
      log(
        `reports ${target.label}: seeded in ${seedSec.toFixed(0)} s, rollups built in ${coldBuildSec.toFixed(1)} s`,
      );
      for (const grouping of salesGroupings) {
        const times = await timed(options.rounds, () =>
          salesReport(db, { from: FROM, to: TO, groupBy: grouping }),
        );
        figures.rows.push({ target: target.label, grouping, ...times });
        log(
          `reports ${target.label} ${grouping}: p50 ${times.p50Ms.toFixed(1)} ms, p99 ${times.p99Ms.toFixed(1)} ms`,
        );
      }
      const lastDay = Date.parse(`${TO}T12:00:00Z`) - SHOP_UTC_OFFSET_MS;
      const stale = await timed(options.rounds, async () => {
        await markSalesDaysStale(db, [lastDay]);
        await salesReport(db, { from: FROM, to: TO, groupBy: 'day' });
      });
      figures.rows.push({ target: target.label, grouping: 'day, last day stale', ...stale });
    } finally {
      await close();
    }
  }
  return figures;
}

async function timed(rounds: number, run: () => Promise<unknown>): Promise<{ p50Ms: number; p99Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

/** A deterministic pseudo-random sequence, so both dialects get the same shop. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

async function seedYear(db: Db, lines: number, progress: (n: number) => void): Promise<void> {
  const now = Date.now();
  const rand = random(14);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const categories = Array.from({ length: 20 }, (_, i) => ({
    id: newId(),
    slug: `bench-category-${i}`,
    name: `Category ${i}`,
    name_km: `ប្រភេទ ${i}`,
    parent_id: null,
    spec_kind: 'none',
    position: i,
    created_at: now,
    updated_at: now,
  }));
  const brands = Array.from({ length: 40 }, (_, i) => ({
    id: newId(),
    slug: `bench-brand-${i}`,
    name: `Brand ${i}`,
    created_at: now,
    updated_at: now,
  }));
  const products = Array.from({ length: 2_000 }, (_, i) => ({
    id: newId(),
    sku: `BENCH-${i}`,
    barcode: null,
    slug: `bench-product-${i}`,
    name: `Bench product ${i}`,
    name_sort: `bench product ${i}`,
    description: '',
    category_id: pick(categories).id,
    brand_id: pick(brands).id,
    price_cents: 500 + Math.floor(rand() * 100_000),
    compare_at_cents: null,
    warranty_months: 12,
    specs_json: '{}',
    images_json: '[]',
    serialized: 0,
    active: 1,
    low_stock_threshold: 0,
    cost_cents: i % 3 === 0 ? null : 300,
    created_at: now,
    updated_at: now,
  }));
  const staff = Array.from({ length: 12 }, (_, i) => ({
    id: newId(),
    email: `bench-staff-${i}-${newId()}@example.test`,
    name: `Cashier ${i}`,
    role: 'staff',
    status: 'active',
    password_hash: 'x',
    phone: null,
    locale: 'km',
    otp_login: 1,
    email_verified_at: now,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto('categories').values(categories).execute();
  await db.insertInto('brands').values(brands).execute();
  for (let i = 0; i < products.length; i += 200)
    await db
      .insertInto('products')
      .values(products.slice(i, i + 200))
      .execute();
  await db.insertInto('users').values(staff).execute();

  const start = Date.parse(`${FROM}T00:00:00Z`) - SHOP_UTC_OFFSET_MS;
  const orders: OrderTable[] = [];
  const items: OrderItemTable[] = [];
  const payments: PaymentTable[] = [];
  let written = 0;
  const flush = async () => {
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < orders.length; i += 500)
        await tx
          .insertInto('orders')
          .values(orders.slice(i, i + 500))
          .execute();
      for (let i = 0; i < items.length; i += 1000)
        await tx
          .insertInto('order_items')
          .values(items.slice(i, i + 1000))
          .execute();
      for (let i = 0; i < payments.length; i += 500)
        await tx
          .insertInto('payments')
          .values(payments.slice(i, i + 500))
          .execute();
    });
    written += items.length;
    progress(written);
    orders.length = 0;
    items.length = 0;
    payments.length = 0;
  };
  for (let made = 0, n = 0; made < lines; n++) {
    const paidAt = start + Math.floor(rand() * 365 * DAY_MS);
    const pos = rand() < 0.6;
    const id = newId();
    const count = Math.min(lines - made, 1 + Math.floor(rand() * 4));
    let subtotal = 0;
    for (let k = 0; k < count; k++) {
      const product = pick(products);
      const quantity = 1 + Math.floor(rand() * 3);
      const discount = pos && rand() < 0.1 ? 100 : 0;
      const total = quantity * product.price_cents - discount;
      subtotal += total;
      items.push({
        id: newId(),
        order_id: id,
        product_id: product.id,
        sku: product.sku,
        name: product.name,
        quantity,
        unit_price_cents: product.price_cents,
        line_total_cents: total,
        warranty_months: 12,
        cancelled_quantity: 0,
        cancel_reason: null,
        discount_cents: discount,
        returned_quantity: 0,
      });
    }
    made += count;
    orders.push({
      id,
      number: `${pos ? 'P' : 'W'}-B${n}`,
      channel: pos ? 'pos' : 'web',
      status: pos ? 'picked_up' : pick(['paid', 'processing', 'delivered', 'picked_up']),
      user_id: null,
      customer_name: 'Walk-in',
      customer_email: null,
      customer_phone: null,
      fulfilment: 'pickup',
      delivery_address_json: null,
      note: null,
      currency: 'USD',
      subtotal_cents: subtotal,
      delivery_fee_cents: 0,
      total_cents: subtotal,
      riel_per_usd: 4100,
      total_khr: subtotal * 41,
      locale: 'km',
      payment_due_at: null,
      paid_at: paidAt,
      refund_owed_cents: 0,
      discount_cents: 0,
      device_id: null,
      staff_id: pos ? pick(staff).id : null,
      shift_id: null,
      receipt_number: null,
      created_at: paidAt,
      updated_at: paidAt,
    });
    const method = pos ? pick(['cash', 'cash', 'khqr']) : pick(['khqr', 'khqr', 'khqr', 'proof']);
    const currency = method === 'cash' && rand() < 0.4 ? 'KHR' : 'USD';
    payments.push({
      id: newId(),
      order_id: id,
      method: method === 'proof' ? 'khqr' : method,
      currency,
      amount_minor: currency === 'KHR' ? subtotal * 41 : subtotal,
      qr: null,
      md5: null,
      status: method === 'proof' ? 'expired' : 'paid',
      expires_at: null,
      watch_until: null,
      next_check_at: null,
      check_failures: 0,
      tendered_minor: null,
      change_minor: null,
      received_by: null,
      claimed_by: null,
      claimed_until: null,
      bakong_hash: null,
      needs_reconciliation: 0,
      paid_at: method === 'proof' ? null : paidAt,
      created_at: paidAt,
      updated_at: paidAt,
    });
    if (items.length >= 20_000) await flush();
  }
  await flush();
  // 1% of lines cancelled after payment: refunds on a later day.
  const sample = await db
    .selectFrom('order_items')
    .select(['id', 'order_id', 'unit_price_cents'])
    .where('id', 'like', '%0')
    .limit(Math.floor(lines / 100))
    .execute();
  const cancellations = sample.map((line, i) => ({
    id: newId(),
    order_id: line.order_id,
    order_item_id: line.id,
    quantity: 1,
    reason: 'out_of_stock',
    note: null,
    value_cents: Number(line.unit_price_cents),
    order_status: 'paid',
    actor_id: null,
    created_at: start + ((i * 7919) % 365) * DAY_MS + 3_600_000,
  }));
  for (let i = 0; i < cancellations.length; i += 1000)
    await db
      .insertInto('order_line_cancellations')
      .values(cancellations.slice(i, i + 1000))
      .execute();
}

/** A fresh SQLite file for the report bench in `dir`. */
export function sqliteReportTarget(dir: string): ReportTarget {
  fs.mkdirSync(dir, { recursive: true });
  return { label: 'SQLite', databaseUrl: `sqlite:${path.join(dir, 'reports.sqlite')}` };
}
