import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { PushItem } from '@shop/shared';
import {
  aProductWithStock,
  pairTestCounter,
  startTestShop,
  type TestCounter,
  type TestShop,
} from '../../../test/factory';
import { inSavepoint } from '../../db/savepoint';
import { inTransaction } from '../../db/transaction';

/**
 * A pushed batch applied in transactions of many items, each item in a savepoint (push-service.ts): an item that
 * fails after it wrote rows leaves none of them, the items around it stand, across the transactions a 200-item
 * batch is cut into; an id that comes twice in one batch is applied once.
 */
let shop: TestShop;
let counter: TestCounter;
let staffId: string;

beforeAll(async () => {
  shop = await startTestShop();
  counter = await pairTestCounter(shop);
  staffId = shop.staffUser.userId;
});
afterAll(() => shop?.stop());

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
