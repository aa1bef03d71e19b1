import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_POLICY, holdLimitOf, type ApiError, type ShopClient } from '@shop/shared';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { DEFAULT_HOLD_LIMITS } from '../src/modules/orders/hold-limits';
import { startBakongStandinServer } from '../src/modules/payments/bakong-standin';
import { decodeKhqr } from '../src/modules/payments/khqr';
import { startServer, type RunningServer } from '../src/server';
import { useBuiltServer } from './processes';
import { createTestDatabase, signedInAs, type TestDatabase } from './support';

/**
 * A production shop set up without SQL (issue 9, finding 16): `npm run shop -- set-…` run as real child processes
 * against the database a running server uses, with real Bakong played by a stand-in on its own port. What the
 * commands store is what `settings` shows and what the running server uses; bad input is refused whole.
 */
const run = promisify(execFile);
const built = useBuiltServer();
const TOKEN = 'merchant-token-for-the-stand-in';

let target: TestDatabase;
let bakong: Awaited<ReturnType<typeof startBakongStandinServer>>;
let server: RunningServer;

beforeAll(async () => {
  target = await createTestDatabase();
  bakong = await startBakongStandinServer({ token: TOKEN });
  server = await startServer(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: target.dataDir,
      DATABASE_URL: target.url,
      SEED: 'none',
      BAKONG_STANDIN: 'false',
      BAKONG_API_URL: bakong.url,
      BAKONG_TOKEN: TOKEN,
      BAKONG_POLL_MS: '3600000',
    }),
    { logger: createLogger('silent') },
  );
});
afterAll(async () => {
  await server?.close();
  await bakong?.stop();
  await target?.drop();
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run shop -- …` on the server's database; `env` adds to (or, with '', removes from) its environment. */
const shop = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  run(process.execPath, [built.shop, ...args], {
    env: { ...process.env, DATABASE_URL: target.url, DATA_DIR: target.dataDir, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: CliResult) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const storedSettings = () => server.database.db.selectFrom('settings').selectAll().execute();
const settingAudits = () =>
  server.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'setting').execute();

async function customerWithProduct(
  priceCents: number,
): Promise<{ customer: ShopClient; token: string; productId: string }> {
  const admin = (await signedInAs(server.database.db, 'admin')).client(server.url);
  const category = await admin.createCategory({
    body: { name: `Mice ${priceCents}`, nameKm: 'កណ្ដុរ', specKind: 'general' },
  });
  const brand = await admin.createBrand({ body: { name: `Logi ${priceCents}` } });
  const product = await admin.createProduct({
    body: {
      sku: `MSE-${priceCents}`,
      name: 'Wireless mouse',
      categoryId: category.id,
      brandId: brand.id,
      priceCents,
    },
  });
  await admin.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 5 } });
  const { client, token } = await signedInAs(server.database.db, 'customer');
  return { customer: client(server.url), token, productId: product.id };
}

describe('npm run shop -- settings commands', () => {
  it(
    'bad input prints each field with its problem, exits 1 and stores nothing',
    { timeout: 120_000 },
    async () => {
      const [merchant, rate, vat, typo, money, limits, reviewOrder] = await Promise.all([
        shop([
          'set-merchant',
          '--account',
          'angkorpc',
          '--name',
          'Angkor PC Computer Superstore',
          '--city',
          '',
        ]),
        shop(['set-exchange-rate', '41']),
        shop(['set-vat', '--on']),
        shop(['set-merchant', '--acount', 'angkorpc@aclb']),
        shop(['set-delivery', '--fee', 'two dollars']),
        shop(['set-hold-limits', '--unpaid-orders', '0', '--stock-share', '150%', '--renewals', 'two']),
        shop(['set-hold-limits', '--review-release-minutes', '60']),
      ]);
      expect(merchant.code).toBe(1);
      expect(merchant.stderr).toContain('Nothing was changed');
      expect(merchant.stderr).toContain('--account: must be a Bakong account id like name@bank');
      expect(merchant.stderr).toContain('--name: use at most 25 characters');
      expect(merchant.stderr).toContain("--city: enter the shop's city, e.g. Phnom Penh");
      expect(rate).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('RIEL_PER_USD: the rate is riel per US dollar'),
      });
      expect(vat).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--tin: a VAT-registered shop prints its TIN'),
      });
      expect(typo).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown option --acount') });
      expect(money).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--fee: enter US dollars such as 2 or 2.50'),
      });
      expect(limits.code).toBe(1);
      expect(limits.stderr).toContain('--unpaid-orders: enter a whole number of orders from 1 to 10,000');
      expect(limits.stderr).toContain('--stock-share: enter a whole percent from 1 to 100');
      expect(limits.stderr).toContain('--renewals: enter a whole number of renewals from 0 to 10');
      // Each value alone is fine; together with the defaults the stock would go back on sale before anyone is told.
      expect(reviewOrder).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--review-release-minutes: the stock goes back on sale after staff'),
      });
      expect([merchant, rate, vat, typo, money, limits, reviewOrder].map((r) => r.stdout)).toEqual([
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ]);

      expect(await storedSettings()).toEqual([]);
      expect(await settingAudits()).toEqual([]);
      // With real Bakong and no account entered, nobody can pay: placing an order says so and keeps nothing.
      const { customer, productId } = await customerWithProduct(1999);
      await expect(
        customer.placeOrder({
          body: { items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        }),
      ).rejects.toMatchObject({ status: 503 });
    },
  );

  it(
    'what the commands store, `settings` shows (secrets hidden) and the running server uses',
    { timeout: 120_000 },
    async () => {
      const shopBefore = await fetch(`${server.url}/api/v1/shop`).then(
        (r) => r.json() as Promise<{ rielPerUsd: number }>,
      );
      expect(shopBefore.rielPerUsd).toBe(4100);

      const results = await Promise.all([
        shop([
          'set-merchant',
          '--kind',
          'merchant',
          '--account',
          'angkorpc@aclb',
          '--name',
          'អង្គរ ភីស៊ី',
          '--city',
          'Siem Reap',
          '--merchant-id',
          '1234567',
          '--bank',
          'ACLBKHPP',
        ]),
        shop(['set-exchange-rate', '4,050']),
        shop([
          'set-identity',
          '--name',
          'Angkor PC',
          '--name-km',
          'អង្គរ ភីស៊ី',
          '--phone',
          '012 345 678',
          '--email',
          'Hello@AngkorPC.example',
          '--address',
          'St 63, Siem Reap',
          '--tin',
          'K001-901234567',
        ]),
      ]);
      expect(results.map((r) => [r.code, r.stderr])).toEqual([
        [0, ''],
        [0, ''],
        [0, ''],
      ]);
      const [merchant, rate, identity] = results.map((r) => r.stdout);
      expect(merchant).toContain('Saved payments.merchant:');
      expect(merchant).toMatch(/accountId\s+angkorpc@aclb/);
      expect(rate).toMatch(/rielPerUsd\s+4050 \(1 USD = 4,050៛\)/);
      expect(identity).toMatch(/supportEmail\s+hello@angkorpc\.example/);
      expect(identity).toMatch(/Saved invoice\.vat:[\s\S]*tin\s+K001-901234567/);
      // These two change settings the commands above also changed: after them, so each merges into the result.
      const vat = await shop(['set-vat', '--on', '--rate', '10']);
      const delivery = await shop(['set-delivery', '--fee', '1.50', '--never-free']);
      expect([vat.code, delivery.code]).toEqual([0, 0]);
      expect(delivery.stdout).toMatch(/deliveryFeeCents\s+150 \(\$1\.50\)/);

      // A setting another module keeps, with a secret in it: shown, the secret not.
      await server.database.db
        .insertInto('settings')
        .values({
          key: 'test.vault',
          value_json: JSON.stringify({ apiToken: 'do-not-print-me', note: 'kept' }),
          updated_at: 1,
        })
        .execute();
      const listing = await shop(['settings'], {
        BAKONG_STANDIN: 'false',
        BAKONG_API_URL: bakong.url,
        BAKONG_TOKEN: TOKEN,
      });
      expect(listing.code).toBe(0);
      for (const shown of [
        /name\s+Angkor PC/,
        /phone\s+012 345 678/,
        /kind\s+merchant/,
        /accountId\s+angkorpc@aclb/,
        /acquiringBank\s+ACLBKHPP/,
        /rielPerUsd\s+4050/,
        /freeDeliveryFromCents\s+\(none\)/,
        /registered\s+true/,
        /tin\s+K001-901234567/,
        /apiToken\s+\(hidden\)/,
        /note\s+kept/,
        /BAKONG_TOKEN\s+set \(hidden\)/,
      ])
        expect(listing.stdout).toMatch(shown);
      expect(listing.stdout).not.toContain(TOKEN);
      expect(listing.stdout).not.toContain('do-not-print-me');
      const one = await shop(['settings', 'get', 'orders.pricing']);
      expect(JSON.parse(one.stdout)).toMatchObject({
        rielPerUsd: 4050,
        deliveryFeeCents: 150,
        freeDeliveryFromCents: null,
        deliveryDays: { min: 2, max: 4 },
      });

      // The running server, never restarted: a new order pays the account entered, at the rate entered…
      const { customer, token, productId } = await customerWithProduct(2500);
      const order = await customer.placeOrder({
        body: { items: [{ productId, quantity: 2 }], fulfilment: 'pickup', currency: 'KHR' },
      });
      expect(order).toMatchObject({ totalCents: 5000, rielPerUsd: 4050, totalKhr: 202_500 });
      const payment = await customer.getOrderPayment({ params: { id: order.id } });
      expect(decodeKhqr(payment.khqr)).toMatchObject({
        kind: 'merchant',
        accountId: 'angkorpc@aclb',
        merchantName: 'អង្គរ ភីស៊ី',
        city: 'Siem Reap',
        currency: 'KHR',
        amountMinor: 202_500,
      });
      // …its invoice is a tax invoice with the TIN…
      const invoice = await fetch(`${server.url}/api/v1/orders/${order.id}/invoice?format=html`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.text());
      expect(invoice).toContain('K001-901234567');
      expect(invoice).toContain('Angkor PC');
      // …and the web shop's shop details follow at once, though the server answered them before the change.
      const shopAfter = await fetch(`${server.url}/api/v1/shop`).then((r) => r.json());
      expect(shopAfter).toMatchObject({
        name: 'Angkor PC',
        rielPerUsd: 4050,
        delivery: { feeCents: 150, freeFromCents: null },
        contact: { phone: '012 345 678', email: 'hello@angkorpc.example', address: 'St 63, Siem Reap' },
      });

      // Every change has its audit row: no user, the command line as the source, what was there before.
      const audits = await settingAudits();
      expect(audits.map((a) => a.entity_id).sort()).toEqual(
        [
          'invoice.vat',
          'invoice.vat',
          'orders.pricing',
          'orders.pricing',
          'payments.merchant',
          'shop.identity',
        ].sort(),
      );
      for (const audit of audits) {
        expect(audit).toMatchObject({ actor_id: null, action: 'setting.change' });
        expect(JSON.parse(audit.after_json!)).toMatchObject({ source: 'cli' });
        expect(JSON.parse(audit.before_json!)).toMatchObject({ source: 'cli' });
      }
      const pricing = audits
        .filter((a) => a.entity_id === 'orders.pricing')
        .map((a) => [JSON.parse(a.before_json!).value, JSON.parse(a.after_json!).value] as unknown[]);
      const rateSet = expect.objectContaining({
        rielPerUsd: 4050,
        deliveryFeeCents: 200,
        freeDeliveryFromCents: 10_000,
      });
      expect(pricing).toContainEqual([null, rateSet]);
      expect(pricing).toContainEqual([
        rateSet,
        expect.objectContaining({ rielPerUsd: 4050, deliveryFeeCents: 150, freeDeliveryFromCents: null }),
      ]);
    },
  );
});

describe('npm run shop -- set-hold-limits', () => {
  it(
    'changes only the limits given, `settings` shows them and the running server refuses the order past them',
    { timeout: 120_000 },
    async () => {
      // Real Bakong takes no order until the shop's account is entered.
      const merchant = await shop([
        'set-merchant',
        '--account',
        'angkorpc@aclb',
        '--name',
        'Angkor PC',
        '--city',
        'Phnom Penh',
      ]);
      expect(merchant.code).toBe(0);
      const { customer, productId } = await customerWithProduct(3100);
      const order = () =>
        customer.placeOrder({
          body: { items: [{ productId, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        });
      await expect(order()).resolves.toMatchObject({ status: 'pending_payment' });

      const lowered = await shop(['set-hold-limits', '--unpaid-orders', '1', '--stock-share', '100%']);
      expect([lowered.code, lowered.stderr]).toEqual([0, '']);
      expect(lowered.stdout).toContain('Saved orders.holdLimits:');
      expect(lowered.stdout).toMatch(/unpaidOrders\s+1\n/);
      expect(lowered.stdout).toMatch(/stockSharePercent\s+100 %/);
      expect(lowered.stdout).toMatch(/addressUnpaidOrders\s+10\n/);

      // The running server, never restarted: this customer's second unpaid order is one too many…
      const refused = await order().then(
        () => undefined,
        (error: ApiError) => error,
      );
      expect(refused).toMatchObject({ status: 409 });
      expect(holdLimitOf(refused?.fields)).toEqual({
        kind: 'unpaid_orders',
        by: 'customer',
        max: 1,
        productId: null,
      });
      // …and with the whole stock as the share, another may hold 4 of a product's 5 units (3 by default).
      const other = await customerWithProduct(3200);
      await expect(
        other.customer.placeOrder({
          body: {
            items: [{ productId: other.productId, quantity: 4 }],
            fulfilment: 'pickup',
            currency: 'USD',
          },
        }),
      ).resolves.toMatchObject({ status: 'pending_payment' });

      // A later change keeps the earlier one.
      const renewals = await shop(['set-hold-limits', '--renewals=0', '--hold-minutes', '90']);
      expect(renewals.code).toBe(0);
      const expected = {
        ...DEFAULT_HOLD_LIMITS,
        unpaidOrders: 1,
        stockSharePercent: 100,
        renewals: 0,
        holdMinutes: 90,
      };
      expect(JSON.parse((await shop(['settings', 'get', 'orders.holdLimits'])).stdout)).toEqual(expected);
      const listing = await shop(['settings']);
      expect(listing.stdout).toMatch(/orders\.holdLimits — how many unpaid orders/);
      expect(listing.stdout).toMatch(/holdMinutes\s+90 min \(1 h 30 min\)/);
      expect(listing.stdout).toMatch(/reviewReleaseMinutes\s+1440 min \(24 h\)/);

      const audits = (await settingAudits())
        .filter((a) => a.entity_id === 'orders.holdLimits')
        .map((a) => [JSON.parse(a.before_json!), JSON.parse(a.after_json!)] as unknown[]);
      expect(audits).toHaveLength(2);
      expect(audits).toContainEqual([
        expect.objectContaining({ source: 'cli', value: null }),
        expect.objectContaining({
          source: 'cli',
          value: { ...DEFAULT_HOLD_LIMITS, unpaidOrders: 1, stockSharePercent: 100 },
        }),
      ]);
      expect(audits).toContainEqual([
        expect.objectContaining({
          value: { ...DEFAULT_HOLD_LIMITS, unpaidOrders: 1, stockSharePercent: 100 },
        }),
        expect.objectContaining({ source: 'cli', value: expected }),
      ]);
    },
  );
});

describe('npm run shop -- set-counter', () => {
  const policyRows = () =>
    server.database.db.selectFrom('settings').selectAll().where('key', '=', 'counter.policy').execute();
  const policyFeed = () =>
    server.database.db
      .selectFrom('change_log')
      .select('seq')
      .where('entity', '=', 'setting')
      .where('entity_id', '=', 'counter.policy')
      .execute();

  it(
    'bad input names the option and changes nothing; good input is stored, shown, and queued for the counters',
    { timeout: 120_000 },
    async () => {
      const [limits, paper, order, both, none] = await Promise.all([
        shop(['set-counter', '--staff-discount', '12.5', '--admin-discount', '101%']),
        shop(['set-counter', '--paper', 'a5', '--receipt-footer', 'Thanks\u202e']),
        shop(['set-counter', '--staff-discount', '30', '--admin-discount', '20']),
        shop(['set-counter', '--receipt-footer', 'Thanks', '--no-receipt-footer']),
        shop(['set-counter']),
      ]);
      expect(limits.code).toBe(1);
      expect(limits.stderr).toContain('Nothing was changed');
      expect(limits.stderr).toContain('--staff-discount: enter a whole percent from 0 to 100');
      expect(limits.stderr).toContain('--admin-discount: enter a whole percent from 0 to 100');
      expect(paper.stderr).toContain('--paper: enter slip80 (the 80 mm receipt roll) or a4');
      expect(paper.stderr).toContain('--receipt-footer: remove control characters and direction marks');
      expect(order.stderr).toContain(
        "--staff-discount: staff may not take off more than admins may (20 %): enter at most 20, or raise the admins' limit",
      );
      expect(both.stderr).toContain('give --receipt-footer or --no-receipt-footer, not both');
      expect(none.stderr).toContain('give --receipt-footer, --no-receipt-footer, --paper');
      expect([limits, paper, order, both, none].map((r) => [r.code, r.stdout])).toEqual(
        Array.from({ length: 5 }, () => [1, '']),
      );
      expect(await policyRows()).toEqual([]);
      expect(await policyFeed()).toEqual([]);
      // Never set: the shared defaults, shown as such.
      const unset = await shop(['settings', 'get', 'counter.policy']);
      expect(JSON.parse(unset.stdout)).toEqual(DEFAULT_COUNTER_POLICY);
      expect(unset.stderr).toContain('(counter.policy is not stored: the defaults)');

      const footer = 'ទំនិញទិញហើយ ប្ដូរបានក្នុង ៧ ថ្ងៃ — exchange within 7 days';
      const set = await shop([
        'set-counter',
        '--receipt-footer',
        footer,
        '--paper',
        'A4',
        '--staff-discount',
        '15%',
      ]);
      expect([set.code, set.stderr]).toEqual([0, '']);
      expect(set.stdout).toContain('Saved counter.policy:');
      expect(set.stdout).toMatch(/discountLimitPercent\s+staff 15 %, admin 100 %/);
      expect(set.stdout).toContain('Counters use it from their next sync');
      expect(set.stdout).not.toContain('Running servers');
      // A later change keeps what it does not name.
      const later = await shop(['set-counter', '--no-receipt-footer', '--admin-discount', '50']);
      expect(later.code).toBe(0);
      const expected = {
        receiptFooter: null,
        receiptPaper: 'a4',
        discountLimitPercent: { staff: 15, admin: 50 },
      };
      expect(JSON.parse((await shop(['settings', 'get', 'counter.policy'])).stdout)).toEqual(expected);
      const listing = await shop(['settings']);
      expect(listing.stdout).toMatch(/counter\.policy — the counters' receipt footer and paper/);
      expect(listing.stdout).toMatch(/receiptFooter\s+\(none\)\n\s+receiptPaper\s+a4/);

      // Each change is audited and recorded in the change feed the counters pull.
      const audits = (await settingAudits())
        .filter((a) => a.entity_id === 'counter.policy')
        .map((a) => JSON.parse(a.after_json!) as { value: unknown });
      expect(audits.map((a) => a.value)).toContainEqual({
        receiptFooter: footer,
        receiptPaper: 'a4',
        discountLimitPercent: { staff: 15, admin: 100 },
      });
      expect(audits.map((a) => a.value)).toContainEqual(expected);
      expect(await policyFeed()).toHaveLength(2);
    },
  );
});

describe('npm run shop -- bakong-check', () => {
  it(
    'OK with a token Bakong accepts; a clear FAILED (exit 1) with one it refuses or with no Bakong to ask',
    { timeout: 120_000 },
    async () => {
      const [good, refused, standin] = await Promise.all([
        shop(['bakong-check'], { BAKONG_STANDIN: 'false', BAKONG_API_URL: bakong.url, BAKONG_TOKEN: TOKEN }),
        shop(['bakong-check'], {
          BAKONG_STANDIN: 'false',
          BAKONG_API_URL: bakong.url,
          BAKONG_TOKEN: 'expired-token',
        }),
        shop(['bakong-check'], { BAKONG_STANDIN: '', BAKONG_API_URL: '', BAKONG_TOKEN: '' }),
      ]);
      expect(good).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`OK: ${bakong.url} accepted the token`),
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`FAILED: ${bakong.url} refused the token (HTTP 401`);
      expect(refused.stderr).toContain('Renew it');
      expect(standin).toMatchObject({ code: 1, stderr: expect.stringContaining('built-in Bakong stand-in') });
      expect(refused.stderr + good.stdout).not.toContain(TOKEN);
    },
  );
});

describe('npm run shop -- set-delivery --province', () => {
  it(
    "sets a province's own rate, stops delivery to one, refuses what breaks the rules, and the server follows",
    { timeout: 120_000 },
    async () => {
      const [unknown, upsideDown, half] = await Promise.all([
        shop(['set-delivery', '--province', 'Atlantis', '--fee', '1']),
        shop(['set-delivery', '--province', 'Kep', '--fee', '1', '--days', '3-1']),
        shop(['set-delivery', '--province', 'Kep', '--standard', '--fee', '1']),
      ]);
      expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no province "Atlantis"') });
      expect(upsideDown).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('the most days cannot be fewer than the fewest'),
      });
      expect(half.code).not.toBe(0);

      const own = await shop(['set-delivery', '--province', 'siem reap', '--fee', '3.50', '--days', '1-2']);
      expect(own).toMatchObject({ code: 0, stdout: expect.stringContaining('Saved orders.pricing') });
      const refused = await shop(['set-delivery', '--province', 'Mondulkiri', '--no-delivery']);
      expect(refused.code).toBe(0);
      const { delivery } = await fetch(`${server.url}/api/v1/shop`).then(
        (r) => r.json() as Promise<{ delivery: { rates: { province: string }[] } }>,
      );
      expect(delivery.rates.find((r) => r.province === 'Siem Reap')).toMatchObject({
        feeCents: 350,
        minDays: 1,
        maxDays: 2,
        delivers: true,
      });
      expect(delivery.rates.find((r) => r.province === 'Mondulkiri')).toMatchObject({ delivers: false });
      const after = (await settingAudits()).filter((a) => a.entity_id === 'orders.pricing').length;
      expect(after).toBeGreaterThanOrEqual(2);

      expect((await shop(['set-delivery', '--province', 'Siem Reap', '--standard'])).code).toBe(0);
      const back = await fetch(`${server.url}/api/v1/shop`).then(
        (r) => r.json() as Promise<{ delivery: { feeCents: number; rates: { province: string }[] } }>,
      );
      expect(back.delivery.rates.find((r) => r.province === 'Siem Reap')).toMatchObject({
        feeCents: back.delivery.feeCents,
      });
    },
  );

  it(
    'set-retention: days or years, only the options given, shown by `settings`; a value past the rules is refused',
    { timeout: 120_000 },
    async () => {
      const [set, refused] = await Promise.all([
        shop(['set-retention', '--mails', '30', '--audit', '5y']),
        shop(['set-retention', '--change-feed', '0']),
      ]);
      expect([set.code, set.stderr]).toEqual([0, '']);
      expect(set.stdout).toContain('Saved data.retention:');
      expect(set.stdout).toMatch(/sentMailDays\s+30 days\n/);
      expect(set.stdout).toMatch(/auditDays\s+1825 days\n/);
      expect(set.stdout).toMatch(/changeFeedDays\s+30 days/);
      expect(refused).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/--change-feed: enter a whole number of days from 1/),
      });
      const listing = await shop(['settings']);
      expect(listing.stdout).toMatch(/data\.retention — how long sent mails, audit rows and the change feed/);
      expect(listing.stdout).toMatch(/sentMailDays\s+30 days/);
    },
  );
});
