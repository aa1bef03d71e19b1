import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { PushItem, PushResult } from '@shop/shared';
import { aProductWithStock, pairTestCounter, useTestShopWithCounters } from '../../../test/factory';
import { signedInAs } from '../../../test/support';
import { inSavepoint } from '../../db/savepoint';
import { countAuditRows } from '../audit/repo';
import { inTransaction } from '../../db/transaction';

/**
 * A pushed batch applied in transactions of many items, each item in a savepoint (push-service.ts): an item that
 * fails after it wrote rows leaves none of them, the items around it stand, across the transactions a 200-item
 * batch is cut into; an id that comes twice in one batch is applied once.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Front counter']);
let staffId: string;

beforeAll(async () => {
  staffId = shop.staffUser.userId;
});

const db = () => shop.server.database.db;
const onHand = async (productId: string) =>
  (await shop.staff.getProductStock({ params: { id: productId } })).onHand;
const push = (items: PushItem[]) => counter.client.pushItems({ body: { items } });

function aSale(lines: Extract<PushItem, { type: 'sale' }>['lines']): Extract<PushItem, { type: 'sale' }> {
  const total = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  return {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId,
    receiptNumber: `R-${ulid().slice(-10)}`,
    lines,
    payments: [{ method: 'cash', currency: 'USD', amount: total, tendered: total, change: 0 }],
  };
}

describe('a pushed batch', () => {
  it("whose run of sales names another counter's shift: those sales are parked, the run's others apply on this counter", async () => {
    const other = await pairTestCounter(shop, 'Other counter');
    const theirShift = ulid();
    const open: PushItem = {
      id: ulid(),
      type: 'shift_open',
      at: Date.now(),
      staffId,
      shiftId: theirShift,
      floatUsdCents: 0,
      floatKhr: 0,
    };
    expect((await other.client.pushItems({ body: { items: [open] } })).results[0]!.status).toBe('applied');
    const cable = await aProductWithStock(shop, { stock: 10, name: 'Run cable' });
    const line = { productId: cable.id, quantity: 1, unitPriceCents: 500 };
    const items = [aSale([line]), { ...aSale([line]), shiftId: theirShift }, aSale([line])];
    const { results } = await push(items);
    expect(results.map((r) => r.status)).toEqual(['applied', 'parked', 'applied']);
    expect(results[1]!.error).toMatch(/belongs to another counter/);
    const onTheirShift = await db()
      .selectFrom('orders')
      .select('id')
      .where('shift_id', '=', theirShift)
      .execute();
    expect(onTheirShift).toEqual([]);
  });

  it('of 200 sales with a bad one in each part: the bad ones are parked and leave nothing, the rest apply once', async () => {
    const cable = await aProductWithStock(shop, { stock: 1_000, name: 'Batch cable' });
    const laptop = await aProductWithStock(shop, { stock: 1, name: 'Batch laptop', serials: ['BL-1'] });
    // A serial the server does not have fails the sale after its order, lines and payment were written.
    const bad = new Set([7, 60, 120, 199]);
    const items = Array.from({ length: 200 }, (_, n) =>
      bad.has(n)
        ? aSale([
            { productId: cable.id, quantity: 1, unitPriceCents: 500 },
            { productId: laptop.id, quantity: 1, unitPriceCents: 90_000, serials: [`NOT-${n}`] },
          ])
        : aSale([{ productId: cable.id, quantity: 1, unitPriceCents: 500 }]),
    );
    const { results } = await push(items);
    expect(results.map((r) => r.id)).toEqual(items.map((i) => i.id));
    results.forEach((r, n) => expect(r.status, `item ${n}`).toBe(bad.has(n) ? 'parked' : 'applied'));
    expect(await onHand(cable.id)).toBe(1_000 - 196);
    expect(await onHand(laptop.id)).toBe(1);
    const receipts = items.map((i) => i.receiptNumber);
    const orders = await db()
      .selectFrom('orders')
      .select(['id', 'receipt_number'])
      .where('receipt_number', 'in', receipts)
      .execute();
    expect(orders).toHaveLength(196);
    expect(orders.map((o) => o.receipt_number).sort()).toEqual(receipts.filter((_, n) => !bad.has(n)).sort());
    // The whole batch again (its answer was lost): the same answers, nothing applied twice.
    const again = await push(items);
    expect(again.results).toEqual(results);
    expect(await onHand(cable.id)).toBe(1_000 - 196);
    const parked = await shop.staff.listParkedItems({});
    expect(parked.items.filter((p) => items.some((i) => i.id === p.id))).toHaveLength(4);
  });

  it('carrying one id twice applies it once; the same id with other content is a conflict', async () => {
    const cable = await aProductWithStock(shop, { stock: 10, name: 'Twice cable' });
    const sale = aSale([{ productId: cable.id, quantity: 2, unitPriceCents: 500 }]);
    const altered = { ...sale, receiptNumber: `${sale.receiptNumber}-X` };
    const { results } = await push([sale, sale, altered]);
    expect(results[0]).toMatchObject({ id: sale.id, status: 'applied' });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toMatchObject({ id: sale.id, status: 'conflict' });
    expect(await onHand(cable.id)).toBe(8);
  });

  it('twenty copies of a 120-item batch at once: each item applied once, every answer the same', async () => {
    const cable = await aProductWithStock(shop, { stock: 500, name: 'Race cable' });
    const items = Array.from({ length: 120 }, () =>
      aSale([{ productId: cable.id, quantity: 1, unitPriceCents: 500 }]),
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => push(items)));
    for (const answer of answers) expect(answer.results).toEqual(answers[0]!.results);
    expect(answers[0]!.results.every((r) => r.status === 'applied')).toBe(true);
    expect(await onHand(cable.id)).toBe(500 - 120);
  });
});

describe('sales applied together (sale-run.ts)', () => {
  /**
   * The same sales pushed one per request (each applied alone) and all in one request (applied as a run) must leave
   * the same orders, lines, payments, ledger rows and shortfalls: the run is only a faster way to write them.
   */
  it('leave exactly what the same sales leave when pushed one at a time', async () => {
    const customer = await signedInAs(db(), 'customer');
    const sales = (x: string, y: string): PushItem[] => [
      aSale([
        { productId: x, quantity: 2, unitPriceCents: 1_000 },
        { productId: y, quantity: 1, unitPriceCents: 700, discountCents: 100 },
      ]),
      { ...aSale([{ productId: x, quantity: 2, unitPriceCents: 1_000 }]), payments: [khr(82_000)] },
      aSale([{ productId: 'no-such-product', quantity: 1, unitPriceCents: 100 }]),
      {
        ...aSale([{ productId: y, quantity: 3, unitPriceCents: 700 }]),
        discountCents: 200,
        customerId: customer.userId,
      },
      aSale([
        { productId: x, quantity: 1, unitPriceCents: 1_000 },
        { productId: y, quantity: 1, unitPriceCents: 700 },
        { productId: x, quantity: 1, unitPriceCents: 900 },
      ]),
      { ...aSale([{ productId: y, quantity: 1, unitPriceCents: 700 }]), customerId: staffId },
    ];
    const alone = await madeBy(sales, async (items) => {
      const results = [];
      for (const item of items) results.push(...(await push([item])).results);
      return results;
    });
    const together = await madeBy(sales, async (items) => (await push(items)).results);
    // Applied as one run, not undone and redone one at a time.
    expect(await countAuditRows(shop.server.database.db, 'sync.run_undone')).toBe(0);
    expect(together).toEqual(alone);
    expect(alone.statuses).toEqual(['applied', 'applied', 'parked', 'applied', 'applied', 'applied']);
    expect(alone.shortfalls).toEqual([
      [],
      [{ product: 'x', quantity: 1 }],
      [],
      [],
      [{ product: 'x', quantity: 2 }],
      [],
    ]);
  });

  it('take consecutive order numbers, and a run cut by other items keeps the batch in order', async () => {
    const cable = await aProductWithStock(shop, { stock: 100, name: 'Run cable' });
    const shiftId = ulid();
    const at = Date.now();
    const open: PushItem = {
      id: ulid(),
      type: 'shift_open',
      at,
      staffId,
      shiftId,
      floatUsdCents: 0,
      floatKhr: 0,
    };
    const inShift = () => ({
      ...aSale([{ productId: cable.id, quantity: 1, unitPriceCents: 500 }]),
      shiftId,
    });
    const items: PushItem[] = [inShift(), open, inShift(), inShift(), inShift()];
    const { results } = await push(items);
    // The first sale names a shift whose opening comes after it: parked, as when applied alone.
    expect(results.map((r) => r.status)).toEqual(['parked', 'applied', 'applied', 'applied', 'applied']);
    const numbers = results.slice(2).map((r) => Number(r.orderNumber!.slice(2)));
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);
    expect(await onHand(cable.id)).toBe(97);
  });
});

/** The row without the columns that differ between two ways of making it (ids, times). */
function omit<T extends object, K extends keyof T>(row: T, keys: K[]): Omit<T, K> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k as K))) as Omit<T, K>;
}

const khr = (amount: number) => ({
  method: 'cash' as const,
  currency: 'KHR' as const,
  amount,
  tendered: amount,
  change: 0,
});

/**
 * Pushes `sales` (made for two new products, x with 3 in stock and y with 50) through `push` and describes what
 * the server made of them, without ids, numbers or times: what two ways of applying the same sales must agree on.
 */
async function madeBy(
  sales: (x: string, y: string) => PushItem[],
  push: (items: PushItem[]) => Promise<PushResult[]>,
) {
  const x = await aProductWithStock(shop, { stock: 3, name: 'Run X' });
  const y = await aProductWithStock(shop, { stock: 50, name: 'Run Y' });
  const product = (id: string) => (id === x.id ? 'x' : id === y.id ? 'y' : id);
  const items = sales(x.id, y.id);
  const results = await push(items);
  const orderIds = results.map((r) => r.orderId).filter((id): id is string => id !== undefined);
  const orders = await db()
    .selectFrom('orders')
    .select(['id', 'number', 'receipt_number', 'status', 'channel', 'customer_name', 'currency'])
    .select(['subtotal_cents', 'discount_cents', 'total_cents', 'total_khr', 'paid_at', 'staff_id'])
    .where('id', 'in', orderIds)
    .execute();
  const lines = await db().selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).execute();
  const payments = await db().selectFrom('payments').selectAll().where('order_id', 'in', orderIds).execute();
  const shortfallRows = await db()
    .selectFrom('stock_shortfalls')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .execute();
  const movements = await db()
    .selectFrom('stock_movements')
    .select([
      'product_id',
      'type',
      'on_hand_delta',
      'reserved_delta',
      'on_hand_after',
      'reserved_after',
      'reason',
      'reference',
    ])
    .where('product_id', 'in', [x.id, y.id])
    .where('type', '=', 'sale')
    .execute();
  const audits = await db()
    .selectFrom('audit_log')
    .select('after_json')
    .where('action', '=', 'pos.sale')
    .where('entity_id', 'in', orderIds)
    .execute();
  const byOrder = <T extends { order_id: string | null }>(rows: T[], id: string) =>
    rows.filter((r) => r.order_id === id);
  return {
    statuses: results.map((r) => r.status),
    shortfalls: results.map((r) =>
      (r.shortfalls ?? []).map((s) => ({ product: product(s.productId), quantity: s.quantity })),
    ),
    sales: results.map((r, n) => {
      const order = orders.find((o) => o.id === r.orderId);
      if (!order) return { n, error: r.error };
      const { id, number, receipt_number, ...kept } = order;
      return {
        n,
        receipt: receipt_number === (items[n] as Extract<PushItem, { type: 'sale' }>).receiptNumber,
        ...kept,
        paid_at: Number(kept.paid_at) - items[n]!.at,
        lines: byOrder(lines, id)
          .map((line) => ({
            ...omit(line, ['id', 'order_id', 'product_id', 'sku', 'name']),
            product: product(line.product_id),
          }))
          .sort((a, b) => (a.product + a.unit_price_cents < b.product + b.unit_price_cents ? -1 : 1)),
        payments: byOrder(payments, id).map((p) =>
          omit(p, ['id', 'order_id', 'created_at', 'updated_at', 'paid_at']),
        ),
        shortfalls: byOrder(shortfallRows, id).map((f) => ({
          product: product(f.product_id),
          quantity: f.quantity,
        })),
        ledger: movements
          .filter((m) => m.reference === number)
          .map((m) => ({ ...omit(m, ['reference', 'product_id']), product: product(m.product_id) }))
          .sort((a, b) => (a.product < b.product ? -1 : 1)),
        audit: audits.filter((a) => (JSON.parse(a.after_json!) as { number: string }).number === number)
          .length,
      };
    }),
  };
}

describe('inSavepoint', () => {
  it('rolls back only what the failed work wrote; the transaction and the work before it commit', async () => {
    const names = [`sp-${ulid()}`, `sp-${ulid()}`, `sp-${ulid()}`];
    const counters = (tx: Parameters<Parameters<typeof inTransaction>[1]>[0], name: string, value: number) =>
      tx.insertInto('counters').values({ name, value }).execute();
    await inTransaction(db(), async (tx) => {
      await counters(tx, names[0]!, 1);
      await expect(
        inSavepoint(tx, 'sp_test', async () => {
          await counters(tx, names[1]!, 2);
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      expect(await inSavepoint(tx, 'sp_test', () => counters(tx, names[2]!, 3).then(() => 'kept'))).toBe(
        'kept',
      );
    });
    const rows = await db().selectFrom('counters').select('name').where('name', 'in', names).execute();
    expect(rows.map((r) => r.name).sort()).toEqual([names[0], names[2]].sort());
    await expect(inSavepoint({} as never, 'x; drop', async () => 1)).rejects.toThrow('not a savepoint name');
  });
});
