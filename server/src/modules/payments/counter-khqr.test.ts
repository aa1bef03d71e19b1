import { createRequire } from 'node:module';
import { ulid } from 'ulidx';
import { beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, type ApiError, type PushItem, type SalePayment } from '@shop/shared';
import {
  aProductWithStock,
  checkPaymentsNow,
  failure,
  pairTestCounter,
  payAndCheck,
  useTestShopWithCounters,
  type TestCounter,
} from '../../../test/factory';
import { browserClient, signedInAs } from '../../../test/support';
import { createActiveUser } from '../accounts/users';
import { UNCLAIMED_AFTER_MS } from './counter-khqr';
import { DEMO_MERCHANT_ACCOUNT, KHQR_LIFETIME_MS } from './merchant';

/**
 * A counter's online KHQR through real HTTP: the counter asks the server for a dynamic KHQR, the Bakong stand-in
 * plays the customer's bank app, the one payment job confirms it, and the pushed sale takes that very payment.
 * And what others cannot make it do: another counter, a stranger, a customer, a second sale, a QR that expired.
 */
const {
  shop,
  counters: [front, back],
} = useTestShopWithCounters(['Front', 'Back'], { env: { BAKONG_POLL_MS: '3600000' } });
const { BakongKHQR } = createRequire(import.meta.url)('bakong-khqr') as {
  BakongKHQR: { decode(qr: string): { data: Record<string, unknown> } };
};

let staffId: string;

beforeAll(async () => {
  staffId = shop.staffUser.userId;
});

const db = () => shop.server.database.db;
const ask = (by: TestCounter, amount: number, currency: 'USD' | 'KHR' = 'USD', id = ulid()) =>
  by.client.requestCounterKhqr({ body: { id, amount, currency } });
const paymentRow = (id: string) =>
  db().selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const paymentsOf = (orderId: string) =>
  db().selectFrom('payments').selectAll().where('order_id', '=', orderId).execute();

async function saleWith(by: TestCounter, payments: SalePayment[], priceCents: number) {
  const cable = await aProductWithStock(shop, { stock: 5, name: 'USB-C cable' });
  const item: PushItem = {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: [{ productId: cable.id, quantity: 1, unitPriceCents: priceCents }],
    payments,
  };
  const [result] = (await by.client.pushItems({ body: { items: [item] } })).results;
  return result!;
}

describe("a counter's online KHQR", () => {
  it('is made for the shop account, confirmed by the payment job, and becomes the pushed sale’s own payment', async () => {
    const id = ulid();
    const made = await ask(front, 25_00, 'USD', id);
    expect(made).toMatchObject({ id, status: 'pending', amount: 25_00, currency: 'USD' });
    expect(made.expiresAt - Date.now()).toBeGreaterThan(KHQR_LIFETIME_MS - 60_000);
    const decoded = BakongKHQR.decode(made.khqr).data;
    expect(decoded).toMatchObject({
      bakongAccountID: DEMO_MERCHANT_ACCOUNT.accountId,
      transactionAmount: '25.00',
      transactionCurrency: '840',
      pointofInitiationMethod: '12',
    });

    // Asked again (a retry after a timeout): the same QR; the same id for another amount is refused.
    expect(await ask(front, 25_00, 'USD', id)).toEqual(made);
    expect((await failure<ApiError>(ask(front, 26_00, 'USD', id))).status).toBe(409);
    expect((await failure<ApiError>(ask(front, 25_00, 'KHR', id))).status).toBe(409);

    expect(await front.client.getCounterKhqr({ params: { id } })).toMatchObject({ status: 'pending' });
    await payAndCheck(shop.server, made.khqr);
    expect(await front.client.getCounterKhqr({ params: { id } })).toEqual({
      id,
      status: 'paid',
      md5: made.md5,
      amount: 25_00,
      currency: 'USD',
      expiresAt: made.expiresAt,
    });

    const sold = await saleWith(
      front,
      [{ method: 'khqr', currency: 'USD', amount: 25_00, md5: made.md5, khqrPaymentId: id }],
      25_00,
    );
    expect(sold.status).toBe('applied');
    const payments = await paymentsOf(sold.orderId!);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      id,
      md5: made.md5,
      status: 'paid',
      needs_reconciliation: 0,
      received_by: staffId,
    });
    expect(payments[0]!.bakong_hash).toBeTruthy();

    // The same paid KHQR claimed by a second sale: that sale stands (it happened) but its payment is not trusted.
    const again = await saleWith(
      front,
      [{ method: 'khqr', currency: 'USD', amount: 25_00, md5: made.md5 }],
      25_00,
    );
    expect(again.status).toBe('applied');
    const [doubted] = await paymentsOf(again.orderId!);
    expect(doubted).toMatchObject({ method: 'khqr', md5: null, needs_reconciliation: 1 });
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'pos.khqr_unverified')
      .where('entity_id', '=', doubted!.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ problem: expect.stringContaining('already paid') });
    expect(await paymentRow(id)).toMatchObject({ order_id: sold.orderId });
  });

  it('is tied in a pushed batch among cash sales, which still run together', async () => {
    const made = await ask(front, 18_00);
    await payAndCheck(shop.server, made.khqr);
    const cable = await aProductWithStock(shop, { stock: 10, name: 'DisplayPort cable' });
    const sale = (payments: SalePayment[]): PushItem => ({
      id: ulid(),
      type: 'sale',
      at: Date.now(),
      staffId,
      receiptNumber: `R-${ulid().slice(-8)}`,
      lines: [{ productId: cable.id, quantity: 1, unitPriceCents: 18_00 }],
      payments,
    });
    const cash = (): PushItem => sale([{ method: 'cash', currency: 'USD', amount: 18_00, tendered: 18_00 }]);
    const items = [cash(), sale([{ method: 'khqr', currency: 'USD', amount: 18_00, md5: made.md5 }]), cash()];
    const { results } = await front.client.pushItems({ body: { items } });
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await paymentsOf(results[1]!.orderId!)).toEqual([
      expect.objectContaining({ id: made.id, needs_reconciliation: 0 }),
    ]);
    for (const r of [results[0]!, results[2]!])
      expect(await paymentsOf(r.orderId!)).toEqual([expect.objectContaining({ method: 'cash' })]);
  });

  it('in riel asks for whole riel and is paid only by the exact riel amount', async () => {
    const made = await ask(front, 82_000, 'KHR');
    expect(BakongKHQR.decode(made.khqr).data).toMatchObject({
      transactionAmount: '82000',
      transactionCurrency: '116',
    });
    await payAndCheck(shop.server, made.khqr, 81_000);
    const seen = await front.client.getCounterKhqr({ params: { id: made.id } });
    expect(seen).toMatchObject({ status: 'expired', problem: expect.stringContaining('does not match') });
    expect((await paymentRow(made.id)).status).toBe('mismatch');
  });

  it('that expired unpaid cannot pay a sale, nor can one the server never made', async () => {
    const made = await ask(front, 9_00);
    await checkPaymentsNow(shop.server, made.expiresAt + 24 * 60 * 60_000);
    expect(await front.client.getCounterKhqr({ params: { id: made.id } })).toMatchObject({
      status: 'expired',
    });
    expect((await paymentRow(made.id)).status).toBe('expired');

    const late = await saleWith(
      front,
      [{ method: 'khqr', currency: 'USD', amount: 9_00, md5: made.md5, khqrPaymentId: made.id }],
      9_00,
    );
    expect(late.status).toBe('applied');
    expect(await paymentsOf(late.orderId!)).toEqual([
      expect.objectContaining({ needs_reconciliation: 1, md5: null }),
    ]);
    expect(await paymentRow(made.id)).toMatchObject({ order_id: null, status: 'expired' });

    const invented = await saleWith(
      front,
      [{ method: 'khqr', currency: 'USD', amount: 9_00, md5: 'f'.repeat(32) }],
      9_00,
    );
    expect(await paymentsOf(invented.orderId!)).toEqual([
      expect.objectContaining({ needs_reconciliation: 1 }),
    ]);
  });

  it('belongs to its counter: another counter can neither read it, take its id, nor sell with it', async () => {
    const made = await ask(front, 12_00);
    expect((await failure<ApiError>(back.client.getCounterKhqr({ params: { id: made.id } }))).status).toBe(
      404,
    );
    expect((await failure<ApiError>(ask(back, 12_00, 'USD', made.id))).status).toBe(409);
    await payAndCheck(shop.server, made.khqr);

    const stolen = await saleWith(
      back,
      [{ method: 'khqr', currency: 'USD', amount: 12_00, md5: made.md5, khqrPaymentId: made.id }],
      12_00,
    );
    expect(stolen.status).toBe('applied');
    expect(await paymentsOf(stolen.orderId!)).toEqual([expect.objectContaining({ needs_reconciliation: 1 })]);
    // Still the front counter's to use.
    expect(await paymentRow(made.id)).toMatchObject({ order_id: null, status: 'paid' });
    expect(await front.client.getCounterKhqr({ params: { id: made.id } })).toMatchObject({ status: 'paid' });
  });

  it('answers only paired counters: not a stranger, a customer, staff, or a browser session', async () => {
    const made = await ask(front, 5_00);
    const stranger = createShopClient({ baseUrl: shop.server.url });
    const customer = (await signedInAs(db(), 'customer')).client(shop.server.url);
    const body = { id: ulid(), amount: 5_00, currency: 'USD' as const };
    for (const client of [stranger, customer, shop.staff, shop.admin]) {
      // Without any token a POST first fails the CSRF check (403); with a user's token, the device check (401).
      expect([401, 403]).toContain((await failure<ApiError>(client.requestCounterKhqr({ body }))).status);
      expect((await failure<ApiError>(client.getCounterKhqr({ params: { id: made.id } }))).status).toBe(401);
    }
    // A customer signed in in a browser (session cookie and CSRF token): no device token, no KHQR.
    const email = `shopper-${ulid().toLowerCase()}@example.test`;
    const password = 'a long and secret password';
    await createActiveUser(db(), { email, password, name: 'Shopper', role: 'customer' });
    const browser = browserClient(shop.server.url);
    expect(await browser.client.login({ body: { email, password } })).toMatchObject({ user: { email } });
    const fromPage = await failure<ApiError>(browser.client.requestCounterKhqr({ body }));
    expect([401, 403]).toContain(fromPage.status);
    expect((await failure<ApiError>(browser.client.getCounterKhqr({ params: { id: made.id } }))).status).toBe(
      401,
    );
    // A revoked counter is refused at once.
    const gone = await pairTestCounter(shop, 'Gone');
    await shop.admin.revokeDevice({ params: { id: gone.id } });
    expect((await failure<ApiError>(ask(gone, 5_00))).status).toBe(401);
    expect(await db().selectFrom('payments').select('id').where('id', '=', body.id).execute()).toEqual([]);
  });

  it('asked five times at once with one id (retries racing) makes one QR', async () => {
    const id = ulid();
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => ask(front, 3_00, 'USD', id)));
    expect(new Set(answers.map((a) => a.md5)).size).toBe(1);
    const rows = await db()
      .selectFrom('payments')
      .select('id')
      .where('device_id', '=', front.id)
      .where('id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses what is not a whole positive amount of minor units', async () => {
    for (const amount of [0, -100, 12.5])
      expect((await failure<ApiError>(ask(front, amount))).status).toBe(400);
    expect(
      (
        await failure<ApiError>(
          front.client.requestCounterKhqr({ body: { id: 'not-a-ulid', amount: 100, currency: 'USD' } }),
        )
      ).status,
    ).toBe(400);
  });

  it('paid but claimed by no sale within a day is flagged for staff to reconcile', async () => {
    const made = await ask(front, 7_00);
    await payAndCheck(shop.server, made.khqr);
    const paidAt = Number((await paymentRow(made.id)).paid_at);
    await shop.server.payments.runOnce(paidAt + UNCLAIMED_AFTER_MS - 60_000);
    expect((await paymentRow(made.id)).needs_reconciliation).toBe(0);
    await shop.server.payments.runOnce(paidAt + UNCLAIMED_AFTER_MS + 60_000);
    expect(await paymentRow(made.id)).toMatchObject({
      needs_reconciliation: 1,
      order_id: null,
      status: 'paid',
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', made.id)
      .where('action', '=', 'pos.khqr_unclaimed')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('cash changed in the other currency', () => {
  it('arrives with the change in the currency given, and the drawer counts it so', async () => {
    const shiftId = ulid();
    await front.client.pushItems({
      body: {
        items: [
          {
            id: ulid(),
            type: 'shift_open',
            at: Date.now(),
            staffId,
            shiftId,
            floatUsdCents: 0,
            floatKhr: 100_000,
          },
        ],
      },
    });
    const cable = await aProductWithStock(shop, { stock: 5, name: 'HDMI cable' });
    const sale = (payments: SalePayment[]): PushItem => ({
      id: ulid(),
      type: 'sale',
      at: Date.now(),
      staffId,
      shiftId,
      receiptNumber: `R-${ulid().slice(-8)}`,
      lines: [{ productId: cable.id, quantity: 1, unitPriceCents: 15_00 }],
      payments,
    });
    // A $20 note for $15, the $5 change given as 20,000 riel.
    const changed = sale([
      {
        method: 'cash',
        currency: 'USD',
        amount: 15_00,
        tendered: 20_00,
        change: 20_000,
        changeCurrency: 'KHR',
      },
    ]);
    // Change in riel without saying what was tendered cannot be booked: parked for staff, not guessed.
    const unclear = sale([
      { method: 'cash', currency: 'USD', amount: 15_00, change: 20_000, changeCurrency: 'KHR' },
    ]);
    const { results } = await front.client.pushItems({ body: { items: [changed, unclear] } });
    expect(results.map((r) => r.status)).toEqual(['applied', 'parked']);
    expect(results[1]!.error).toMatch(/tendered/);
    expect(await paymentsOf(results[0]!.orderId!)).toEqual([
      expect.objectContaining({
        currency: 'USD',
        amount_minor: 15_00,
        tendered_minor: 20_00,
        change_minor: 20_000,
        change_currency: 'KHR',
      }),
    ]);
    const report = await shop.staff.getShiftReport({ params: { id: shiftId } });
    expect(report.cashSales).toEqual({ usdCents: 20_00, khr: -20_000 });
    expect(report.expected).toEqual({ usdCents: 20_00, khr: 80_000 });
  });
});
