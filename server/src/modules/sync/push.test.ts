import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { warrantyUntil, type ApiError, type PushItem, type ShopClient } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  pairTestCounter,
  placedOrder,
  useTestShopWithCounters,
} from '../../../test/factory';
import { createActiveUser } from '../accounts/users';
import { HOLD_LIMITS_KEY } from '../orders/hold-limits';

/**
 * What counters push, through the real routes with a paired device's token, on the real database: each item applied
 * once however often it is retried, sales as handed-over counter orders in the one inventory, shortfalls instead of
 * refusals, parked items that staff retry or discard, and whole shifts.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Front counter'], {
  // Web orders here may hold a product's whole stock; the limits on unpaid holds are tested in orders/holds.test.ts.
  settings: { [HOLD_LIMITS_KEY]: { stockSharePercent: 100 } },
});
let staffId: string;

beforeAll(async () => {
  staffId = shop.staffUser.userId;
});

const db = () => shop.server.database.db;
const stockOf = (productId: string) => shop.staff.getProductStock({ params: { id: productId } });
const product = (stock: number, spec: { serials?: string[]; warrantyMonths?: number } = {}) =>
  aProductWithStock(shop, { stock, name: 'HDMI cable', ...spec });

function aSale(productId: string, overrides: Partial<Extract<PushItem, { type: 'sale' }>> = {}): PushItem {
  return {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: [{ productId, quantity: 1, unitPriceCents: 2000 }],
    payments: [{ method: 'cash', currency: 'USD', amount: 2000, tendered: 2000, change: 0 }],
    ...overrides,
  };
}

const push = (items: PushItem[], by: { client: ShopClient } = counter) =>
  by.client.pushItems({ body: { items } });

describe('a counter sale', () => {
  it('becomes one handed-over counter order at the counter prices, moves the ledger once, however often pushed', async () => {
    const cable = await product(5);
    const sale = aSale(cable.id, {
      lines: [{ productId: cable.id, quantity: 2, unitPriceCents: 1800, discountCents: 300 }],
      discountCents: 200,
      payments: [
        { method: 'cash', currency: 'USD', amount: 2000, tendered: 5000, change: 3000 },
        { method: 'khqr', currency: 'KHR', amount: 4100, staffConfirmed: true },
      ],
    });
    const first = await push([sale]);
    expect(first.results).toEqual([
      {
        id: sale.id,
        status: 'applied',
        orderId: expect.any(String),
        orderNumber: expect.stringMatching(/^P-/),
      },
    ]);
    const again = await push([sale]);
    expect(again.results).toEqual(first.results);

    const order = await shop.staff.getOrder({ params: { id: first.results[0]!.orderId! } });
    expect(order).toMatchObject({ channel: 'pos', status: 'picked_up', totalCents: 3100 });
    const row = await db()
      .selectFrom('orders')
      .selectAll()
      .where('receipt_number', '=', (sale as { receiptNumber: string }).receiptNumber)
      .execute();
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({
      device_id: counter.id,
      staff_id: staffId,
      subtotal_cents: 3300,
      paid_at: sale.at,
      created_at: sale.at,
    });
    expect(Number(row[0]!.discount_cents)).toBe(200);
    expect(Number(row[0]!.total_khr)).toBe(Number(row[0]!.riel_per_usd) * 31);
    const payments = await db()
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', row[0]!.id)
      .orderBy('method')
      .execute();
    expect(payments.map((p) => [p.method, p.currency, Number(p.amount_minor), p.status])).toEqual([
      ['cash', 'USD', 2000, 'paid'],
      ['khqr', 'KHR', 4100, 'paid'],
    ]);
    expect(Number(payments[0]!.change_minor)).toBe(3000);
    expect(Number(payments[1]!.needs_reconciliation)).toBe(1);

    const stock = await stockOf(cable.id);
    expect(stock).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect(stock.movements.filter((m) => m.type === 'sale')).toMatchObject([
      { onHandDelta: -2, reference: row[0]!.number, actorId: staffId },
    ]);
    const devices = await shop.admin.listDevices({});
    expect(devices.items.find((d) => d.id === counter.id)?.lastSyncAt).toEqual(expect.any(Number));
  });

  it('the same batch pushed 20 times at once makes one set of orders, the same order each time', async () => {
    const cable = await product(50);
    const batch = [aSale(cable.id), aSale(cable.id), aSale(cable.id)];
    const answers = await Promise.all(Array.from({ length: 20 }, () => push(batch)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const orders = await db()
      .selectFrom('orders')
      .select('id')
      .where(
        'receipt_number',
        'in',
        batch.map((s) => (s as { receiptNumber: string }).receiptNumber),
      )
      .execute();
    expect(orders.map((o) => o.id).sort()).toEqual(answers[0]!.results.map((r) => r.orderId).sort());
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 47 });
    expect(
      await db()
        .selectFrom('sync_items')
        .select('id')
        .where(
          'id',
          'in',
          batch.map((s) => s.id),
        )
        .execute(),
    ).toHaveLength(3);
  });

  it('a push cut off mid-way and pushed again applies every sale once', async () => {
    const cable = await product(100);
    const batch = Array.from({ length: 60 }, () => aSale(cable.id));
    const cut = new AbortController();
    const first = counter.client.pushItems({ body: { items: batch } }, { signal: cut.signal });
    setTimeout(() => cut.abort(), 15);
    await first.catch(() => undefined);
    const { results } = await push(batch);
    expect(results.map((r) => r.status)).toEqual(batch.map(() => 'applied'));
    expect(new Set(results.map((r) => r.orderId)).size).toBe(60);
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 40 });
  });

  it('the same id with other content, or from another counter, is a conflict and changes nothing', async () => {
    const cable = await product(5);
    const sale = aSale(cable.id);
    const [applied] = (await push([sale])).results;
    const changed = { ...sale, receiptNumber: 'R-OTHER' } as PushItem;
    expect((await push([changed])).results).toEqual([
      { id: sale.id, status: 'conflict', error: expect.stringMatching(/other content/) },
    ]);
    const other = await pairTestCounter(shop, 'Back counter');
    expect((await push([sale], other)).results).toEqual([
      { id: sale.id, status: 'conflict', error: expect.stringMatching(/Another counter/) },
    ]);
    expect((await push([sale])).results).toEqual([applied]);
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 4 });
  });

  it('two counters each selling the last unit: both sales stand, the second is a flagged shortfall', async () => {
    const cable = await product(1);
    const other = await pairTestCounter(shop, 'Second counter');
    const [a, b] = await Promise.all([push([aSale(cable.id)]), push([aSale(cable.id)], other)]);
    const results = [a.results[0]!, b.results[0]!];
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const short = results.filter((r) => r.shortfalls);
    expect(short).toHaveLength(1);
    expect(short[0]!.shortfalls).toEqual([{ productId: cable.id, quantity: 1 }]);
    // The shelf count stays whole: the unit the server did not have is the shortfall, not negative stock.
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    const flagged = await db()
      .selectFrom('stock_shortfalls')
      .selectAll()
      .where('product_id', '=', cable.id)
      .execute();
    expect(flagged).toMatchObject([{ order_id: short[0]!.orderId, quantity: 1, resolved_at: null }]);

    // Staff see it in the back office, count the shelf, and mark it resolved; it leaves the open list.
    const open = await shop.staff.listShortfalls({});
    const listed = open.items.find((f) => f.productId === cable.id)!;
    expect(listed).toMatchObject({
      orderId: short[0]!.orderId,
      orderNumber: short[0]!.orderNumber,
      quantity: 1,
      resolvedAt: null,
    });
    const resolved = await shop.staff.resolveShortfall({
      params: { id: listed.id },
      body: { resolution: 'found one more on the shelf; received it' },
    });
    expect(resolved).toMatchObject({
      resolvedBy: { id: staffId },
      resolution: expect.stringMatching(/shelf/),
    });
    const twice = await failure<ApiError>(
      shop.staff.resolveShortfall({ params: { id: listed.id }, body: { resolution: 'again' } }),
    );
    expect(twice.status).toBe(409);
    expect((await shop.staff.listShortfalls({})).items.map((f) => f.id)).not.toContain(listed.id);
    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.listShortfalls({}))).status).toBe(403);
  });

  it('many counters selling one product at once: the shelf gives exactly what it had, the rest are shortfalls', async () => {
    const cable = await product(20);
    const counters = await Promise.all(
      Array.from({ length: 5 }, (_, i) => pairTestCounter(shop, `Till ${i}`)),
    );
    const answers = await Promise.all(
      counters.flatMap((till) =>
        Array.from({ length: 4 }, () =>
          push(
            [
              aSale(cable.id, { lines: [{ productId: cable.id, quantity: 2, unitPriceCents: 2000 }] }),
              aSale(cable.id, { lines: [{ productId: cable.id, quantity: 1, unitPriceCents: 2000 }] }),
            ],
            till,
          ),
        ),
      ),
    );
    const results = answers.flatMap((a) => a.results);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const short = results.flatMap((r) => r.shortfalls ?? []).reduce((n, s) => n + s.quantity, 0);
    expect(short).toBe(60 - 20);
    const stock = await stockOf(cable.id);
    expect(stock).toMatchObject({ onHand: 0, reserved: 0 });
    const sold = stock.movements.filter((m) => m.type === 'sale').reduce((n, m) => n - m.onHandDelta, 0);
    expect(sold).toBe(20);
    // Every movement's "after" is its predecessor's after plus its own delta: the ledger is one unbroken chain.
    const chain = [...stock.movements].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 1; i < chain.length; i++)
      expect(chain[i]!.onHandAfter).toBe(chain[i - 1]!.onHandAfter + chain[i]!.onHandDelta);
  });

  it('never takes units a web order holds: they stay reserved and the counter sale is a shortfall', async () => {
    const cable = await product(2);
    await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 2 }] });
    const [result] = (await push([aSale(cable.id)])).results;
    expect(result).toMatchObject({ status: 'applied', shortfalls: [{ productId: cable.id, quantity: 1 }] });
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
  });

  it('a web order and a counter sale of one product both show in its stock history', async () => {
    const cable = await product(5);
    const { order } = await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 1 }] });
    const [sold] = (await push([aSale(cable.id)])).results;
    const stock = await stockOf(cable.id);
    expect(stock).toMatchObject({ onHand: 4, reserved: 1, available: 3 });
    expect(stock.movements.map((m) => [m.type, m.reference])).toEqual(
      expect.arrayContaining([
        ['reserve', order.number],
        ['sale', sold!.orderNumber],
      ]),
    );
  });

  it('sells serialized units by serial number with their warranty from the sale day', async () => {
    const laptop = await product(2, { serials: ['LT-A1', 'LT-A2'], warrantyMonths: 1 });
    const at = Date.UTC(2026, 0, 31, 5);
    const [result] = (
      await push([
        aSale(laptop.id, {
          at,
          lines: [{ productId: laptop.id, quantity: 1, unitPriceCents: 90000, serials: ['LT-A2'] }],
        }),
      ])
    ).results;
    expect(result).toMatchObject({ status: 'applied' });
    const serial = await db()
      .selectFrom('serial_numbers')
      .selectAll()
      .where('product_id', '=', laptop.id)
      .where('serial', '=', 'LT-A2')
      .executeTakeFirstOrThrow();
    expect(serial).toMatchObject({ status: 'sold', reference: result!.orderNumber });
    expect(Number(serial.sold_at)).toBe(at);
    // 31 January + 1 month: the last day of February, on the shop's calendar.
    expect(Number(serial.warranty_until)).toBe(warrantyUntil(at, 1));
    expect(new Date(Number(serial.warranty_until)).toISOString()).toMatch(/^2026-02-28/);
  });
});

describe('items the server cannot apply', () => {
  it('an unknown product is parked, the items behind it apply, and staff discard it with a reason', async () => {
    const cable = await product(5);
    const unknown = aSale('01HZZZZZZZZZZZZZZZZZZZZZZZ');
    const behind = aSale(cable.id);
    const { results } = await push([unknown, behind]);
    expect(results).toEqual([
      { id: unknown.id, status: 'parked', error: expect.stringMatching(/Unknown product/) },
      expect.objectContaining({ id: behind.id, status: 'applied' }),
    ]);
    expect((await push([unknown])).results[0]).toEqual(results[0]);

    const parked = await shop.staff.listParkedItems({});
    expect(parked.items.find((p) => p.id === unknown.id)).toMatchObject({
      deviceId: counter.id,
      deviceName: counter.name,
      type: 'sale',
      status: 'parked',
      item: { id: unknown.id, receiptNumber: (unknown as { receiptNumber: string }).receiptNumber },
    });
    const discarded = await shop.staff.discardParkedItem({
      params: { id: unknown.id },
      body: { reason: 'test item, never sold' },
    });
    expect(discarded).toMatchObject({
      status: 'discarded',
      discardReason: 'test item, never sold',
      resolvedBy: { id: staffId },
    });
    const twice = await failure<ApiError>(
      shop.staff.discardParkedItem({ params: { id: unknown.id }, body: { reason: 'again' } }),
    );
    expect(twice.status).toBe(409);
    expect((await shop.staff.listParkedItems({})).items.map((p) => p.id)).not.toContain(unknown.id);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', unknown.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sync.discard', 'sync.park']);
  });

  it('a serial the server does not have parks the sale; staff receive it and the retry applies it once', async () => {
    const laptop = await product(1, { serials: ['SN-100'] });
    const sale = aSale(laptop.id, {
      lines: [{ productId: laptop.id, quantity: 1, unitPriceCents: 50000, serials: ['SN-200'] }],
    });
    const [parked] = (await push([sale])).results;
    expect(parked).toMatchObject({ status: 'parked', error: expect.stringMatching(/SN-200/) });

    const still = await failure<ApiError>(shop.staff.retryParkedItem({ params: { id: sale.id } }));
    expect(still.status).toBe(409);
    expect(await stockOf(laptop.id)).toMatchObject({ onHand: 1 });

    await shop.staff.recordStockMovement({
      body: { productId: laptop.id, type: 'receive', quantity: 1, serials: ['SN-200'] },
    });
    const retried = await shop.staff.retryParkedItem({ params: { id: sale.id } });
    expect(retried).toMatchObject({
      status: 'applied',
      orderId: expect.any(String),
      resolvedBy: { id: staffId },
    });
    const again = await failure<ApiError>(shop.staff.retryParkedItem({ params: { id: sale.id } }));
    expect(again.status).toBe(409);
    // The counter pushing it once more (it never heard) now hears it was applied, with its order.
    expect((await push([sale])).results).toEqual([
      expect.objectContaining({ id: sale.id, status: 'applied', orderId: retried.orderId }),
    ]);
    expect(await stockOf(laptop.id)).toMatchObject({ onHand: 1 });
    const sold = await db()
      .selectFrom('serial_numbers')
      .select(['serial', 'status'])
      .where('product_id', '=', laptop.id)
      .orderBy('serial')
      .execute();
    expect(sold).toEqual([
      { serial: 'SN-100', status: 'in_stock' },
      { serial: 'SN-200', status: 'sold' },
    ]);
  });

  it('an unknown staff member, or a customer named as one, parks the item', async () => {
    const cable = await product(5);
    const stranger = aSale(cable.id, { staffId: 'nobody' });
    const customer = await aCustomer(shop.server);
    const byCustomer = aSale(cable.id, { staffId: customer.userId });
    const { results } = await push([stranger, byCustomer]);
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['parked', expect.stringMatching(/Unknown staff/)],
      ['parked', expect.stringMatching(/Unknown staff/)],
    ]);
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 5 });
  });

  it('a disabled staff member parks the item until an admin enables them again, then the retry applies', async () => {
    const cable = await product(5);
    const seller = await createActiveUser(db(), {
      email: `seller-${ulid().slice(-6).toLowerCase()}@example.test`,
      password: 'a long staff passphrase 7!',
      name: 'Vanna',
      role: 'staff',
    });
    await shop.admin.updateUser({ params: { id: seller.id }, body: { status: 'disabled' } });
    const sale = aSale(cable.id, { staffId: seller.id });
    expect((await push([sale])).results[0]).toMatchObject({
      status: 'parked',
      error: expect.stringMatching(/not active/),
    });
    await shop.admin.updateUser({ params: { id: seller.id }, body: { status: 'active' } });
    expect(await shop.admin.retryParkedItem({ params: { id: sale.id } })).toMatchObject({
      status: 'applied',
    });
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 4 });
  });

  it('a sale too large to be real is parked and does not block the items behind it', async () => {
    const cable = await product(5);
    const huge = aSale(cable.id, {
      lines: [{ productId: cable.id, quantity: 10_000, unitPriceCents: 1_000_000_000_000 }],
    });
    const behind = aSale(cable.id);
    const { results } = await push([huge, behind]);
    expect(results.map((r) => r.status)).toEqual(['parked', 'applied']);
    expect(results[0]!.error).toMatch(/too large/);
  });

  it('a malformed batch is a 400 and stores nothing', async () => {
    const cable = await product(5);
    const good = aSale(cable.id);
    // An item without an id to answer it by. (One in a shape this server does not take is parked since contract
    // versions: sync-contract.test.ts.)
    const bad = { ...aSale(cable.id), id: 'not-a-ulid' } as unknown as PushItem;
    const refused = await failure<ApiError>(push([good, bad]));
    expect(refused.status).toBe(400);
    expect(await db().selectFrom('sync_items').select('id').where('id', '=', good.id).execute()).toEqual([]);
  });
});

describe('shifts', () => {
  it('a shift opened and closed offline arrives whole, and a sale pushed after its close still applies', async () => {
    const cable = await product(10);
    const shiftId = ulid();
    const t = Date.now() - 60_000;
    const item = { staffId, shiftId };
    const open: PushItem = {
      ...item,
      id: ulid(),
      type: 'shift_open',
      at: t,
      floatUsdCents: 5000,
      floatKhr: 40000,
    };
    const sale1 = aSale(cable.id, { shiftId, at: t + 1 });
    const payIn: PushItem = {
      ...item,
      id: ulid(),
      type: 'cash_movement',
      at: t + 2,
      kind: 'pay_in',
      currency: 'KHR',
      amount: 20000,
      reason: 'small notes',
    };
    const payOut: PushItem = {
      ...item,
      id: ulid(),
      type: 'cash_movement',
      at: t + 3,
      kind: 'pay_out',
      currency: 'USD',
      amount: 500,
      reason: 'water',
    };
    const close: PushItem = {
      ...item,
      id: ulid(),
      type: 'shift_close',
      at: t + 4,
      countedUsdCents: 6500,
      countedKhr: 60000,
    };
    const late = aSale(cable.id, { shiftId, at: t + 3 });
    const refund: PushItem = {
      ...item,
      id: ulid(),
      type: 'return',
      at: t + 3,
      saleId: sale1.id,
      lines: [{ productId: cable.id, quantity: 1 }],
      refunds: [{ method: 'cash', currency: 'USD', amount: 2000 }],
      reason: 'changed their mind',
    };
    const { results } = await push([open, sale1, payIn, payOut, refund, close]);
    expect(results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const z = await shop.staff.getShiftReport({ params: { id: shiftId } });
    expect(z).toMatchObject({
      deviceId: counter.id,
      openedBy: { id: staffId },
      closedAt: t + 4,
      sales: { count: 1, totalCents: 2000 },
      float: { usdCents: 5000, khr: 40000 },
      cashSales: { usdCents: 2000, khr: 0 },
      payIns: { usdCents: 0, khr: 20000 },
      payOuts: { usdCents: 500, khr: 0 },
      cashRefunds: { usdCents: 2000, khr: 0 },
      expected: { usdCents: 4500, khr: 60000 },
      counted: { usdCents: 6500, khr: 60000 },
      difference: { usdCents: 2000, khr: 0 },
    });
    expect((await push([late])).results[0]).toMatchObject({ status: 'applied' });
    // The late sale counts in its shift: the drawer's $20 over is explained.
    expect(await shop.staff.getShiftReport({ params: { id: shiftId } })).toMatchObject({
      sales: { count: 2, totalCents: 4000 },
      expected: { usdCents: 6500, khr: 60000 },
      difference: { usdCents: 0, khr: 0 },
    });
    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.getShiftReport({ params: { id: shiftId } }))).status).toBe(
      403,
    );
    expect((await failure<ApiError>(shop.staff.getShiftReport({ params: { id: ulid() } }))).status).toBe(404);

    const shift = await db()
      .selectFrom('pos_shifts')
      .selectAll()
      .where('id', '=', shiftId)
      .executeTakeFirstOrThrow();
    expect(shift).toMatchObject({ device_id: counter.id, opened_by: staffId, closed_by: staffId });
    expect(
      [shift.opened_at, shift.closed_at, shift.counted_usd_cents, shift.counted_khr].map(Number),
    ).toEqual([t, t + 4, 6500, 60000]);
    const moves = await db()
      .selectFrom('pos_cash_movements')
      .selectAll()
      .where('shift_id', '=', shiftId)
      .execute();
    expect(moves.map((m) => [m.kind, m.currency, Number(m.amount_minor), m.reason]).sort()).toEqual([
      ['pay_in', 'KHR', 20000, 'small notes'],
      ['pay_out', 'USD', 500, 'water'],
    ]);
    const sales = await db().selectFrom('orders').select('id').where('shift_id', '=', shiftId).execute();
    expect(sales).toHaveLength(2);
  });

  it('a sale or close of a shift that never opened is parked; once the opening arrives the retry applies', async () => {
    const cable = await product(3);
    const shiftId = ulid();
    const sale = aSale(cable.id, { shiftId });
    const close: PushItem = {
      id: ulid(),
      type: 'shift_close',
      at: Date.now(),
      staffId,
      shiftId,
      countedUsdCents: 0,
      countedKhr: 0,
    };
    const { results } = await push([sale, close]);
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['parked', expect.stringMatching(/Unknown shift/)],
      ['parked', expect.stringMatching(/Unknown shift/)],
    ]);
    const open: PushItem = {
      id: ulid(),
      type: 'shift_open',
      at: Date.now(),
      staffId,
      shiftId,
      floatUsdCents: 0,
      floatKhr: 0,
    };
    expect((await push([open])).results[0]).toMatchObject({ status: 'applied' });
    expect(await shop.admin.retryParkedItem({ params: { id: sale.id } })).toMatchObject({
      status: 'applied',
    });
    expect(await shop.admin.retryParkedItem({ params: { id: close.id } })).toMatchObject({
      status: 'applied',
    });
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 2 });
  });
});

describe('returns', () => {
  it('puts the units back through the ledger, keeps the refund, and parks a return of more than was sold', async () => {
    const cable = await product(5);
    const laptop = await product(1, { serials: ['RT-1'] });
    const sale = aSale(cable.id, {
      lines: [
        { productId: cable.id, quantity: 2, unitPriceCents: 1500 },
        { productId: laptop.id, quantity: 1, unitPriceCents: 70000, serials: ['RT-1'] },
      ],
    });
    const [sold] = (await push([sale])).results;
    const giveBack = (saleId: string, quantity: number, serials?: string[]): PushItem => ({
      id: ulid(),
      type: 'return',
      at: Date.now(),
      staffId,
      saleId,
      lines: [{ productId: serials ? laptop.id : cable.id, quantity, ...(serials && { serials }) }],
      refunds: [{ method: 'cash', currency: 'USD', amount: 1500 * quantity }],
      reason: 'does not fit',
    });
    const first = giveBack(sale.id, 1);
    const byOrderId = giveBack(sold!.orderId!, 1);
    const tooMany = giveBack(sale.id, 1);
    const serialBack = giveBack(sale.id, 1, ['RT-1']);
    const { results } = await push([first, byOrderId, tooMany, serialBack]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'parked', 'applied']);
    expect(results[0]).toMatchObject({ orderId: sold!.orderId, orderNumber: sold!.orderNumber });
    expect(results[2]!.error).toMatch(/More of .* returned than order/);

    const stock = await stockOf(cable.id);
    expect(stock.onHand).toBe(5);
    expect(stock.movements.filter((m) => m.type === 'return')).toHaveLength(2);
    expect(await stockOf(laptop.id)).toMatchObject({ onHand: 1 });
    const serial = await db()
      .selectFrom('serial_numbers')
      .select(['status', 'warranty_until'])
      .where('product_id', '=', laptop.id)
      .executeTakeFirstOrThrow();
    expect(serial).toEqual({ status: 'in_stock', warranty_until: null });
    const refunds = await db()
      .selectFrom('counter_refunds as f')
      .innerJoin('counter_returns as r', 'r.id', 'f.return_id')
      .select(['f.amount_minor'])
      .where('r.order_id', '=', sold!.orderId!)
      .execute();
    expect(refunds.map((r) => Number(r.amount_minor)).sort()).toEqual([1500, 1500, 1500]);
  });

  it('two counters taking back the last unit of one sale at once: one return applies, the other is parked', async () => {
    const cable = await product(3);
    const sale = aSale(cable.id);
    await push([sale]);
    const other = await pairTestCounter(shop, 'Returns desk');
    const back = (): PushItem => ({
      id: ulid(),
      type: 'return',
      at: Date.now(),
      staffId,
      saleId: sale.id,
      lines: [{ productId: cable.id, quantity: 1 }],
      refunds: [{ method: 'cash', currency: 'USD', amount: 2000 }],
      reason: 'faulty',
    });
    const answers = await Promise.all([
      push([back()]),
      push([back()], other),
      push([back()]),
      push([back()], other),
    ]);
    const statuses = answers.map((a) => a.results[0]!.status).sort();
    expect(statuses).toEqual(['applied', 'parked', 'parked', 'parked']);
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 3 });
  });

  it('a return against an unknown sale is parked', async () => {
    const cable = await product(1);
    const item: PushItem = {
      id: ulid(),
      type: 'return',
      at: Date.now(),
      staffId,
      saleId: ulid(),
      lines: [{ productId: cable.id, quantity: 1 }],
      refunds: [],
      reason: 'broken',
    };
    expect((await push([item])).results[0]).toMatchObject({
      status: 'parked',
      error: expect.stringMatching(/Unknown sale/),
    });
  });
});

describe('who may push and resolve', () => {
  it('only a paired, unrevoked counter pushes; only staff and admins see parked items', async () => {
    const cable = await product(5);
    const sale = aSale(cable.id);
    expect((await failure<ApiError>(push([sale], { client: shop.staff }))).status).toBe(401);
    expect((await failure<ApiError>(push([sale], { client: shop.admin }))).status).toBe(401);
    const revoked = await pairTestCounter(shop, 'Old counter');
    await shop.admin.revokeDevice({ params: { id: revoked.id } });
    expect((await failure<ApiError>(push([sale], revoked))).status).toBe(401);

    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.listParkedItems({}))).status).toBe(403);
    expect((await failure<ApiError>(customer.api.retryParkedItem({ params: { id: sale.id } }))).status).toBe(
      403,
    );
    expect((await failure<ApiError>(counter.client.listParkedItems({}))).status).toBe(401);
    expect((await failure<ApiError>(shop.staff.retryParkedItem({ params: { id: ulid() } }))).status).toBe(
      404,
    );
    expect(await db().selectFrom('sync_items').select('id').where('id', '=', sale.id).execute()).toEqual([]);
  });
});
