import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ShopClient } from '@shop/shared';
import { aProductWithStock, failure, startTestShop } from '../../../test/factory';
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

describe('receipts name their supplier, reference and unit cost', () => {
  const costOf = async (productId: string) =>
    (await admin.getAdminProduct({ params: { id: productId } })).costCents ?? null;

  it('an admin records supplier, reference and unit cost; the cost price is the last receipt’s cost', async () => {
    const product = await newProduct();
    const first = await admin.recordStockMovement({
      body: {
        productId: product.id,
        type: 'receive',
        quantity: 4,
        supplier: '  Digital Star Co.  ',
        reference: 'INV-2026-0412',
        unitCostCents: 310,
      },
    });
    expect(first).toMatchObject({
      type: 'receive',
      onHandAfter: 4,
      supplier: 'Digital Star Co.',
      reference: 'INV-2026-0412',
      unitCostCents: 310,
      reason: null,
    });
    expect(await costOf(product.id)).toBe(310);

    await admin.recordStockMovement({
      body: { productId: product.id, type: 'receive', quantity: 2, supplier: 'Other', unitCostCents: 280 },
    });
    expect(await costOf(product.id)).toBe(280);
    // Without a unit cost the cost price stays as it was.
    await staff.recordStockMovement({
      body: { productId: product.id, type: 'receive', quantity: 1, supplier: 'Walk-in', reference: 'DN-7' },
    });
    expect(await costOf(product.id)).toBe(280);

    const history = await admin.getProductStock({ params: { id: product.id } });
    expect(history.movements.map((m) => [m.supplier, m.reference, m.unitCostCents])).toEqual([
      ['Walk-in', 'DN-7', null],
      ['Other', null, 280],
      ['Digital Star Co.', 'INV-2026-0412', 310],
    ]);
    // A receipt's reference is the supplier's document: never linked to an order.
    expect(history.movements.every((m) => m.order === null)).toBe(true);
    await expectLedgerMatchesCounters(product.id);

    const audit = await server.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', product.id)
      .where('action', '=', 'stock.receive')
      .execute();
    expect(audit.map((a) => JSON.parse(String(a.after_json)))).toContainEqual(
      expect.objectContaining({ unitCostCents: 310, costCentsBefore: null, supplier: 'Digital Star Co.' }),
    );
  });

  it('staff may name supplier and reference but not the cost: 403, nothing moves, and they never see costs', async () => {
    const product = await newProduct();
    await admin.updateProduct({ params: { id: product.id }, body: { costCents: 900 } });
    const refused = await failure(
      staff.recordStockMovement({
        body: { productId: product.id, type: 'receive', quantity: 3, supplier: 'X', unitCostCents: 1 },
      }),
    );
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    expect(refused.message).toMatch(/unitCostCents/);
    expect((await staff.getProductStock({ params: { id: product.id } })).movements).toEqual([]);
    expect(await costOf(product.id)).toBe(900);

    await admin.recordStockMovement({
      body: { productId: product.id, type: 'receive', quantity: 1, supplier: 'Y', unitCostCents: 850 },
    });
    const seenByStaff = await staff.getProductStock({ params: { id: product.id } });
    expect(seenByStaff.movements[0]).toMatchObject({ supplier: 'Y' });
    expect(seenByStaff.movements[0]).not.toHaveProperty('unitCostCents');
    expect((await admin.getProductStock({ params: { id: product.id } })).movements[0]).toMatchObject({
      unitCostCents: 850,
    });
  });

  it('supplier, reference and cost belong to receipts only; bad values are field errors', async () => {
    const product = await newProduct();
    const cases: [unknown, string][] = [
      [{ productId: product.id, type: 'adjust', quantity: 1, reason: 'found', supplier: 'X' }, 'supplier'],
      [{ productId: product.id, type: 'adjust', quantity: 1, reason: 'found', reference: 'R' }, 'reference'],
      [
        { productId: product.id, type: 'adjust', quantity: 1, reason: 'x', unitCostCents: 5 },
        'unitCostCents',
      ],
      [{ productId: product.id, type: 'receive', quantity: 1, unitCostCents: -1 }, 'unitCostCents'],
      [{ productId: product.id, type: 'receive', quantity: 1, unitCostCents: 1.5 }, 'unitCostCents'],
      [{ productId: product.id, type: 'receive', quantity: 1, supplier: 'x'.repeat(121) }, 'supplier'],
      [{ productId: product.id, type: 'receive', quantity: 1, reference: 'r'.repeat(81) }, 'reference'],
    ];
    for (const [body, field] of cases) {
      const error = await failure(admin.recordStockMovement({ body: body as never }));
      expect(error, JSON.stringify(body)).toMatchObject({
        status: 400,
        fields: { [field]: expect.any(String) },
      });
    }
    expect((await admin.getProductStock({ params: { id: product.id } })).movements).toEqual([]);
  });

  it('the history is filtered by type and by text in the supplier or reference', async () => {
    const product = await newProduct();
    const receive = (supplier: string, reference: string) =>
      staff.recordStockMovement({
        body: { productId: product.id, type: 'receive', quantity: 1, supplier, reference },
      });
    await receive('Digital Star', 'INV-100');
    await receive('Angkor Parts', 'DN_55%');
    await staff.recordStockMovement({
      body: { productId: product.id, type: 'adjust', quantity: -1, reason: 'Damaged' },
    });
    const find = async (query: { q?: string; type?: 'receive' | 'adjust' }) =>
      (
        await staff.getProductStock({
          params: { id: product.id },
          query: { page: 1, pageSize: 50, ...query },
        })
      ).movements;

    expect((await find({ q: 'digital' })).map((m) => m.reference)).toEqual(['INV-100']);
    expect((await find({ q: 'inv-1' })).map((m) => m.supplier)).toEqual(['Digital Star']);
    // % and _ are taken literally.
    expect((await find({ q: '_55%' })).map((m) => m.supplier)).toEqual(['Angkor Parts']);
    expect(await find({ q: 'V_1' })).toEqual([]);
    expect((await find({ q: '%' })).map((m) => m.supplier)).toEqual(['Angkor Parts']);
    expect((await find({ type: 'receive' })).length).toBe(2);
    expect((await find({ type: 'adjust' })).map((m) => m.reason)).toEqual(['Damaged']);
    const page = await staff.getProductStock({
      params: { id: product.id },
      query: { page: 1, pageSize: 50, q: 'angkor' },
    });
    expect(page.movementsTotal).toBe(1);
  });
});
