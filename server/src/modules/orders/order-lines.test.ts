import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warrantyUntil, type Order, type ShopClient } from '@shop/shared';
import { aProductWithStock, failure, payAndCheck, placedOrder, startTestShop } from '../../../test/factory';
import { type TestServer } from '../../../test/support';
import { HOLD_LIMITS_KEY } from './hold-limits';

/**
 * Staff cancel single order lines (stock back through the ledger, the money owed kept right) and name serial numbers
 * when goods are handed over. Real HTTP through the typed client, real database, payments through the Bakong stand-in.
 */
let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop({
    env: { BAKONG_POLL_MS: '3600000' },
    // These tests buy a product's whole stock; the share one customer may hold unpaid is tested in holds.test.ts.
    settings: { [HOLD_LIMITS_KEY]: { stockSharePercent: 100 } },
  }));
});
afterAll(() => server?.stop());

const productWithStock = (
  stock: number,
  priceCents: number,
  serialized?: { serials: string[]; warrantyMonths: number },
) =>
  aProductWithStock(
    { admin, staff },
    { stock, priceCents, name: serialized ? 'Laptop' : 'HDMI cable', ...serialized },
  );

const placeOrder = (
  items: { productId: string; quantity: number }[],
  options: { currency?: 'USD' | 'KHR'; fulfilment?: 'pickup' | 'delivery' } = {},
) => placedOrder(server, { items, ...options });

/** Pays a KHQR at the Bakong stand-in, then runs the payment job now rather than at its next poll. */
const pay = (khqr: string) => payAndCheck(server, khqr);

async function paidOrder(
  items: { productId: string; quantity: number }[],
  fulfilment: 'pickup' | 'delivery' = 'pickup',
) {
  const { order, api } = await placeOrder(items, { fulfilment });
  await pay((await api.getOrderPayment({ params: { id: order.id } })).khqr);
  const paid = await api.getOrder({ params: { id: order.id } });
  expect(paid.status).toBe('paid');
  return { order: paid, api };
}

const stockOf = (productId: string) => staff.getProductStock({ params: { id: productId } });

/** The ledger rows an order caused for a product: [type, on hand change, reserved change]. */
const movementsOf = async (productId: string, orderNumber: string) =>
  (
    await server.database.db
      .selectFrom('stock_movements')
      .select(['type', 'on_hand_delta', 'reserved_delta'])
      .where('product_id', '=', productId)
      .where('reference', '=', orderNumber)
      .orderBy('id')
      .execute()
  ).map((m) => [m.type, Number(m.on_hand_delta), Number(m.reserved_delta)]);

const cancelLine = (
  order: Order,
  line: number,
  body: {
    quantity: number;
    reason: 'out_of_stock' | 'customer_request' | 'damaged' | 'pricing_error' | 'other';
  } & {
    note?: string;
    serials?: string[];
  },
  as: ShopClient = staff,
) => as.cancelOrderLine({ params: { id: order.id, lineId: order.items[line]!.id }, body });

describe('cancelling order lines', () => {
  it('before payment: the reservation is released, the total drops and a new QR asks the new total', async () => {
    const product = await productWithStock(5, 2500);
    const { order, api } = await placeOrder([{ productId: product.id, quantity: 3 }]);
    const firstQr = await api.getOrderPayment({ params: { id: order.id } });

    const after = await cancelLine(order, 0, {
      quantity: 2,
      reason: 'customer_request',
      note: 'wants one only',
    });
    expect(after).toMatchObject({
      status: 'pending_payment',
      subtotalCents: 2500,
      totalCents: 2500,
      refundOwedCents: 0,
      items: [{ quantity: 3, cancelledQuantity: 2 }],
    });
    expect(after.events.at(-1)).toMatchObject({
      from: 'pending_payment',
      to: 'pending_payment',
      actor: 'staff',
      reason: expect.stringMatching(
        /^line cancelled: 2 × HDMI cable .* \(customer request\): wants one only$/,
      ),
    });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 1 });
    expect(await movementsOf(product.id, order.number)).toEqual([
      ['reserve', 0, 3],
      ['release', 0, -2],
    ]);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', order.id)
      .where('action', '=', 'order.line_cancelled')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
      cancelledQuantity: 2,
      reason: 'customer_request',
    });

    const newQr = await api.getOrderPayment({ params: { id: order.id } });
    expect(newQr).toMatchObject({ status: 'pending', amount: 2500 });
    expect(newQr.md5).not.toBe(firstQr.md5);
    await pay(newQr.khqr);
    expect(await api.getOrder({ params: { id: order.id } })).toMatchObject({
      status: 'paid',
      totalCents: 2500,
      refundOwedCents: 0,
    });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('the replaced QR paid anyway: the order is paid for what was paid and the difference is owed back', async () => {
    const product = await productWithStock(5, 3000);
    const { order, api } = await placeOrder([{ productId: product.id, quantity: 2 }], { currency: 'KHR' });
    const oldQr = await api.getOrderPayment({ params: { id: order.id } });
    const reduced = await cancelLine(order, 0, { quantity: 1, reason: 'out_of_stock' });
    expect(reduced).toMatchObject({ totalCents: 3000, totalKhr: 123_000 });
    expect((await api.getOrderPayment({ params: { id: order.id } })).amount).toBe(123_000);

    await pay(oldQr.khqr);
    expect(await api.getOrder({ params: { id: order.id } })).toMatchObject({
      status: 'paid',
      totalCents: 6000,
      totalKhr: order.totalKhr,
      refundOwedCents: 3000,
    });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('after payment: units come back on the shelf and the refund owed grows; damaged units stay off it', async () => {
    const product = await productWithStock(5, 2000);
    const { order } = await paidOrder([{ productId: product.id, quantity: 3 }]);
    expect(await stockOf(product.id)).toMatchObject({ onHand: 2, reserved: 0 });

    const returned = await cancelLine(order, 0, { quantity: 1, reason: 'customer_request' });
    expect(returned).toMatchObject({ status: 'paid', totalCents: 6000, refundOwedCents: 2000 });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 0 });

    const damaged = await cancelLine(order, 0, {
      quantity: 1,
      reason: 'damaged',
      note: 'cracked in the shop',
    });
    expect(damaged).toMatchObject({ status: 'paid', refundOwedCents: 4000 });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 3, reserved: 0 });

    // The last unit too: a paid order stays as it is, for staff to refund.
    await staff.transitionOrder({ params: { id: order.id }, body: { to: 'processing' } });
    const emptied = await cancelLine(order, 0, { quantity: 1, reason: 'pricing_error' });
    expect(emptied).toMatchObject({ status: 'processing', totalCents: 6000, refundOwedCents: 6000 });
    expect(emptied.nextStatuses).toContain('refunded');
    expect(await movementsOf(product.id, order.number)).toEqual([
      ['reserve', 0, 3],
      ['sale', -3, -3],
      ['return', 1, 0],
      ['return', 0, 0],
      ['return', 1, 0],
    ]);
  });

  it('an unpaid order whose every line is cancelled is cancelled; damaged reserved units are written off', async () => {
    const cable = await productWithStock(5, 1000);
    const adapter = await productWithStock(5, 1500);
    const { order } = await placeOrder([
      { productId: cable.id, quantity: 2 },
      { productId: adapter.id, quantity: 1 },
    ]);
    const adapterLine = order.items.findIndex((i) => i.productId === adapter.id);
    const cableLine = 1 - adapterLine;

    const partly = await cancelLine(order, adapterLine, { quantity: 1, reason: 'damaged' });
    expect(partly).toMatchObject({ status: 'pending_payment', totalCents: 2000 });
    expect(await stockOf(adapter.id)).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await movementsOf(adapter.id, order.number)).toEqual([
      ['reserve', 0, 1],
      ['release', 0, -1],
      ['adjust', -1, 0],
    ]);

    const cancelled = await cancelLine(order, cableLine, { quantity: 2, reason: 'out_of_stock' });
    expect(cancelled).toMatchObject({ status: 'cancelled', refundOwedCents: 0 });
    expect(cancelled.events.slice(-2).map((e) => [e.from, e.to, e.actor])).toEqual([
      ['pending_payment', 'pending_payment', 'staff'],
      ['pending_payment', 'cancelled', 'staff'],
    ]);
    expect(await stockOf(cable.id)).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('refuses cancelling more than is left, lines of closed orders, and callers who are not staff', async () => {
    const product = await productWithStock(5, 1000);
    const { order, api } = await placeOrder([{ productId: product.id, quantity: 2 }]);
    expect(await failure(cancelLine(order, 0, { quantity: 3, reason: 'other' }))).toMatchObject({
      status: 400,
      fields: { quantity: 'at most 2' },
    });
    expect(await failure(cancelLine(order, 0, { quantity: 0, reason: 'other' }))).toMatchObject({
      status: 400,
      fields: { quantity: expect.any(String) },
    });
    expect(
      await failure(
        staff.cancelOrderLine({
          params: { id: order.id, lineId: 'no-such-line' },
          body: { quantity: 1, reason: 'other' },
        }),
      ),
    ).toMatchObject({ status: 404 });
    expect(await failure(cancelLine(order, 0, { quantity: 1, reason: 'other' }, api))).toMatchObject({
      status: 403,
    });
    expect(
      await failure(cancelLine(order, 0, { quantity: 1, reason: 'other', serials: ['X-1'] })),
    ).toMatchObject({
      status: 400,
      fields: { serials: expect.any(String) },
    });

    await api.cancelOrder({ params: { id: order.id } });
    expect(await failure(cancelLine(order, 0, { quantity: 1, reason: 'other' }))).toMatchObject({
      status: 409,
    });
    expect(await stockOf(product.id)).toMatchObject({ onHand: 5, reserved: 0 });
  });
});

describe('serial numbers at handover', () => {
  it('picking up names the serial of every unit: missing or unknown ones are refused, the right ones are sold', async () => {
    const laptop = await productWithStock(3, 89_900, {
      serials: ['PF3K21AB', 'PF3K21AC', 'PF3K21AD'],
      warrantyMonths: 12,
    });
    const cable = await productWithStock(5, 900);
    const { order, api } = await paidOrder([
      { productId: laptop.id, quantity: 2 },
      { productId: cable.id, quantity: 1 },
    ]);
    const laptopLine = order.items.find((i) => i.productId === laptop.id)!.id;
    const cableLine = order.items.find((i) => i.productId === cable.id)!.id;
    for (const to of ['processing', 'ready_for_pickup'] as const)
      await staff.transitionOrder({ params: { id: order.id }, body: { to } });
    const pickUp = (serials?: Record<string, string[]>) =>
      staff.transitionOrder({
        params: { id: order.id },
        body: { to: 'picked_up', ...(serials && { serials }) },
      });

    expect(await failure(pickUp())).toMatchObject({
      status: 400,
      fields: { [`serials.${laptopLine}`]: 'give 2 serial numbers' },
    });
    expect(await failure(pickUp({ [laptopLine]: ['PF3K21AB'] }))).toMatchObject({
      status: 400,
      fields: { [`serials.${laptopLine}`]: 'give 2 serial numbers' },
    });
    expect(await failure(pickUp({ [laptopLine]: ['PF3K21AB', 'NOT-OURS-1'] }))).toMatchObject({
      status: 400,
      fields: { [`serials.${laptopLine}`]: 'not in stock for this product: NOT-OURS-1' },
    });
    expect(
      await failure(pickUp({ [laptopLine]: ['PF3K21AB', 'PF3K21AC'], [cableLine]: ['CABLE-1'] })),
    ).toMatchObject({
      status: 400,
      fields: { [`serials.${cableLine}`]: 'this product has no serial numbers' },
    });
    expect((await api.getOrder({ params: { id: order.id } })).status).toBe('ready_for_pickup');

    const before = Date.now();
    const done = await pickUp({ [laptopLine]: ['PF3K21AB', 'PF3K21AC'] });
    expect(done.status).toBe('picked_up');
    expect(done.items.find((i) => i.id === laptopLine)!.serials.sort()).toEqual(['PF3K21AB', 'PF3K21AC']);
    expect(done.items.find((i) => i.id === cableLine)!.serials).toEqual([]);
    const sold = await server.database.db
      .selectFrom('serial_numbers')
      .selectAll()
      .where('product_id', '=', laptop.id)
      .where('status', '=', 'sold')
      .execute();
    expect(sold.map((s) => s.serial).sort()).toEqual(['PF3K21AB', 'PF3K21AC']);
    for (const s of sold) {
      expect(s.reference).toBe(order.number);
      expect(Number(s.sold_at)).toBeGreaterThanOrEqual(before);
      expect(Number(s.warranty_until)).toBe(warrantyUntil(Number(s.sold_at), 12));
    }
    expect((await stockOf(laptop.id)).serials).toContainEqual({ serial: 'PF3K21AD', status: 'in_stock' });

    // A serial already sold cannot leave a second time.
    const { order: second } = await paidOrder([{ productId: laptop.id, quantity: 1 }]);
    for (const to of ['processing', 'ready_for_pickup'] as const)
      await staff.transitionOrder({ params: { id: second.id }, body: { to } });
    const secondLine = second.items[0]!.id;
    expect(
      await failure(
        staff.transitionOrder({
          params: { id: second.id },
          body: { to: 'picked_up', serials: { [secondLine]: ['PF3K21AB'] } },
        }),
      ),
    ).toMatchObject({
      status: 400,
      fields: { [`serials.${secondLine}`]: expect.stringContaining('PF3K21AB') },
    });
    const secondDone = await staff.transitionOrder({
      params: { id: second.id },
      body: { to: 'picked_up', serials: { [secondLine]: ['PF3K21AD'] } },
    });
    expect(secondDone.items[0]!.serials).toEqual(['PF3K21AD']);
  });

  it('delivery names serials when the goods go out; a unit refused at the door comes back by its serial', async () => {
    const laptop = await productWithStock(2, 120_000, {
      serials: ['GPU-0001', 'GPU-0002'],
      warrantyMonths: 36,
    });
    const { order } = await paidOrder([{ productId: laptop.id, quantity: 2 }], 'delivery');
    const line = order.items[0]!.id;
    expect(
      await failure(
        staff.transitionOrder({
          params: { id: order.id },
          body: { to: 'processing', serials: { [line]: ['GPU-0001', 'GPU-0002'] } },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { serials: expect.any(String) } });
    await staff.transitionOrder({ params: { id: order.id }, body: { to: 'processing' } });
    await staff.transitionOrder({
      params: { id: order.id },
      body: { to: 'out_for_delivery', serials: { [line]: ['GPU-0001', 'GPU-0002'] } },
    });
    await staff.transitionOrder({ params: { id: order.id }, body: { to: 'delivery_failed' } });

    expect(await failure(cancelLine(order, 0, { quantity: 1, reason: 'customer_request' }))).toMatchObject({
      status: 400,
      fields: { serials: 'give 1 serial number' },
    });
    expect(
      await failure(cancelLine(order, 0, { quantity: 1, reason: 'customer_request', serials: ['GPU-9999'] })),
    ).toMatchObject({ status: 400, fields: { serials: 'not handed over with this order: GPU-9999' } });
    const after = await cancelLine(order, 0, {
      quantity: 1,
      reason: 'customer_request',
      serials: ['GPU-0002'],
    });
    expect(after).toMatchObject({ status: 'delivery_failed', refundOwedCents: 120_000 });
    expect(after.items[0]!.serials).toEqual(['GPU-0001']);
    const stock = await stockOf(laptop.id);
    expect(stock).toMatchObject({ onHand: 1, reserved: 0 });
    expect(stock.serials).toContainEqual({ serial: 'GPU-0002', status: 'in_stock' });

    // The second attempt needs no serials (named at the first); delivered follows.
    await staff.transitionOrder({ params: { id: order.id }, body: { to: 'out_for_delivery' } });
    const delivered = await staff.transitionOrder({ params: { id: order.id }, body: { to: 'delivered' } });
    expect(delivered.items[0]!.serials).toEqual(['GPU-0001']);
  });

  it('a damaged serialized unit is named when cancelled, goes to RMA and can never be handed over', async () => {
    const laptop = await productWithStock(2, 50_000, { serials: ['NB-100', 'NB-101'], warrantyMonths: 12 });
    const { order } = await placeOrder([{ productId: laptop.id, quantity: 2 }]);
    expect(await failure(cancelLine(order, 0, { quantity: 1, reason: 'damaged' }))).toMatchObject({
      status: 400,
      fields: { serials: 'give 1 serial number' },
    });
    await cancelLine(order, 0, { quantity: 1, reason: 'damaged', serials: ['NB-101'] });
    const stock = await stockOf(laptop.id);
    expect(stock).toMatchObject({ onHand: 1, reserved: 1 });
    expect(stock.serials).toContainEqual({ serial: 'NB-101', status: 'rma' });
  });
});
