import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pageApplier } from '../../desktop/src/core/catalog/apply-page';
import { productLookup } from '../../desktop/src/core/catalog/lookup';
import { createPosCore } from '../../desktop/src/core/core';
import { openLocalDb } from '../../desktop/src/core/local-db/open';
import { cashierSignedIn, testPinVerifier } from '../../desktop/src/core/test-support/cashier';
import { benchScanToLine, type ScanToLine } from './bench-scan-to-line';
import { benchProduct, catalogPages } from './pos-catalog';
import { percentile, shuffled } from './stats';

/**
 * `npm run bench -- --only pos`: the counter's core on 100,000 local products (--quick: 10,000), no server.
 * - pos-lookup: 1,000 lookups each by barcode, by SKU and by name prefixes (what a cashier types: one to three
 *   words, each cut to 2–5 letters), p50/p99. Target: p99 under 16 ms (a frame).
 * - pos-sale: 1,000 offline sales (two lines, cash), the commit's time p50/p99 (sale, lines, payments, shelf and
 *   outbox in one transaction). Target: under 5 ms.
 * - pos-scan: the real screens in Chromium through the browser host, 200 scans (--quick: 50): a scanner's Enter to
 *   the line drawn (bench-scan-to-line.ts). Target: p99 under 16 ms (a frame).
 * Prints figures; asserts nothing.
 */
const rounds = 1_000;

function summary(label: string, times: number[]): string {
  const f = (ms: number) => ms.toFixed(2).padStart(7);
  return `${label.padEnd(28)} p50 ${f(percentile(times, 50))} ms   p99 ${f(percentile(times, 99))} ms   max ${f(Math.max(...times))} ms`;
}

function timeEach<T>(inputs: T[], run: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const started = performance.now();
    run(input);
    return performance.now() - started;
  });
}

/** What a cashier types for a product: its first one to three words, each cut to 2–5 letters. */
function typedPrefix(name: string, n: number): string {
  const words = name.split(' ').slice(0, 1 + (n % 3));
  return words.map((word, i) => word.slice(0, 2 + ((n + i) % 4))).join(' ');
}

/** One measured operation: its latency percentiles in ms, and the target it is held to. */
export interface PosRow {
  operation: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  targetMs: number | null;
}

export interface PosFigures {
  products: number;
  firstPullApplySec: number;
  rows: PosRow[];
  /** pos-scan: lines drawn, how many of them in the first frame after their Enter, scans not taken as scans. */
  scans: { drawn: number; inFirstFrame: number; missed: number };
}

function logScans(scan: ScanToLine, scans: number): void {
  console.log(`[pos] pos-scan: ${scans} scans in Chromium through the browser host:`);
  console.log(`  ${summary("scanner's Enter to line drawn", scan.times)}`);
  console.log(`  ${summary('Enter to the next frame', scan.firstFrames)}`);
  console.log(`  ${summary('Enter to the line in the page', scan.inPage)}`);
  console.log(
    `  lines drawn in the first frame after their Enter: ${scan.inFirstFrame} of ${scan.times.length}`,
  );
  console.log(`  scans not taken as scans (burst split by a busy machine): ${scan.missed} of ${scans}`);
}

const row = (operation: string, times: number[], targetMs: number | null): PosRow => ({
  operation,
  p50Ms: percentile(times, 50),
  p99Ms: percentile(times, 99),
  maxMs: Math.max(...times),
  targetMs,
});

export async function benchPos(products: number, scans = 200): Promise<PosFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-bench-'));
  try {
    const db = openLocalDb(dataDir);
    const apply = pageApplier(db);
    let started = performance.now();
    for (const page of catalogPages(products)) apply(page);
    const firstPullApplySec = (performance.now() - started) / 1000;
    console.log(
      `[pos] first pull of ${products.toLocaleString('en')} products applied in ${((performance.now() - started) / 1000).toFixed(1)} s (pages of 1,000)`,
    );
    apply({
      changes: [
        {
          seq: products + 1,
          entity: 'staff',
          entityId: 's1',
          operation: 'upsert',
          at: 0,
          data: {
            id: 's1',
            name: 'Bench',
            email: 'b@shop.test',
            role: 'staff',
            active: true,
            pinVerifier: testPinVerifier,
          },
        },
      ],
      cursor: products + 1,
      hasMore: false,
    });
    const lookup = productLookup(db);
    const picks = shuffled(Array.from({ length: rounds }, (_, i) => Math.floor((i * products) / rounds)));
    // Warm the statements and the page cache as a counter open all day would have them.
    for (const i of picks.slice(0, 50)) lookup(benchProduct(i).name.slice(0, 3));
    const barcode = timeEach(picks, (i) => lookup(benchProduct(i).barcode!));
    const sku = timeEach(picks, (i) => lookup(benchProduct(i).sku));
    const prefixes = picks.map((i, n) => typedPrefix(benchProduct(i).name, n));
    const name = timeEach(prefixes, (q) => lookup(q));
    const all = [...barcode, ...sku, ...name];
    console.log(`[pos] pos-lookup on ${products.toLocaleString('en')} products, ${rounds} lookups each:`);
    console.log(`  ${summary('by barcode', barcode)}`);
    console.log(`  ${summary('by SKU', sku)}`);
    console.log(`  ${summary('by name prefix', name)}`);
    console.log(`  ${summary('all', all)}`);
    const slowest = prefixes
      .map((q, n) => ({ q, ms: name[n]! }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    console.log(
      `  slowest name queries: ${slowest.map(({ q, ms }) => `"${q}" ${ms.toFixed(1)} ms`).join(', ')}`,
    );
    db.close();

    const core = createPosCore({ dataDir });
    const c = core.commands;
    await cashierSignedIn(core, 's1');
    const onSale = picks.filter((i) => benchProduct(i).active);
    const commits: number[] = [];
    const wholeSale: number[] = [];
    for (let n = 0; n < rounds; n++) {
      const saleStarted = performance.now();
      await c.addLine({ productId: benchProduct(onSale[n % onSale.length]!).id, quantity: 1 + (n % 3) });
      await c.addLine({ productId: benchProduct(onSale[(n + 1) % onSale.length]!).id });
      await c.pay({ method: 'cash', currency: 'USD', tendered: 1_000_000_00 });
      started = performance.now();
      await c.commitSale();
      commits.push(performance.now() - started);
      wholeSale.push(performance.now() - saleStarted);
    }
    console.log(`[pos] pos-sale: ${rounds} offline sales of two lines, cash:`);
    console.log(`  ${summary('commit (one transaction)', commits)}`);
    console.log(`  ${summary('add 2 lines, pay, commit', wholeSale)}`);
    console.log(`  commits over 5 ms: ${commits.filter((ms) => ms > 5).length} of ${rounds}`);
    console.log(`  outbox after: ${(await c.status()).pending} items waiting`);
    core.close();

    const scanned = shuffled(onSale).slice(0, scans);
    const scan = await benchScanToLine(
      dataDir,
      scanned.map((i) => benchProduct(i).barcode!),
    );
    logScans(scan, scans);
    return {
      products,
      firstPullApplySec,
      scans: { drawn: scan.times.length, inFirstFrame: scan.inFirstFrame, missed: scan.missed },
      rows: [
        row('lookup by barcode', barcode, 16),
        row('lookup by SKU', sku, 16),
        row('lookup by name prefix', name, 16),
        row('offline sale commit', commits, 5),
        row('add 2 lines, pay, commit', wholeSale, null),
        row("scanner's Enter to line drawn (screens)", scan.times, 16),
        row("scanner's Enter to the next frame (the floor)", scan.firstFrames, null),
        row("scanner's Enter to the line in the page", scan.inPage, null),
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
