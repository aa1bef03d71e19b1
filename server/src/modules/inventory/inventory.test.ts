import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ShopClient } from '@shop/shared';
import { aProductWithStock, startTestShop } from '../../../test/factory';
import type { TestServer } from '../../../test/support';
import { inTransaction } from '../../db/transaction';
import { releaseStock, reserveStock, sellReservedStock } from './service';

let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop());
});
afterAll(() => server?.stop());

/** A product with no stock yet: each test receives its own. */
const newProduct = (overrides: { serialized?: boolean } = {}) =>
  aProductWithStock(
    { admin, staff },
    { stock: 0, priceCents: 500, name: 'Test cable', serialized: overrides.serialized ?? false },
  );

async function expectLedgerMatchesCounters(productId: string) {
  const level = await staff.getProductStock({ params: { id: productId } });
  const sums = await server.database.db
    .selectFrom('stock_movements')
    .select((eb) => [
      eb.fn.sum<number>('on_hand_delta').as('onHand'),
      eb.fn.sum<number>('reserved_delta').as('reserved'),
    ])
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  expect({ onHand: Number(sums.onHand ?? 0), reserved: Number(sums.reserved ?? 0) }).toEqual({
    onHand: level.onHand,
    reserved: level.reserved,
  });
  return level;
}

describe('stock never oversells', () => {
  it('50 parallel reservations of 1 against stock 5: exactly 5 succeed, the rest are 409-style conflicts', async () => {
    const product = await newProduct();
    await staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 5 } });

    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        inTransaction(server.database.db, (tx) => reserveStock(tx, product.id, 1, `ORDER-${i}`)),
      ),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(5);
    expect(lost).toHaveLength(45);
    for (const failure of lost) expect(failure.reason).toMatchObject({ code: 'conflict', status: 409 });

    const level = await expectLedgerMatchesCounters(product.id);
    expect(level).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    const publicView = await server.client.getProduct({ params: { idOrSlug: product.slug } });
    expect(publicView.availability).toBe('out_of_stock');
  });

  it('reservations turn into sales or are released, and the counters follow the ledger', async () => {
    const product = await newProduct();
    await staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 10 } });
    await inTransaction(server.database.db, async (tx) => {
      await reserveStock(tx, product.id, 4, 'ORDER-A');
      await sellReservedStock(tx, product.id, 3, 'ORDER-A');
      await releaseStock(tx, product.id, 1, 'ORDER-A');
    });
    const level = await expectLedgerMatchesCounters(product.id);
    expect(level).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    expect(level.movements.map((m) => m.type)).toEqual(['release', 'sale', 'reserve', 'receive']);

    await expect(
      inTransaction(server.database.db, (tx) => releaseStock(tx, product.id, 1, 'ORDER-B')),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('a failed step rolls back the whole transaction: no counter moves without its ledger row', async () => {
    const product = await newProduct();
    await staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 2 } });
    await expect(
      inTransaction(server.database.db, async (tx) => {
        await reserveStock(tx, product.id, 2, 'ORDER-C');
        await reserveStock(tx, product.id, 1, 'ORDER-C');
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await expectLedgerMatchesCounters(product.id)).toMatchObject({ onHand: 2, reserved: 0 });
  });
});

describe('back-office stock movements', () => {
  it('receives and adjusts stock with reasons; an adjustment cannot take reserved units', async () => {
    const product = await newProduct();
    const receipt = await staff.recordStockMovement({
      body: { productId: product.id, type: 'receive', quantity: 6, reason: 'Delivery from distributor' },
    });
    expect(receipt).toMatchObject({ type: 'receive', onHandDelta: 6, onHandAfter: 6, reservedAfter: 0 });
    await inTransaction(server.database.db, (tx) => reserveStock(tx, product.id, 4, 'ORDER-D'));

    const error = await staff
      .recordStockMovement({
        body: { productId: product.id, type: 'adjust', quantity: -3, reason: 'Damaged' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'Only 2 available, 3 requested' });

    const adjusted = await staff.recordStockMovement({
      body: { productId: product.id, type: 'adjust', quantity: -2, reason: 'Damaged in the shop' },
    });
    expect(adjusted).toMatchObject({ onHandAfter: 4, reservedAfter: 4, reason: 'Damaged in the shop' });
    await expectLedgerMatchesCounters(product.id);
  });

  it('rejects bad movements with field errors and loses nothing', async () => {
    const product = await newProduct();
    const cases: [unknown, string][] = [
      [{ productId: product.id, type: 'receive', quantity: 0 }, 'quantity'],
      [{ productId: product.id, type: 'receive', quantity: -1 }, 'quantity'],
      [{ productId: product.id, type: 'adjust', quantity: 1 }, 'reason'],
      [{ productId: product.id, type: 'sale', quantity: 1 }, 'type'],
      [{ productId: product.id, type: 'receive', quantity: 1.5 }, 'quantity'],
      [{ productId: product.id, type: 'receive', quantity: 2, serials: ['SN-1'] }, 'serials'],
    ];
    for (const [body, field] of cases) {
      const error = await staff.recordStockMovement({ body: body as never }).catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toMatchObject({ status: 400, code: 'invalid' });
      expect((error as ApiError).fields).toHaveProperty(field);
    }
    const missing = await staff
      .recordStockMovement({ body: { productId: 'NO-SUCH-PRODUCT', type: 'receive', quantity: 1 } })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
    expect((await staff.getProductStock({ params: { id: product.id } })).movements).toEqual([]);
  });

  it('tracks serial numbers of serialized products: one per unit, never twice', async () => {
    const product = await newProduct({ serialized: true });
    const noSerials = await staff
      .recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 2 } })
      .catch((e: unknown) => e);
    expect(noSerials).toMatchObject({ status: 400, fields: { serials: expect.any(String) } });

    await staff.recordStockMovement({
      body: { productId: product.id, type: 'receive', quantity: 2, serials: ['GPU-0001', 'GPU-0002'] },
    });
    const duplicate = await staff
      .recordStockMovement({
        body: { productId: product.id, type: 'receive', quantity: 1, serials: ['GPU-0002'] },
      })
      .catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ status: 409, fields: { serials: expect.any(String) } });

    await staff.recordStockMovement({
      body: {
        productId: product.id,
        type: 'adjust',
        quantity: -1,
        reason: 'Dead on arrival',
        serials: ['GPU-0001'],
      },
    });
    const level = await expectLedgerMatchesCounters(product.id);
    expect(level.onHand).toBe(1);
    expect(level.serials).toEqual([
      { serial: 'GPU-0002', status: 'in_stock' },
      { serial: 'GPU-0001', status: 'rma' },
    ]);
  });
});
