import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatus } from '@shop/shared';
import { openTestDatabase, testDialect } from '../../../test/support';
import type { ShopDatabase } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { AppError } from '../../http/errors';
import { createLogger } from '../../logger';
import { createActiveUser } from '../accounts/users';
import type { Actor } from '../audit/audit';
import { createProduct } from '../catalog/service';
import { createBrand, createCategory } from '../catalog/taxonomy';
import { getStockLevel, recordStockMovement } from '../inventory/service';
import { createOrderMailer } from '../orders/notifications';
import { numberOrder, recordOrder, reserveLines, sellLines } from '../orders/placement';
import { orderTotals, priceLines } from '../orders/pricing';
import { getPricing } from '../settings/pricing';
import type { BakongClient } from './bakong-client';
import { cashTender, recordCashPayment } from './cash';
import { latestKhqrPayment } from './repo';
import { issuePayment, paymentViewFor } from './service';
import { startPaymentWatcher } from './watcher';
import { failure as failureOf } from '../../../test/factory';

/**
 * Cash at the counter, through the real services on a real database: a walk-in sale composed from the same steps
 * as a web order (price, number, sell, record), paid in dollars or riel with change, and invisible to everything
 * that deals in QRs (the payment job and the pay page).
 */
let database: ShopDatabase & { drop(): Promise<void> };
let staff: { id: string };
let actor: Actor;
let productId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  staff = await createActiveUser(db, {
    email: 'counter@shop.test',
    password: 'a long counter passphrase 7!',
    name: 'Dara Counter',
    role: 'staff',
  });
  actor = { userId: staff.id, ip: null };
  const category = await createCategory(db, { name: 'Mice', nameKm: 'កណ្ដុរ', specKind: 'general' }, actor);
  const brand = await createBrand(db, { name: 'Logi' }, actor);
  const product = await createProduct(
    db,
    {
      sku: 'CASH-MOUSE-1',
      name: 'Wireless mouse',
      categoryId: category.id,
      brandId: brand.id,
      priceCents: 1999,
    },
    actor,
  );
  productId = product.id;
  await recordStockMovement(db, { productId, type: 'receive', quantity: 10 }, actor);
});
afterAll(() => database?.drop());

const failure = (promise: Promise<unknown>) => failureOf<AppError>(promise);

/** A counter sale of `quantity` mice to a walk-in customer, handed over at once, as the POS will compose it. */
async function counterSale(quantity: number, status: OrderStatus = 'picked_up') {
  return inTransaction(database.db, async (tx) => {
    const lines = await priceLines(tx, [{ productId, quantity }]);
    const now = Date.now();
    const number = await numberOrder(tx, 'pos');
    await sellLines(tx, number, lines, staff.id);
    return recordOrder(
      tx,
      {
        number,
        channel: 'pos',
        status,
        customer: { userId: null, name: 'Walk-in customer', email: null, phone: null, locale: 'km' },
        fulfilment: 'pickup',
        deliveryAddress: null,
        note: null,
        currency: 'USD',
        totals: orderTotals(await getPricing(tx), null, lines),
        paymentDueAt: null,
        paidAt: now,
        placedBy: { actor: 'staff', id: staff.id },
      },
      lines,
      now,
    );
  });
}

describe(`cash at the counter on ${testDialect}`, () => {
  it('a walk-in sale is numbered P-, leaves the shelf at once and is paid in dollars with change', async () => {
    const before = await getStockLevel(database.db, productId);
    const order = await counterSale(2);
    expect(order.number).toMatch(/^P-\d+$/);
    expect(order).toMatchObject({ channel: 'pos', user_id: null, total_cents: 3998, payment_due_at: null });
    const after = await getStockLevel(database.db, productId);
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(before.reserved);

    const cash = await recordCashPayment(database.db, {
      orderId: order.id,
      currency: 'USD',
      tendered: 5000,
      receivedBy: staff.id,
    });
    expect(cash).toMatchObject({ currency: 'USD', amount: 3998, tendered: 5000, change: 1002 });
    const row = await database.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', cash.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      method: 'cash',
      status: 'paid',
      qr: null,
      md5: null,
      expires_at: null,
      watch_until: null,
      next_check_at: null,
      received_by: staff.id,
    });
    expect(Number(row.amount_minor)).toBe(3998);
    expect(Number(row.tendered_minor)).toBe(5000);
    expect(Number(row.change_minor)).toBe(1002);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', cash.id)
      .execute();
    expect(audit).toEqual([{ action: 'payment.cash', actor_id: staff.id }]);
  });

  it('riel is owed at the order rate rounded to 100 riel, and tendered and given back in 100-riel steps', async () => {
    const order = await counterSale(1);
    const owed = Number(order.total_khr);
    expect(owed % 100).toBe(0);
    expect(owed).toBe(Math.round((1999 * Number(order.riel_per_usd)) / 10_000) * 100);
    const cash = await recordCashPayment(database.db, {
      orderId: order.id,
      currency: 'KHR',
      tendered: owed + 10_000,
      receivedBy: staff.id,
    });
    expect(cash).toMatchObject({ currency: 'KHR', amount: owed, change: 10_000 });

    const odd = await failure(
      recordCashPayment(database.db, {
        orderId: order.id,
        currency: 'KHR',
        tendered: owed + 50,
        receivedBy: staff.id,
      }),
    );
    expect(odd).toMatchObject({ status: 400, fields: { tendered: 'in whole 100-riel steps' } });
  });

  it('part of a sale in dollars and the rest in riel', async () => {
    const order = await counterSale(1);
    const dollars = await recordCashPayment(database.db, {
      orderId: order.id,
      currency: 'USD',
      amount: 1000,
      tendered: 1000,
      receivedBy: staff.id,
    });
    const riel = await recordCashPayment(database.db, {
      orderId: order.id,
      currency: 'KHR',
      amount: 41_000,
      tendered: 50_000,
      receivedBy: staff.id,
    });
    expect([dollars.change, riel.change]).toEqual([0, 9_000]);
  });

  it('refuses too little cash, closed orders and orders waiting for their KHQR', async () => {
    const order = await counterSale(1);
    const short = await failure(
      recordCashPayment(database.db, {
        orderId: order.id,
        currency: 'USD',
        tendered: 1000,
        receivedBy: null,
      }),
    );
    expect(short).toMatchObject({ status: 400, fields: { tendered: 'at least 1999' } });

    const cancelled = await counterSale(1, 'cancelled');
    const closed = await failure(
      recordCashPayment(database.db, {
        orderId: cancelled.id,
        currency: 'USD',
        tendered: 5000,
        receivedBy: null,
      }),
    );
    expect(closed).toMatchObject({ status: 409, message: 'This order is cancelled: it takes no money' });

    const unpaid = await webOrderWithQr();
    const waiting = await failure(
      recordCashPayment(database.db, {
        orderId: unpaid.id,
        currency: 'USD',
        tendered: 5000,
        receivedBy: null,
      }),
    );
    expect(waiting).toMatchObject({ status: 409, fields: { orderId: 'waiting for KHQR' } });

    const missing = await failure(
      recordCashPayment(database.db, {
        orderId: 'NO-SUCH-ORDER',
        currency: 'USD',
        tendered: 1,
        receivedBy: null,
      }),
    );
    expect(missing).toMatchObject({ status: 404 });
  });

  it('the payment job and the pay page deal in QRs only: cash is never checked with Bakong nor shown as a QR', async () => {
    const sale = await counterSale(1);
    await recordCashPayment(database.db, {
      orderId: sale.id,
      currency: 'USD',
      tendered: 2000,
      receivedBy: null,
    });
    const web = await webOrderWithQr();
    const qr = (await latestKhqrPayment(database.db, web.id))!;
    await database.db.updateTable('payments').set({ next_check_at: 0 }).execute();

    const asked: string[] = [];
    const bakong = {
      checkByMd5List: async (md5s: readonly string[]) => {
        asked.push(...md5s);
        return new Map();
      },
    } as unknown as BakongClient;
    const watcher = startPaymentWatcher({
      db: database.db,
      bakong,
      mailer: createOrderMailer('http://shop.test'),
      logger: createLogger('silent'),
      pollMs: 3_600_000,
      autoStart: false,
    });
    await watcher.runOnce();
    await watcher.stop();
    expect(asked).toContain(qr.md5);
    expect(asked.every((md5) => typeof md5 === 'string' && md5.length === 32)).toBe(true);

    const viewer = { id: staff.id, email: 'counter@shop.test', name: 'Dara Counter', role: 'staff' as const };
    const none = await failure(
      paymentViewFor(database.db, sale.id, { kind: 'user', user: { ...viewer, sessionId: 'test' } }, null),
    );
    expect(none).toMatchObject({ status: 404, message: 'This order has no payment' });
    const view = await paymentViewFor(
      database.db,
      web.id,
      { kind: 'user', user: { ...viewer, sessionId: 'test' } },
      null,
    );
    expect(view).toMatchObject({ status: 'pending', khqr: qr.qr, md5: qr.md5 });
  });

  it('cashTender says what goes back', () => {
    expect(cashTender('USD', 1999, 2000)).toEqual({ change: 1 });
    expect(cashTender('KHR', 82_000, 100_000)).toEqual({ change: 18_000 });
    expect(() => cashTender('KHR', 81_950, 100_000)).toThrow(/100-riel steps/);
    expect(() => cashTender('USD', 0, 100)).toThrow(/positive/);
  });
});

/** A web order waiting for its KHQR, made from the same steps (reserve instead of sell). */
async function webOrderWithQr() {
  return inTransaction(database.db, async (tx) => {
    const lines = await priceLines(tx, [{ productId, quantity: 1 }]);
    const now = Date.now();
    const number = await numberOrder(tx, 'web');
    await (await reserveLines(tx, lines, now)).record(number);
    const order = await recordOrder(
      tx,
      {
        number,
        channel: 'web',
        status: 'pending_payment',
        customer: { userId: null, name: 'Test customer', email: 'web@shop.test', phone: null, locale: 'en' },
        fulfilment: 'pickup',
        deliveryAddress: null,
        note: null,
        currency: 'USD',
        totals: orderTotals(await getPricing(tx), null, lines),
        paymentDueAt: now + 15 * 60_000,
        paidAt: null,
        placedBy: { actor: 'customer', id: null },
      },
      lines,
      now,
    );
    await issuePayment(tx, order, { allowDemoAccount: true, graceMs: 60_000 }, now);
    return order;
  });
}
