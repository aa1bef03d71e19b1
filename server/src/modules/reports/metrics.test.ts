import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ulid } from 'ulidx';
import type { ApiError } from '@shop/shared';
import { aCustomer, failure, pairTestCounter, startTestShop, type TestShop } from '../../../test/factory';
import { startTestServer, testDialect } from '../../../test/support';
import { fileStoreSpace } from '../../storage/disk-space';
import { recordServerProcess } from './server-processes-repo';

/**
 * /metrics for operators (Prometheus text behind METRICS_TOKEN, off without one) and the admins' health route, on
 * a running server over real HTTP: what they count is the traffic and the rows this test makes.
 */
const token = randomBytes(24).toString('hex');
let shop: TestShop;
let closed: TestShop;

/** A port nothing listens on: Bakong "down" for the shop without metrics. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const bakongDown = { BAKONG_STANDIN: 'false', BAKONG_API_URL: `http://127.0.0.1:${await closedPort()}` };
  [shop, closed] = await Promise.all([
    startTestShop({ env: { METRICS_TOKEN: token } }),
    startTestShop({ env: bakongDown }),
  ]);
}, 60_000);
afterAll(() => Promise.all([shop?.stop(), closed?.stop()]));

const scrape = (on: TestShop, authorization?: string) =>
  fetch(`${on.server.url}/metrics`, { headers: authorization ? { authorization } : {} });

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN, whatever the caller sends', async () => {
    expect((await scrape(closed)).status).toBe(404);
    expect((await scrape(closed, `Bearer ${token}`)).status).toBe(404);
  });

  it('refuses a missing, wrong or differently sized token', async () => {
    for (const header of [
      undefined,
      `Bearer ${token.slice(0, -1)}x`,
      `Bearer ${token}x`,
      token,
      `Basic ${token}`,
    ]) {
      const answer = await scrape(shop, header);
      expect(answer.status, String(header)).toBe(401);
      expect(await answer.text()).not.toContain('shop_');
    }
  });

  it('answers Prometheus text with requests per route group, backlogs, counters and the process', async () => {
    await shop.admin.listProducts({ query: {} });
    await fetch(`${shop.server.url}/api/v1/no-such-thing-${ulid()}`);
    const counter = await pairTestCounter(shop, 'Metrics counter');
    const answer = await scrape(shop, `Bearer ${token}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(text).toMatch(/^# HELP /m);
    expect(text).toMatch(
      /shop_http_request_duration_seconds_bucket\{le="[\d.]+",group="products",method="GET",status="2xx"\} [1-9]/,
    );
    // Made-up paths fall into one group: a stranger cannot add series.
    expect(text).toContain('group="api/other"');
    expect(text).not.toContain('no-such-thing');
    expect(text).toMatch(/^shop_process_uptime_seconds \d/m);
    expect(text).toMatch(/^shop_build_info\{version="[^"]+",node="v20[^"]*",dialect="(sqlite|mysql)"\} 1$/m);
    expect(text).toMatch(/^shop_mail_outbox_waiting \d+$/m);
    expect(text).toMatch(/^shop_payment_checks_waiting \d+$/m);
    expect(text).toContain(`shop_device_pending_items{device_id="${counter.id}",device="Metrics counter"} 0`);
    expect(text).toMatch(/^shop_bakong_token_expiry_timestamp_seconds \d/m);
    expect(text).toMatch(/^shop_process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^shop_db_size_bytes [1-9]\d*$/m);
    expect(text).toMatch(/^shop_file_store_free_bytes\{store="disk"\} [1-9]/m);
    expect(text).toMatch(/^shop_file_store_total_bytes\{store="disk"\} [1-9]/m);
    expect(text).toMatch(/^shop_bakong_reachable 1$/m);
    expect(text).toMatch(/^shop_bakong_probe_latency_seconds [\d.e-]+$/m);
    expect(text).toMatch(/^shop_server_processes [1-9]$/m);
  });
});

describe('GET /admin/health', () => {
  it('tells admins the facts, with a warning for a counter silent for an hour and mail stuck in the outbox', async () => {
    const counter = await pairTestCounter(shop, 'Back counter');
    const db = shop.server.database.db;
    const now = Date.now();
    await db
      .updateTable('devices')
      .set({ last_sync_at: now - 2 * 3_600_000, pending_count: 3 })
      .where('id', '=', counter.id)
      .execute();
    await db
      .insertInto('email_outbox')
      .values({
        id: ulid(),
        to_address: 'someone@example.test',
        template: 'test',
        subject: 'stuck',
        html: '<p>stuck</p>',
        text: 'stuck',
        status: 'pending',
        attempts: 0,
        next_attempt_at: now + 3_600_000,
        claimed_by: null,
        claimed_until: null,
        last_error: null,
        created_at: now - 30 * 60_000,
        sent_at: null,
      })
      .execute();
    const health = await shop.admin.getSystemHealth({});
    expect(health.process.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.requests.find((r) => r.group === 'products')).toMatchObject({
      count: expect.any(Number),
      errors: 0,
    });
    expect(health.devices.find((d) => d.id === counter.id)).toMatchObject({ pendingCount: 3 });
    expect(health.mailOutbox.waiting).toBeGreaterThanOrEqual(1);
    const codes = health.warnings.map((w) => w.code);
    expect(codes).toContain('device_silent');
    expect(codes).toContain('mail_backlog');
    expect(health.warnings.find((w) => w.en.includes('Back counter'))?.km).toMatch(/[\u1780-\u17FF]/);

    // Once the counter syncs, its warning goes.
    await counter.client.listChanges({ query: { after: 0, limit: 1 } });
    const after = await shop.admin.getSystemHealth({});
    expect(after.warnings.filter((w) => w.en.includes('Back counter'))).toEqual([]);
  });

  it("tells the database's size, the file store's disk and whether Bakong answers (asked once a minute)", async () => {
    const health = await shop.admin.getSystemHealth({});
    if (testDialect === 'sqlite') {
      // Pages and WAL: never less than the main file, which lags behind the WAL until a checkpoint.
      const file = path.join(shop.server.dataDir, 'shop.sqlite');
      expect(health.databaseBytes).toBeGreaterThanOrEqual(fs.statSync(file).size);
    }
    expect(health.databaseBytes).toBeGreaterThan(100_000); // the demo catalog
    const disk = fs.statfsSync(shop.server.dataDir);
    expect(health.fileStore).toMatchObject({ kind: 'disk', totalBytes: disk.blocks * disk.bsize });
    expect(Math.abs(health.fileStore.freeBytes! - disk.bavail * disk.bsize)).toBeLessThan(256 * 1024 ** 2);
    expect(health.pool === null).toBe(testDialect === 'sqlite');
    // The built-in Bakong stand-in answered; a second look within the minute reuses that answer.
    expect(health.bakong.reachability).toMatchObject({ reachable: true, reason: null });
    expect(health.bakong.reachability.checkedAt).toBeLessThanOrEqual(Date.now());
    const again = await shop.admin.getSystemHealth({});
    expect(again.bakong.reachability).toEqual(health.bakong.reachability);
    expect(health.warnings.map((w) => w.code)).not.toContain('bakong_unreachable');
    // Object storage has no disk of ours to measure.
    expect(
      await fileStoreSpace({
        kind: 's3',
        bucket: 'b',
        prefix: '',
        endpoint: null,
        region: 'auto',
        credentials: null,
        forcePathStyle: false,
      }),
    ).toEqual({
      kind: 'object_storage',
      freeBytes: null,
      totalBytes: null,
    });
  });

  it('warns when Bakong does not answer, and says so at once', async () => {
    const started = Date.now();
    const admin = closed.admin;
    const health = await admin.getSystemHealth({});
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(health.bakong.reachability).toMatchObject({ reachable: false, reason: 'unavailable' });
    const warning = health.warnings.find((w) => w.code === 'bakong_unreachable');
    expect(warning?.en).toContain('Bakong could not be reached');
    expect(warning?.km).toMatch(/[\u1780-\u17FF]/);
  });

  it('lists the server processes on the database seen in the last two minutes, and forgets those gone a day', async () => {
    const db = shop.server.database.db;
    const now = Date.now();
    const gone = { hostname: 'old-box', pid: 1, version: '0.0.1', started_at: now - 3 * 86_400_000 };
    await recordServerProcess(db, { ...gone, id: ulid(), last_seen_at: now - 3 * 60_000 });
    const dayOld = ulid();
    await recordServerProcess(db, { ...gone, id: dayOld, last_seen_at: now - 25 * 3_600_000 });
    // A second process joins the database (its first beat prunes the day-old row).
    const twin = await startTestServer({ joining: shop.server });
    try {
      const { processes } = await shop.admin.getSystemHealth({});
      expect(processes).toHaveLength(2);
      const [mine, other] = [processes.find((p) => p.thisProcess), processes.find((p) => !p.thisProcess)];
      expect(mine).toMatchObject({ pid: process.pid, version: expect.stringMatching(/^\d+\.\d+/) });
      expect(mine!.startedAt).toBeLessThan(other!.startedAt);
      expect(other!.lastSeenAt).toBeGreaterThanOrEqual(now);
      const rows = await db.selectFrom('server_processes').select('id').execute();
      expect(rows.map((r) => r.id)).not.toContain(dayOld);
    } finally {
      await twin.stop();
    }
    // Closed cleanly: off the list at once.
    expect((await shop.admin.getSystemHealth({})).processes.map((p) => p.thisProcess)).toEqual([true]);
  });

  it('is an admin’s: staff and customers are refused', async () => {
    expect((await failure<ApiError>(shop.staff.getSystemHealth({}))).status).toBe(403);
    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.getSystemHealth({}))).status).toBe(403);
  });
});
