import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulidx';
import type { ApiError } from '@shop/shared';
import { aCustomer, failure, pairTestCounter, startTestShop, type TestShop } from '../../../test/factory';

/**
 * /metrics for operators (Prometheus text behind METRICS_TOKEN, off without one) and the admins' health route, on
 * a running server over real HTTP: what they count is the traffic and the rows this test makes.
 */
const token = randomBytes(24).toString('hex');
let shop: TestShop;
let closed: TestShop;

beforeAll(async () => {
  [shop, closed] = await Promise.all([startTestShop({ env: { METRICS_TOKEN: token } }), startTestShop()]);
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

  it('is an admin’s: staff and customers are refused', async () => {
    expect((await failure<ApiError>(shop.staff.getSystemHealth({}))).status).toBe(403);
    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.getSystemHealth({}))).status).toBe(403);
  });
});
