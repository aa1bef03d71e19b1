/**
 * Decompression bombs against payment screenshots (issue 9, finding 13), measured outside the test suite:
 * `npx tsx tests/bench/upload-bombs.ts [width height [count]] [ENV=value …]`.
 *
 * A real server (src/main.ts) runs as a child process on a fresh SQLite database; one customer with one unpaid order
 * sends `count` PNGs of width × height pixels at once (solid colour, so each is only a few hundred kilobytes). Prints
 * the answers, the wall time, the server's resident memory before, at its peak (VmHWM) and after, and how long the
 * catalog's product list takes to answer meanwhile (another visitor's page, asked every 250 ms).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { createShopClient } from '@shop/shared';
import { openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';

const numbers = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
const extraEnv = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((a) => a.includes('='))
    .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
);
const [width = 8000, height = 5000, count = 48] = numbers.map(Number);
const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const memoryOf = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-bombs-'));
  const databaseUrl = `sqlite:${path.join(dataDir, 'shop.sqlite')}`;
  const database = await openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  const tokenOf = async (role: 'admin' | 'customer') => {
    const user = await createActiveUser(database.db, {
      email: `${role}-${Date.now()}@example.test`,
      password: `pw-${Math.random().toString(36).slice(2)}-long`,
      name: role,
      role,
    });
    return (await startSession(database.db, user.id)).token;
  };
  const adminToken = await tokenOf('admin');
  const customerToken = await tokenOf('customer');
  await database.close();

  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED: 'none',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      BAKONG_POLL_MS: '3600000',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${url}/api/v1/health`).catch(() => null))?.ok) break;
      if (i > 300) throw new Error('the server did not start');
      await sleep(100);
    }
    const as = (token: string) =>
      createShopClient({ baseUrl: url, headers: () => ({ authorization: `Bearer ${token}` }) });
    const admin = as(adminToken);
    const customer = as(customerToken);
    const category = await admin.createCategory({
      body: { name: 'Keyboards', nameKm: 'ក្តារចុច', specKind: 'general' },
    });
    const brand = await admin.createBrand({ body: { name: 'Keys' } });
    const product = await admin.createProduct({
      body: { sku: 'KB-1', name: 'Keyboard', categoryId: category.id, brandId: brand.id, priceCents: 2500 },
    });
    await admin.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 5 } });
    const order = await customer.placeOrder({
      body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });

    const bomb = await sharp({ create: { width, height, channels: 3, background: '#c04020' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    // Let the start-up garbage settle before the baseline.
    await sleep(1000);
    const before = memoryOf(child.pid!);
    let sampledPeak = before.rssMb;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(child.pid!).rssMb);
    }, 25);
    let flooding = true;
    const probeTimes: number[] = [];
    const probing = (async () => {
      while (flooding) {
        const asked = performance.now();
        await (await fetch(`${url}/api/v1/products?q=keyboard&page=${probeTimes.length + 1}`)).arrayBuffer();
        probeTimes.push(performance.now() - asked);
        await sleep(250);
      }
    })();
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: count }, async () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bomb)], { type: 'image/png' }), 'bomb.png');
        const response = await fetch(`${url}/api/v1/orders/${order.id}/payment-proofs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${customerToken}` },
          body: form,
        });
        const body = (await response.json()) as { error?: { message: string } };
        return `${response.status}${body.error ? ` ${body.error.message}` : ''}`;
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    flooding = false;
    await probing;
    clearInterval(sampler);
    await sleep(1000);
    const after = memoryOf(child.pid!);
    const tally = new Map<string, number>();
    for (const s of statuses) tally.set(s, (tally.get(s) ?? 0) + 1);
    console.log(
      `${count} × ${width}×${height} PNG (${(bomb.length / 1024).toFixed(0)} KB each, ` +
        `${((width * height) / 1e6).toFixed(1)} MP) ${JSON.stringify(extraEnv)}`,
    );
    for (const [status, n] of tally) console.log(`  ${n} × ${status}`);
    console.log(
      `  wall ${wallSeconds.toFixed(1)} s; server RSS ${before.rssMb.toFixed(0)} MB before, peak ` +
        `${Math.max(after.peakMb, sampledPeak).toFixed(0)} MB, ${after.rssMb.toFixed(0)} MB 1 s after`,
    );
    probeTimes.sort((a, b) => a - b);
    const at = (q: number) => probeTimes[Math.min(probeTimes.length - 1, Math.floor(q * probeTimes.length))]!;
    console.log(
      `  product list meanwhile: ${probeTimes.length} answers, median ${at(0.5).toFixed(0)} ms, ` +
        `p90 ${at(0.9).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
