import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import {
  SHOP_UTC_OFFSET_MS,
  salesGroupings,
  type ApiError,
  type ProductDetail,
  type PushItem,
  type SalesGrouping,
  type SalesReport,
} from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  payAndCheck,
  placedOrder,
  startShopWithCounters,
  type TestCounter,
  type TestShop,
} from '../../../test/factory';
import { signedInAs } from '../../../test/support';
import { HOLD_LIMITS_KEY } from '../orders/hold-limits';

/**
 * The sales reports on the orders a test makes through the real routes: counter sales pushed by a paired counter
 * (discounts on lines and on the sale, the Phnom Penh day boundary), a counter return, web orders paid by KHQR at
 * the Bakong stand-in with a line cancelled before and one after payment, and orders that never paid. Every grouping
 * is compared with a table of what each sale and refund is, written out by hand from those orders and summed here.
 */
let shop: TestShop;
let counter: TestCounter;
let cable: ProductDetail;
let drive: ProductDetail;

/** Instants on the shop's clock: `day` at `hh:mm` in Phnom Penh. */
const at = (day: string, time: string) => Date.parse(`${day}T${time}:00Z`) - SHOP_UTC_OFFSET_MS;
const D1 = '2026-03-10';
const D2 = '2026-03-11';
const today = new Date(Date.now() + SHOP_UTC_OFFSET_MS).toISOString().slice(0, 10);

/** What each sale and refund counts for, by hand: the groupings it falls in and its figures. */
interface Expected {
  day: string;
  order: string;
  sale: boolean;
  product: string;
  category: string;
  brand: string;
  staff: string;
  channel: string;
  payment: string;
  units: number;
  revenue: number;
  discount: number;
  refund: number;
}
const expected: Expected[] = [];

beforeAll(async () => {
  ({
    shop,
    counters: [counter],
  } = await startShopWithCounters(['Front counter'], {
    settings: { [HOLD_LIMITS_KEY]: { stockSharePercent: 100 } },
  }));
  cable = await aProductWithStock(shop, {
    name: 'USB-C cable',
    priceCents: 2000,
    costCents: 1200,
    stock: 40,
  });
  drive = await aProductWithStock(shop, { name: 'SSD 1TB', category: 'ssds', priceCents: 5000, stock: 40 });
  const { items: brands } = await shop.admin.listBrands({});
  await shop.admin.updateProduct({ params: { id: drive.id }, body: { brandId: brands[1]!.id } });
  drive = { ...drive, brand: brands[1]! };
}, 60_000);
afterAll(() => shop?.stop());

const staffId = () => shop.staffUser.userId;
const push = async (items: PushItem[]) => {
  const { results } = await counter.client.pushItems({ body: { items } });
  expect(results.map((r) => r.status)).toEqual(items.map(() => 'applied'));
  return results;
};
const report = (groupBy: SalesGrouping, from = D1, to = today) =>
  shop.admin.getSalesReport({ query: { from, to, groupBy } });

function line(product: ProductDetail) {
  return { product: product.id, category: product.category.id, brand: product.brand.id };
}

/** The report a grouping should give, summed here from the hand-written table. */
function summed(groupBy: SalesGrouping, from = D1, to = today) {
  const keyOf = (e: Expected) =>
    groupBy === 'day'
      ? e.day
      : groupBy === 'month'
        ? e.day.slice(0, 7)
        : groupBy === 'week'
          ? isoWeek(e.day)
          : e[groupBy];
  const rows = new Map<
    string,
    { orders: Set<string>; units: number; revenue: number; discount: number; refund: number }
  >();
  const totals = { orders: new Set<string>(), units: 0, revenue: 0, discount: 0, refund: 0 };
  for (const e of expected.filter((x) => x.day >= from && x.day <= to)) {
    const row = rows.get(keyOf(e)) ?? { orders: new Set(), units: 0, revenue: 0, discount: 0, refund: 0 };
    rows.set(keyOf(e), row);
    for (const r of [row, totals]) {
      if (e.sale) r.orders.add(e.order);
      r.units += e.units;
      r.revenue += e.revenue;
      r.discount += e.discount;
      r.refund += e.refund;
    }
  }
  const figures = (r: typeof totals) => ({
    orders: r.orders.size,
    units: r.units,
    revenueCents: r.revenue,
    discountCents: r.discount,
    refundCents: r.refund,
    netCents: r.revenue - r.discount - r.refund,
  });
  return {
    rows: Object.fromEntries([...rows].map(([k, r]) => [k, figures(r)])),
    totals: figures(totals),
  };
}

/** ISO week by counting Thursdays: the week's Thursday decides the year. */
function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function asRows(answer: SalesReport) {
  return Object.fromEntries(answer.rows.map(({ key, label: _label, ...figures }) => [key, figures]));
}

describe('sales reports', () => {
  it('count counter sales on the Phnom Penh day they were made, with their discounts and a later return', async () => {
    // 23:30 in Phnom Penh on D1 is 16:30 UTC the same day; 00:10 on D2 is still D1 in UTC.
    const lateSale: PushItem = {
      id: ulid(),
      type: 'sale',
      at: at(D1, '23:30'),
      staffId: staffId(),
      receiptNumber: `R-${ulid().slice(-8)}`,
      lines: [
        { productId: cable.id, quantity: 2, unitPriceCents: 1800, discountCents: 300 },
        { productId: drive.id, quantity: 1, unitPriceCents: 5000 },
      ],
      discountCents: 200,
      payments: [{ method: 'cash', currency: 'USD', amount: 8100, tendered: 10000, change: 1900 }],
    };
    const earlySale: PushItem = {
      id: ulid(),
      type: 'sale',
      at: at(D2, '00:10'),
      staffId: staffId(),
      receiptNumber: `R-${ulid().slice(-8)}`,
      lines: [{ productId: cable.id, quantity: 1, unitPriceCents: 2000 }],
      payments: [{ method: 'khqr', currency: 'USD', amount: 2000, staffConfirmed: true }],
    };
    const [s1, s2] = await push([lateSale, earlySale]);
    const pos = { staff: staffId(), channel: 'pos' };
    // The sale's $2 discount goes over its lines by what they came to after their own discounts: 3300 and 5000.
    expected.push(
      {
        day: D1,
        order: s1!.orderId!,
        sale: true,
        ...line(cable),
        ...pos,
        payment: 'cash_usd',
        units: 2,
        revenue: 3600,
        discount: 300 + 80,
        refund: 0,
      },
      {
        day: D1,
        order: s1!.orderId!,
        sale: true,
        ...line(drive),
        ...pos,
        payment: 'cash_usd',
        units: 1,
        revenue: 5000,
        discount: 120,
        refund: 0,
      },
      {
        day: D2,
        order: s2!.orderId!,
        sale: true,
        ...line(cable),
        ...pos,
        payment: 'khqr',
        units: 1,
        revenue: 2000,
        discount: 0,
        refund: 0,
      },
    );

    const d1 = await report('day', D1, D1);
    expect(d1.rows.map((r) => r.key)).toEqual([D1]);
    expect(d1.totals).toEqual(summed('day', D1, D1).totals);
    expect(d1.totals).toMatchObject({
      orders: 1,
      units: 3,
      revenueCents: 8600,
      discountCents: 500,
      netCents: 8100,
    });

    // Read once already: the return must mark D2 stale in its own transaction for the next report to see it.
    expect((await report('day', D2, D2)).totals).toMatchObject({ orders: 1, refundCents: 0 });
    await push([
      {
        id: ulid(),
        type: 'return',
        at: at(D2, '10:00'),
        staffId: staffId(),
        saleId: lateSale.id,
        lines: [{ productId: cable.id, quantity: 1 }],
        refunds: [{ method: 'cash', currency: 'USD', amount: 1650 }],
        reason: 'changed their mind',
      },
    ]);
    // A return is worth what the line sold for after its own discount: (3600 − 300) / 2.
    expected.push({
      day: D2,
      order: s1!.orderId!,
      sale: false,
      ...line(cable),
      ...pos,
      payment: 'cash_usd',
      units: 0,
      revenue: 0,
      discount: 0,
      refund: 1650,
    });
    expect((await report('day', D2, D2)).totals).toEqual(summed('day', D2, D2).totals);
  });

  it('count web orders when paid, less lines cancelled before payment; a line cancelled after payment is a refund', async () => {
    const web = { staff: 'online', channel: 'web', payment: 'khqr' };
    const placed = await placedOrder(shop.server, {
      items: [
        { productId: cable.id, quantity: 1 },
        { productId: drive.id, quantity: 2 },
      ],
    });
    await payAndCheck(
      shop.server,
      (await placed.api.getOrderPayment({ params: { id: placed.order.id } })).khqr,
    );
    const w1 = await placed.api.getOrder({ params: { id: placed.order.id } });
    expect(w1.status).toBe('paid');
    const driveLine = w1.items.find((i) => i.productId === drive.id)!;
    await shop.staff.cancelOrderLine({
      params: { id: w1.id, lineId: driveLine.id },
      body: { quantity: 1, reason: 'out_of_stock' },
    });
    expected.push(
      {
        day: today,
        order: w1.id,
        sale: true,
        ...line(cable),
        ...web,
        units: 1,
        revenue: 2000,
        discount: 0,
        refund: 0,
      },
      {
        day: today,
        order: w1.id,
        sale: true,
        ...line(drive),
        ...web,
        units: 2,
        revenue: 10000,
        discount: 0,
        refund: 0,
      },
      {
        day: today,
        order: w1.id,
        sale: false,
        ...line(drive),
        ...web,
        units: 0,
        revenue: 0,
        discount: 0,
        refund: 5000,
      },
    );

    const second = await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 2 }] });
    await shop.staff.cancelOrderLine({
      params: { id: second.order.id, lineId: second.order.items[0]!.id },
      body: { quantity: 1, reason: 'customer_request' },
    });
    await payAndCheck(
      shop.server,
      (await second.api.getOrderPayment({ params: { id: second.order.id } })).khqr,
    );
    const w2 = await second.api.getOrder({ params: { id: second.order.id } });
    expect(w2).toMatchObject({ status: 'paid', totalCents: 2000 });
    expected.push({
      day: today,
      order: w2.id,
      sale: true,
      ...line(cable),
      ...web,
      units: 1,
      revenue: 2000,
      discount: 0,
      refund: 0,
    });

    // Neither an order still waiting for its money nor one cancelled before payment counts anywhere.
    await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 3 }] });
    const dropped = await placedOrder(shop.server, { items: [{ productId: drive.id, quantity: 1 }] });
    await dropped.api.cancelOrder({ params: { id: dropped.order.id } });
  });

  it('every grouping agrees with the sales and refunds, row by row and in total', async () => {
    for (const groupBy of salesGroupings) {
      const answer = await report(groupBy);
      const want = summed(groupBy);
      expect(asRows(answer), groupBy).toEqual(want.rows);
      expect(answer.totals, groupBy).toEqual(want.totals);
      expect(
        answer.rows.every((r) => r.label.length > 0),
        groupBy,
      ).toBe(true);
    }
    // A whole month is read from the monthly sums, the days around it from the daily ones: the same answer.
    for (const groupBy of ['product', 'payment', 'staff'] as const) {
      for (const [from, to] of [
        ['2026-03-01', '2026-03-31'],
        ['2026-02-27', '2026-04-02'],
        ['2026-03-11', today],
      ] as const) {
        const answer = await report(groupBy, from, to);
        expect(asRows(answer), `${groupBy} ${from}…${to}`).toEqual(summed(groupBy, from, to).rows);
      }
    }
    const byProduct = asRows(await report('product'));
    expect(byProduct[cable.id]!.units).toBe(2 + 1 + 1 + 1);
    expect((await report('week', D1, D2)).rows.map((r) => r.key)).toEqual(['2026-W11']);
    expect((await report('staff')).rows.find((r) => r.key === staffId())?.label).toBe('staff');
  });

  it('the totals are the orders themselves: what the paid orders came to, and what went back', async () => {
    const totals = (await report('channel')).totals;
    const paid = await shop.server.database.db
      .selectFrom('orders')
      .select(['total_cents', 'refund_owed_cents'])
      .where('paid_at', 'is not', null)
      .execute();
    const returned = await shop.server.database.db
      .selectFrom('counter_return_lines')
      .select('value_cents')
      .execute();
    const sum = (ns: unknown[]) => ns.reduce<number>((n, x) => n + Number(x), 0);
    expect(totals.orders).toBe(paid.length);
    expect(totals.revenueCents - totals.discountCents).toBe(sum(paid.map((o) => o.total_cents)));
    expect(totals.refundCents).toBe(
      sum(paid.map((o) => o.refund_owed_cents)) + sum(returned.map((r) => r.value_cents)),
    );
  });

  it('top products, margin where cost is known, and takings as received', async () => {
    const top = await shop.admin.getTopProducts({ query: { from: D1, to: today, limit: 1 } });
    expect(top.rows.map((r) => r.key)).toEqual([drive.id]);
    const margin = await shop.admin.getMarginReport({ query: { from: D1, to: today } });
    // Cables kept: 2 + 1 − 1 returned + 1 + 1 at $12 each; their net: 3220 + 2000 − 1650 + 2000 + 2000.
    expect(margin.totals).toMatchObject({
      costCents: 4 * 1200,
      costedNetCents: 7570,
      marginCents: 7570 - 4800,
    });
    expect(margin.totals.uncostedNetCents).toBe(summed('product').rows[drive.id]!.netCents);
    const takings = await shop.admin.getTakingsReport({ query: { from: D1, to: today } });
    expect(takings.rows).toEqual(
      expect.arrayContaining([
        {
          method: 'cash',
          currency: 'USD',
          payments: 1,
          receivedMinor: 8100,
          refundedMinor: 1650,
          netMinor: 6450,
        },
      ]),
    );
    expect(takings.rows.find((r) => r.method === 'khqr' && r.currency === 'USD')?.receivedMinor).toBe(
      2000 + 12000 + 2000,
    );
  });

  it('refuses what is not a range of shop days', async () => {
    for (const query of [
      { from: '2026-03-11', to: '2026-03-10', groupBy: 'day' as const },
      { from: '10/03/2026', to: '2026-03-10', groupBy: 'day' as const },
      { from: '1990-01-01', to: '2026-03-10', groupBy: 'day' as const },
    ])
      expect((await failure<ApiError>(shop.admin.getSalesReport({ query }))).status).toBe(400);
    expect(
      (
        await failure<ApiError>(
          shop.admin.getSalesReport({ query: { from: D1, to: D1, groupBy: 'colour' as 'day' } }),
        )
      ).status,
    ).toBe(400);
  });
});

describe('shift figures', () => {
  it('list shifts with their cash difference; a cashier reads their own shift only', async () => {
    const shiftId = ulid();
    const t = at(D1, '08:00');
    const mine = { staffId: staffId(), shiftId };
    await push([
      { ...mine, id: ulid(), type: 'shift_open', at: t, floatUsdCents: 5000, floatKhr: 0 },
      {
        ...mine,
        id: ulid(),
        type: 'sale',
        at: t + 60_000,
        receiptNumber: `R-${ulid().slice(-8)}`,
        lines: [{ productId: cable.id, quantity: 1, unitPriceCents: 2000 }],
        payments: [{ method: 'cash', currency: 'USD', amount: 2000, tendered: 2000, change: 0 }],
      },
      { ...mine, id: ulid(), type: 'shift_close', at: t + 120_000, countedUsdCents: 6900, countedKhr: 0 },
    ]);
    const listed = await shop.admin.listShiftSummaries({ query: { from: D1, to: D1 } });
    expect(listed.rows).toEqual([
      expect.objectContaining({
        id: shiftId,
        difference: { usdCents: -100, khr: 0 },
        expected: { usdCents: 7000, khr: 0 },
      }),
    ]);
    expect((await shop.staff.getMyShiftReport({ params: { id: shiftId } })).difference).toEqual({
      usdCents: -100,
      khr: 0,
    });
    expect((await shop.admin.getMyShiftReport({ params: { id: shiftId } })).id).toBe(shiftId);
    // Another cashier's shift is as good as unknown to them.
    const other = (await signedInAs(shop.server.database.db, 'staff')).client(shop.server.url);
    expect((await failure<ApiError>(other.getMyShiftReport({ params: { id: shiftId } }))).status).toBe(404);
    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.getMyShiftReport({ params: { id: shiftId } }))).status).toBe(
      403,
    );
    expect(
      (await failure<ApiError>(shop.staff.listShiftSummaries({ query: { from: D1, to: D1 } }))).status,
    ).toBe(403);
    expect(
      (await failure<ApiError>(shop.staff.getSalesReport({ query: { from: D1, to: D1, groupBy: 'day' } })))
        .status,
    ).toBe(403);
  });
  it("list a staff member's own shifts, newest first and paged: never another's", async () => {
    const db = shop.server.database.db;
    const [ana, bopha] = [await signedInAs(db, 'staff'), await signedInAs(db, 'staff')];
    const shift = (staff: typeof ana, open: number): PushItem[] => {
      const mine = { staffId: staff.userId, shiftId: ulid() };
      return [
        { ...mine, id: ulid(), type: 'shift_open', at: open, floatUsdCents: 1000, floatKhr: 0 },
        { ...mine, id: ulid(), type: 'shift_close', at: open + 60_000, countedUsdCents: 1000, countedKhr: 0 },
      ];
    };
    const older = shift(ana, at(D1, '07:00'));
    const newer = shift(ana, at(D2, '07:00'));
    await push([...older, ...shift(bopha, at(D2, '06:00')), ...newer]);
    const shiftOf = (items: PushItem[]) => (items[0] as { shiftId: string }).shiftId;

    const anas = ana.client(shop.server.url);
    const first = await anas.listMyShifts({ query: { pageSize: 1 } });
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.items.map((r) => r.id)).toEqual([shiftOf(newer)]);
    expect(first.items[0]).toMatchObject({
      openedBy: { id: ana.userId },
      difference: { usdCents: 0, khr: 0 },
    });
    const second = await anas.listMyShifts({ query: { page: 2, pageSize: 1 } });
    expect(second.items.map((r) => r.id)).toEqual([shiftOf(older)]);
    // Bopha's list is hers alone; an admin's list is their own too (they opened none).
    const bophas = await bopha.client(shop.server.url).listMyShifts({ query: {} });
    expect(bophas.items.map((r) => r.openedBy.id)).toEqual([bopha.userId]);
    expect((await shop.admin.listMyShifts({ query: {} })).items).toEqual([]);
    const customer = await aCustomer(shop.server);
    expect((await failure<ApiError>(customer.api.listMyShifts({ query: {} }))).status).toBe(403);
    expect((await failure<ApiError>(shop.server.client.listMyShifts({ query: {} }))).status).toBe(401);
  });
});
