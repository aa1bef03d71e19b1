import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { PushItem } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  payAndCheck,
  placedOrder,
  useTestShopWithCounters,
} from '../../../test/factory';
import { phonePhoto } from '../../../test/pictures';

/**
 * The back office's orders (issue 13 item 3), through the real routes: web and counter orders in one list, filtered,
 * searched, sorted and paged by the server; an order's page with what staff need to move it along.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Till 1']);
const PHNOM_PENH = 7 * 60 * 60_000;
/** The shop day (Asia/Phnom_Penh) of an instant, as the list's filters take it. */
const shopDay = (at: number) => new Date(at + PHNOM_PENH).toISOString().slice(0, 10);

function aSale(productId: string, overrides: Partial<Extract<PushItem, { type: 'sale' }>> = {}): PushItem {
  return {
    id: ulid(),
    type: 'sale',
    at: Date.now(),
    staffId: shop.staffUser.userId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: [{ productId, quantity: 1, unitPriceCents: 2000 }],
    payments: [{ method: 'cash', currency: 'USD', amount: 2000, tendered: 5000, change: 3000 }],
    ...overrides,
  };
}

describe('all orders for staff', () => {
  it('web and counter orders in one list: channel, status, customer, day, search, sort and pages', async () => {
    const cable = await aProductWithStock(shop, { stock: 20, priceCents: 1500, name: 'Cable' });
    const sokha = await aCustomer(shop.server, { name: 'Sokha 100%_Chan', phone: '012 777 888' });
    const web = await placedOrder(shop.server, {
      items: [{ productId: cable.id, quantity: 3 }],
      customer: sokha,
    });
    const other = await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 1 }] });
    const sale = aSale(cable.id);
    const pushed = await counter.client.pushItems({ body: { items: [sale] } });
    const saleOrderId = pushed.results[0]!.orderId!;
    const receipt = (sale as { receiptNumber: string }).receiptNumber;

    const all = await shop.staff.listAdminOrders({ query: { pageSize: 100 } });
    const ids = all.items.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([web.order.id, other.order.id, saleOrderId]));
    // Newest first by default.
    expect(ids.indexOf(saleOrderId)).toBeLessThan(ids.indexOf(web.order.id));
    expect(all.items.find((o) => o.id === web.order.id)).toMatchObject({
      channel: 'web',
      status: 'pending_payment',
      itemCount: 3,
      customerPhone: '012 777 888',
      receiptNumber: null,
      nextStatuses: ['payment_review', 'cancelled'],
    });
    expect(all.items.find((o) => o.id === saleOrderId)).toMatchObject({
      channel: 'pos',
      status: 'picked_up',
      receiptNumber: receipt,
    });

    const pos = await shop.staff.listAdminOrders({ query: { channel: 'pos', pageSize: 100 } });
    expect(pos.items.every((o) => o.channel === 'pos')).toBe(true);
    expect(pos.items.map((o) => o.id)).toContain(saleOrderId);

    const unpaid = await shop.staff.listAdminOrders({ query: { status: 'pending_payment', pageSize: 100 } });
    expect(unpaid.items.every((o) => o.status === 'pending_payment')).toBe(true);
    expect(unpaid.items.map((o) => o.id)).not.toContain(saleOrderId);

    const ofSokha = await shop.staff.listAdminOrders({ query: { customerId: sokha.userId } });
    expect(ofSokha).toMatchObject({ total: 1, items: [{ id: web.order.id }] });

    // Search: order number, receipt number, the customer's name (its % and _ are letters), phone and email.
    const search = async (q: string) =>
      (await shop.staff.listAdminOrders({ query: { q, pageSize: 100 } })).items.map((o) => o.id);
    expect(await search(web.order.number.toLowerCase())).toEqual([web.order.id]);
    expect(await search(receipt.slice(2))).toEqual([saleOrderId]);
    expect(await search('100%_chan')).toEqual([web.order.id]);
    expect(await search('100%')).toEqual([web.order.id]);
    expect(await search('777 888')).toEqual([web.order.id]);
    expect(await search(sokha.email.toUpperCase())).toEqual([web.order.id]);
    expect(await search('nobody-has-this')).toEqual([]);

    // Shop days, both ends inclusive: today finds them, yesterday does not.
    const today = shopDay(Date.now());
    const yesterday = shopDay(Date.now() - 24 * 60 * 60_000);
    expect(
      await shop.staff.listAdminOrders({ query: { from: today, to: today, customerId: sokha.userId } }),
    ).toMatchObject({
      total: 1,
    });
    expect(
      await shop.staff.listAdminOrders({ query: { to: yesterday, customerId: sokha.userId } }),
    ).toMatchObject({
      total: 0,
    });
    expect(
      await failure(shop.staff.listAdminOrders({ query: { from: today, to: yesterday } })),
    ).toMatchObject({
      status: 400,
      fields: { to: expect.any(String) },
    });
    expect(await failure(shop.staff.listAdminOrders({ query: { from: '2026-13-45' } }))).toMatchObject({
      status: 400,
      fields: { from: expect.any(String) },
    });

    // By total, the largest first; the oldest first.
    const byTotal = (await shop.staff.listAdminOrders({ query: { sort: 'total', pageSize: 100 } })).items;
    const totals = byTotal.map((o) => o.totalCents);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const oldest = (await shop.staff.listAdminOrders({ query: { sort: 'oldest', pageSize: 100 } })).items;
    expect(oldest.map((o) => o.id)).toEqual([...ids].reverse());

    // Pages do not overlap and count them all.
    const first = await shop.staff.listAdminOrders({ query: { pageSize: 2, page: 1 } });
    const second = await shop.staff.listAdminOrders({ query: { pageSize: 2, page: 2 } });
    expect(first.total).toBe(all.total);
    expect(first.items.map((o) => o.id)).toEqual(ids.slice(0, 2));
    expect(second.items.map((o) => o.id)).toEqual(ids.slice(2, 4));
  });

  it("a customer can neither list everyone's orders nor open the staff's order page", async () => {
    const { order, api } = await placedOrder(shop.server, {
      items: [{ productId: (await aProductWithStock(shop, { stock: 2 })).id, quantity: 1 }],
    });
    expect(await failure(api.listAdminOrders({ query: {} }))).toMatchObject({ status: 403 });
    expect(await failure(api.getAdminOrder({ params: { id: order.id } }))).toMatchObject({ status: 403 });
    // A counter's device token opens the sync routes only.
    expect(await failure(counter.client.listAdminOrders({ query: {} }))).toMatchObject({ status: 401 });
    expect(await failure(shop.staff.getAdminOrder({ params: { id: 'no-such-order' } }))).toMatchObject({
      status: 404,
    });
  });
});

describe("an order's page for staff", () => {
  it('a counter sale: the counter, staff member, shift and receipt, cash tendered and change', async () => {
    const mouse = await aProductWithStock(shop, { stock: 5, priceCents: 2000, name: 'Mouse' });
    const shiftId = ulid();
    const at = Date.now() - 1000;
    const open: PushItem = {
      id: ulid(),
      type: 'shift_open',
      at,
      staffId: shop.staffUser.userId,
      shiftId,
      floatUsdCents: 5000,
      floatKhr: 40000,
    };
    const sale = aSale(mouse.id, {
      shiftId,
      at: at + 1,
      payments: [
        { method: 'cash', currency: 'USD', amount: 1000, tendered: 2000, change: 1000 },
        { method: 'khqr', currency: 'USD', amount: 1000, staffConfirmed: true },
      ],
    });
    const pushed = await counter.client.pushItems({ body: { items: [open, sale] } });
    const order = await shop.staff.getAdminOrder({ params: { id: pushed.results[1]!.orderId! } });
    expect(order).toMatchObject({
      channel: 'pos',
      status: 'picked_up',
      counter: {
        device: { id: counter.id, name: 'Till 1' },
        staff: { id: shop.staffUser.userId, name: 'staff' },
        shiftId,
        receiptNumber: (sale as { receiptNumber: string }).receiptNumber,
      },
      nextStatuses: ['refunded'],
      refundsOwed: [],
      proofs: [],
    });
    expect(order.payments).toEqual([
      expect.objectContaining({
        method: 'cash',
        status: 'paid',
        amount: 1000,
        tendered: 2000,
        change: 1000,
        changeCurrency: 'USD',
        needsReconciliation: false,
        receivedBy: { id: shop.staffUser.userId, name: 'staff' },
      }),
      expect.objectContaining({
        method: 'khqr',
        amount: 1000,
        md5: null,
        needsReconciliation: true,
        reconciledAt: null,
        tendered: null,
      }),
    ]);
  });

  it('a web order: its KHQR with md5, the timeline with who moved it, the next steps, serials named at pickup', async () => {
    const laptop = await aProductWithStock(shop, {
      stock: 2,
      priceCents: 90000,
      name: 'Laptop',
      serials: ['LT-0001', 'LT-0002'],
      warrantyMonths: 12,
    });
    const { order, api } = await placedOrder(shop.server, { items: [{ productId: laptop.id, quantity: 1 }] });
    const payment = await api.getOrderPayment({ params: { id: order.id } });
    await payAndCheck(shop.server, payment.khqr);

    const paid = await shop.staff.getAdminOrder({ params: { id: order.id } });
    expect(paid).toMatchObject({ status: 'paid', counter: null, nextStatuses: ['processing', 'refunded'] });
    expect(paid.payments).toEqual([
      expect.objectContaining({
        method: 'khqr',
        status: 'paid',
        md5: payment.md5,
        bakongHash: expect.any(String),
        amount: 90000,
        currency: 'USD',
        needsReconciliation: false,
        expiresAt: payment.expiresAt,
      }),
    ]);

    for (const to of ['processing', 'ready_for_pickup'] as const)
      await shop.staff.transitionOrder({ params: { id: order.id }, body: { to } });
    const line = paid.items[0]!.id;
    // Each serial once, and only one of this product in stock.
    expect(
      await failure(
        shop.staff.transitionOrder({
          params: { id: order.id },
          body: { to: 'picked_up', serials: { [line]: ['LT-0009'] } },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { [`serials.${line}`]: expect.stringContaining('LT-0009') } });
    await shop.staff.transitionOrder({
      params: { id: order.id },
      body: { to: 'picked_up', serials: { [line]: ['LT-0002'] } },
    });

    const done = await shop.staff.getAdminOrder({ params: { id: order.id } });
    expect(done.items[0]).toMatchObject({ serials: ['LT-0002'], serialized: true });
    expect(done.events.map((e) => [e.to, e.actor, e.by?.id ?? null])).toEqual([
      ['pending_payment', 'customer', null],
      ['paid', 'system', null],
      ['processing', 'staff', shop.staffUser.userId],
      ['ready_for_pickup', 'staff', shop.staffUser.userId],
      ['picked_up', 'staff', shop.staffUser.userId],
    ]);
  });

  it('the screenshots sent for it, a reused one flagged, and money paid after cancelling', async () => {
    const ssd = await aProductWithStock(shop, { stock: 3, priceCents: 4000, name: 'SSD' });
    const first = await placedOrder(shop.server, { items: [{ productId: ssd.id, quantity: 1 }] });
    const { order, api } = await placedOrder(shop.server, { items: [{ productId: ssd.id, quantity: 1 }] });
    const shot = new Blob([new Uint8Array(await phonePhoto(390, 844))], { type: 'image/jpeg' });
    await first.api.uploadPaymentProof({ params: { id: first.order.id }, file: shot, fileName: 'paid.jpg' });
    const proof = await api.uploadPaymentProof({
      params: { id: order.id },
      file: shot,
      fileName: 'paid.jpg',
    });

    const payment = await api.getOrderPayment({ params: { id: order.id } });
    await api.cancelOrder({ params: { id: order.id } });
    await payAndCheck(shop.server, payment.khqr);
    const detail = await shop.staff.getAdminOrder({ params: { id: order.id } });
    expect(detail).toMatchObject({
      status: 'cancelled',
      nextStatuses: [],
      proofs: [
        {
          id: proof.id,
          status: 'pending',
          duplicateOfOrderId: first.order.id,
          duplicateOfOrderNumber: first.order.number,
        },
      ],
      refundsOwed: [{ orderId: order.id, amount: 4000, currency: 'USD', status: 'open', md5: payment.md5 }],
    });
  });
});
