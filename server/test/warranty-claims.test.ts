import { describe, expect, it } from 'vitest';
import { SHOP_UTC_OFFSET_MS, usdCentsToKhr, type ShopClient } from '@shop/shared';
import {
  aCustomer,
  aProductWithStock,
  failure,
  payAndCheck,
  placedOrder,
  useTestShop,
  type TestCustomer,
} from './factory';
import { phonePhoto } from './pictures';
import { browserClient } from './support';

/**
 * Warranty lookup and repair claims (issue 18, parts 2 and 3), through the real routes on one server: who sees the
 * order behind a serial, the claim's states and who may move them, a quote accepted before out-of-warranty work,
 * and a replacement that moves the stock ledger and keeps the original warranty.
 */
const shop = useTestShop();
let n = 0;
const serial = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`.toUpperCase();

/** A serialized product with units in stock (each test its own serials), and one unit sold to `customer`. */
async function soldUnit(customer: TestCustomer, options: { warrantyMonths?: number; spare?: number } = {}) {
  const sold = serial('SN');
  const spares = Array.from({ length: options.spare ?? 0 }, () => serial('SP'));
  const product = await aProductWithStock(shop, {
    stock: 1 + spares.length,
    priceCents: 25_000,
    name: 'Graphics card',
    serials: [sold, ...spares],
    warrantyMonths: options.warrantyMonths ?? 12,
  });
  const { order } = await placedOrder(shop.server, {
    items: [{ productId: product.id, quantity: 1 }],
    customer,
  });
  const payment = await customer.api.getOrderPayment({ params: { id: order.id } });
  await payAndCheck(shop.server, payment.khqr);
  for (const to of ['processing', 'ready_for_pickup'] as const)
    await shop.staff.transitionOrder({ params: { id: order.id }, body: { to } });
  const line = order.items[0]!.id;
  await shop.staff.transitionOrder({
    params: { id: order.id },
    body: { to: 'picked_up', serials: { [line]: [sold] } },
  });
  return { product, order, serial: sold, spares };
}

const statusOf = async (call: Promise<unknown>) => (await failure(call)).status;

async function mailsTo(email: string) {
  return shop.server.database.db
    .selectFrom('email_outbox')
    .select(['template', 'subject', 'text'])
    .where('to_address', '=', email)
    .where('template', '=', 'claim-update')
    .orderBy('id')
    .execute();
}

describe('warranty lookup', () => {
  it('anyone sees the product, sale date, warranty end and state; only the buyer and staff see the order', async () => {
    const buyer = await aCustomer(shop.server);
    const other = await aCustomer(shop.server);
    const { product, order, serial: sn } = await soldUnit(buyer);

    const stranger = await shop.server.client.lookupWarranty({ query: { serial: sn } });
    expect(stranger).toMatchObject({
      serial: sn,
      state: 'in_warranty',
      product: { id: product.id, name: product.name },
      replacedBy: null,
      order: null,
    });
    expect(stranger.warrantyUntil! - stranger.soldAt!).toBeGreaterThan(360 * 24 * 3_600_000);
    expect(JSON.stringify(stranger)).not.toContain(order.number);
    expect((await other.api.lookupWarranty({ query: { serial: sn } })).order).toBeNull();
    expect((await buyer.api.lookupWarranty({ query: { serial: sn } })).order).toEqual({
      id: order.id,
      number: order.number,
    });
    expect((await shop.staff.lookupWarranty({ query: { serial: sn } })).order).toEqual({
      id: order.id,
      number: order.number,
    });
    // Exact: another case is another serial; a serial never sold (or never seen) is unknown, product unnamed.
    expect(await shop.server.client.lookupWarranty({ query: { serial: sn.toLowerCase() } })).toMatchObject({
      state: 'unknown',
      product: null,
    });
    expect(await shop.server.client.lookupWarranty({ query: { serial: 'NO-SUCH-1' } })).toMatchObject({
      state: 'unknown',
    });
    expect(await statusOf(shop.server.client.lookupWarranty({ query: { serial: 'two words' } }))).toBe(400);
  });
});

describe('claims', () => {
  it('staff open and move a claim along its states; illegal moves are refused; each move says who and when', async () => {
    const buyer = await aCustomer(shop.server, { name: 'Sokha' });
    const { serial: sn, order } = await soldUnit(buyer);

    // Only staff open claims.
    const input = { serial: sn, fault: 'No picture after 10 minutes', accessories: 'box, power cable' };
    // A stranger (a browser tab with its CSRF token, so the refusal is about who it is).
    const stranger = browserClient(shop.server.url).client;
    expect(await statusOf(stranger.openClaim({ body: input }))).toBe(401);
    expect(await statusOf(buyer.api.openClaim({ body: input }))).toBe(403);
    expect(await statusOf(shop.staff.openClaim({ body: { ...input, serial: 'NO-SUCH-2' } }))).toBe(404);

    const claim = await shop.staff.openClaim({ body: input });
    expect(claim).toMatchObject({
      number: expect.stringMatching(/^RMA-\d{6}$/),
      status: 'received',
      serial: sn,
      inWarranty: true,
      orderNumber: order.number,
      customer: { userId: buyer.userId, name: 'Sokha', email: buyer.email },
      nextStatuses: ['diagnosing', 'refused'],
      openedBy: { id: shop.staffUser.userId },
    });
    // One open claim per unit.
    expect(await failure(shop.staff.openClaim({ body: input }))).toMatchObject({ status: 409 });

    const move = (api: ShopClient, body: Parameters<ShopClient['moveClaim']>[0]['body']) =>
      api.moveClaim({ params: { id: claim.id }, body });
    expect(await statusOf(move(buyer.api, { to: 'diagnosing' }))).toBe(403);
    expect(await statusOf(move(stranger, { to: 'diagnosing' }))).toBe(401);
    expect(await failure(move(shop.staff, { to: 'repaired' }))).toMatchObject({
      status: 409,
      fields: { to: 'repaired' },
    });
    expect(await statusOf(move(shop.staff, { to: 'mended' as 'repaired' }))).toBe(400);
    expect(await failure(move(shop.staff, { to: 'refused' }))).toMatchObject({
      status: 400,
      fields: { reason: expect.any(String) },
    });

    for (const to of ['diagnosing', 'sent_to_supplier', 'back_from_supplier', 'repaired'] as const)
      await move(shop.staff, { to, note: `to ${to}` });
    const done = await move(shop.admin, { to: 'returned' });
    expect(done.status).toBe('returned');
    expect(done.nextStatuses).toEqual([]);
    expect(await statusOf(move(shop.staff, { to: 'diagnosing' }))).toBe(409);
    expect(done.events.map((e) => [e.from, e.to, e.by?.id])).toEqual([
      [null, 'received', shop.staffUser.userId],
      ['received', 'diagnosing', shop.staffUser.userId],
      ['diagnosing', 'sent_to_supplier', shop.staffUser.userId],
      ['sent_to_supplier', 'back_from_supplier', shop.staffUser.userId],
      ['back_from_supplier', 'repaired', shop.staffUser.userId],
      ['repaired', 'returned', shop.adminUser.userId],
    ]);
    const audited = await shop.server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'warranty_claim')
      .where('entity_id', '=', claim.id)
      .execute();
    expect(audited.filter((a) => a.action === 'claim.move')).toHaveLength(5);

    // The customer follows it in their account, and by a mail at each step; another customer sees nothing.
    const mine = await buyer.api.listMyClaims({ query: {} });
    expect(mine.items.map((c) => c.id)).toEqual([claim.id]);
    const seen = await buyer.api.getMyClaim({ params: { id: claim.id } });
    expect(seen.events.map((e) => e.to)).toEqual(done.events.map((e) => e.to));
    expect(seen.events.every((e) => e.by === null)).toBe(true);
    const mails = await mailsTo(buyer.email);
    expect(mails).toHaveLength(6);
    expect(mails.at(-1)!.text).toContain(claim.number);
    const other = await aCustomer(shop.server);
    expect(await statusOf(other.api.getMyClaim({ params: { id: claim.id } }))).toBe(404);
    expect((await other.api.listMyClaims({ query: {} })).items).toEqual([]);
    expect(await statusOf(other.api.getClaim({ params: { id: claim.id } }))).toBe(403);
    expect(await statusOf(other.api.listClaims({ query: {} }))).toBe(403);

    // The same unit may come back later with a new claim.
    const again = await shop.staff.openClaim({ body: { ...input, fault: 'Fan noise' } });
    expect(again.number).not.toBe(claim.number);
  });

  it('out of warranty: no work before the customer accepts the quoted price, in their account or at the counter', async () => {
    const buyer = await aCustomer(shop.server);
    const { serial: sn } = await soldUnit(buyer, { warrantyMonths: 0 });
    expect((await buyer.api.lookupWarranty({ query: { serial: sn } })).state).toBe('expired');

    const claim = await shop.staff.openClaim({ body: { serial: sn, fault: 'Fan broken' } });
    expect(claim.inWarranty).toBe(false);
    const id = { id: claim.id };
    await shop.staff.moveClaim({ params: id, body: { to: 'diagnosing' } });
    expect(await failure(shop.staff.moveClaim({ params: id, body: { to: 'repaired' } }))).toMatchObject({
      status: 409,
      fields: { quote: 'not quoted yet' },
    });
    expect(await statusOf(buyer.api.acceptMyClaimQuote({ params: id }))).toBe(409);
    expect(await statusOf(buyer.api.quoteClaim({ params: id, body: { priceCents: 1 } }))).toBe(403);
    const quoted = await shop.staff.quoteClaim({ params: id, body: { priceCents: 4500 } });
    expect(quoted).toMatchObject({ quoteCents: 4500, quoteAcceptedAt: null });
    expect((await mailsTo(buyer.email)).at(-1)!.text).toContain('$45.00');
    expect(
      await failure(shop.staff.moveClaim({ params: id, body: { to: 'sent_to_supplier' } })),
    ).toMatchObject({
      status: 409,
      fields: { quote: 'not accepted yet' },
    });
    // Another customer cannot accept it for them.
    const other = await aCustomer(shop.server);
    expect(await statusOf(other.api.acceptMyClaimQuote({ params: id }))).toBe(404);

    const accepted = await buyer.api.acceptMyClaimQuote({ params: id });
    expect(accepted.quoteAcceptedAt).toEqual(expect.any(Number));
    expect(await statusOf(buyer.api.acceptMyClaimQuote({ params: id }))).toBe(409);
    expect(await statusOf(shop.staff.quoteClaim({ params: id, body: { priceCents: 9900 } }))).toBe(409);
    await shop.staff.moveClaim({ params: id, body: { to: 'repaired' } });

    // At the counter: staff record the customer's yes.
    const walkIn = await soldUnit(buyer, { warrantyMonths: 0 });
    const second = await shop.staff.openClaim({ body: { serial: walkIn.serial, fault: 'Coil whine' } });
    await shop.staff.quoteClaim({ params: { id: second.id }, body: { priceCents: 2000 } });
    const yes = await shop.staff.recordClaimQuoteAcceptance({ params: { id: second.id } });
    expect(yes.quoteAcceptedAt).toEqual(expect.any(Number));
    await shop.staff.moveClaim({ params: { id: second.id }, body: { to: 'diagnosing' } });
    await shop.staff.moveClaim({ params: { id: second.id }, body: { to: 'sent_to_supplier' } });

    // In warranty there is nothing to quote.
    const covered = await soldUnit(buyer);
    const free = await shop.staff.openClaim({ body: { serial: covered.serial, fault: 'Dead' } });
    expect(
      await statusOf(shop.staff.quoteClaim({ params: { id: free.id }, body: { priceCents: 100 } })),
    ).toBe(409);
  });

  it('out of warranty: the accepted quote is paid at pickup (cash, change right) as an order of its own, then returned', async () => {
    const buyer = await aCustomer(shop.server);
    const { product, serial: sn } = await soldUnit(buyer, { warrantyMonths: 0 });
    const claim = await shop.staff.openClaim({ body: { serial: sn, fault: 'Fan grinding' } });
    const id = { id: claim.id };
    await shop.staff.quoteClaim({ params: id, body: { priceCents: 4500 } });
    await buyer.api.acceptMyClaimQuote({ params: id });
    const cash = { method: 'cash', currency: 'KHR', tendered: 200_000 } as const;
    // Nothing to pay before the work is done.
    expect(await failure(shop.staff.payClaimRepair({ params: id, body: cash }))).toMatchObject({
      status: 409,
    });
    await shop.staff.moveClaim({ params: id, body: { to: 'diagnosing' } });
    const repaired = await shop.staff.moveClaim({ params: id, body: { to: 'repaired' } });
    expect(repaired).toMatchObject({
      paymentDue: true,
      repairOrder: null,
      amountDue: { usdCents: 4500, khr: expect.any(Number) },
    });

    // The unit does not go back while its price is owed.
    const refused = await failure(shop.staff.moveClaim({ params: id, body: { to: 'returned' } }));
    expect(refused).toMatchObject({ status: 409, fields: { payment: 'not paid yet' } });
    expect(refused.message).toContain('$45.00');

    // Only staff take the payment: not a stranger, not the customer, not another customer.
    const stranger = browserClient(shop.server.url).client;
    const other = await aCustomer(shop.server);
    expect(await statusOf(stranger.payClaimRepair({ params: id, body: cash }))).toBe(401);
    expect(await statusOf(buyer.api.payClaimRepair({ params: id, body: cash }))).toBe(403);
    expect(await statusOf(other.api.payClaimRepair({ params: id, body: cash }))).toBe(403);
    expect(await statusOf(other.api.moveClaim({ params: id, body: { to: 'returned' } }))).toBe(403);
    // Too little cash, or riel not in 100-riel notes.
    expect(
      await statusOf(shop.staff.payClaimRepair({ params: id, body: { ...cash, tendered: 1_000 } })),
    ).toBe(400);
    expect(
      await statusOf(shop.staff.payClaimRepair({ params: id, body: { ...cash, tendered: 200_050 } })),
    ).toBe(400);

    const { claim: paid, payment } = await shop.staff.payClaimRepair({ params: id, body: cash });
    const order = await shop.server.database.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', payment.orderId)
      .executeTakeFirstOrThrow();
    const owedKhr = usdCentsToKhr(4500, Number(order.riel_per_usd));
    expect(payment).toEqual({
      orderId: order.id,
      orderNumber: order.number,
      method: 'cash',
      currency: 'KHR',
      amount: owedKhr,
      tendered: 200_000,
      change: 200_000 - owedKhr,
      khqr: null,
    });
    expect(repaired.amountDue!.khr).toBe(owedKhr);
    expect(order).toMatchObject({
      channel: 'pos',
      status: 'picked_up',
      user_id: buyer.userId,
      total_cents: 4500,
    });
    expect(paid).toMatchObject({
      paymentDue: false,
      amountDue: null,
      repairOrder: { id: order.id, number: order.number },
    });
    expect(await statusOf(shop.staff.payClaimRepair({ params: id, body: cash }))).toBe(409);
    // No stock moved for the repair line.
    const movements = await shop.server.database.db
      .selectFrom('stock_movements')
      .select('id')
      .where('reference', '=', order.number)
      .execute();
    expect(movements).toEqual([]);

    const returned = await shop.staff.moveClaim({ params: id, body: { to: 'returned' } });
    expect(returned.status).toBe('returned');

    // The customer sees the order in their account, and its invoice names the claim.
    const mine = await buyer.api.listOrders({ query: {} });
    expect(mine.items.map((o) => o.id)).toContain(order.id);
    expect((await buyer.api.getMyClaim({ params: id })).repairOrder?.number).toBe(order.number);
    const invoice = await fetch(`${shop.server.url}/api/v1/orders/${order.id}/invoice?format=html`, {
      headers: { authorization: `Bearer ${buyer.token}` },
    });
    expect(await invoice.text()).toContain(`Repair ${claim.number}: ${product.name}`);

    // The sales report counts the repair's revenue on the day it was paid, under the claimed product and cash in
    // riel, with no unit sold (the product's one unit is its original web sale).
    const today = new Date(Date.now() + SHOP_UTC_OFFSET_MS).toISOString().slice(0, 10);
    const byProduct = await shop.admin.getSalesReport({
      query: { from: today, to: today, groupBy: 'product' },
    });
    expect(byProduct.rows.find((r) => r.key === product.id)).toMatchObject({
      orders: 2,
      units: 1,
      revenueCents: 25_000 + 4500,
    });
    const byPayment = await shop.admin.getSalesReport({
      query: { from: today, to: today, groupBy: 'payment' },
    });
    expect(byPayment.rows.find((r) => r.key === 'cash_khr')).toMatchObject({
      orders: 1,
      units: 0,
      revenueCents: 4500,
    });

    // Or by KHQR: the order waits for its QR (asked again, the same QR), the unit stays until the payment job sees
    // it paid; no stock is held or sold for the repair line.
    const second = await soldUnit(buyer, { warrantyMonths: 0 });
    const stockBefore = await shop.staff.getProductStock({ params: { id: second.product.id } });
    const byQr = await shop.staff.openClaim({ body: { serial: second.serial, fault: 'Hinge cracked' } });
    const qrId = { id: byQr.id };
    await shop.staff.quoteClaim({ params: qrId, body: { priceCents: 2000 } });
    await shop.staff.recordClaimQuoteAcceptance({ params: qrId });
    await shop.staff.moveClaim({ params: qrId, body: { to: 'diagnosing' } });
    await shop.staff.moveClaim({ params: qrId, body: { to: 'repaired' } });
    const khqr = { method: 'khqr', currency: 'USD' } as const;
    const asked = await shop.staff.payClaimRepair({ params: qrId, body: khqr });
    expect(asked.payment).toMatchObject({ method: 'khqr', amount: 2000, currency: 'USD', change: null });
    expect(asked.claim).toMatchObject({ paymentDue: true, repairOrder: { paidAt: null } });
    expect((await shop.staff.payClaimRepair({ params: qrId, body: khqr })).payment).toEqual(asked.payment);
    expect(await statusOf(shop.staff.payClaimRepair({ params: qrId, body: cash }))).toBe(409);
    expect(await statusOf(shop.staff.moveClaim({ params: qrId, body: { to: 'returned' } }))).toBe(409);
    await payAndCheck(shop.server, asked.payment.khqr!.qr);
    const settled = await shop.staff.getClaim({ params: qrId });
    expect(settled).toMatchObject({ paymentDue: false, repairOrder: { paidAt: expect.any(Number) } });
    expect((await shop.staff.moveClaim({ params: qrId, body: { to: 'returned' } })).status).toBe('returned');
    const stockAfter = await shop.staff.getProductStock({ params: { id: second.product.id } });
    expect([stockAfter.onHand, stockAfter.reserved]).toEqual([stockBefore.onHand, stockBefore.reserved]);
  });

  it('a replacement records the new serial, moves the ledger, keeps the warranty; the history links both serials', async () => {
    const buyer = await aCustomer(shop.server);
    const { product, order, serial: sn, spares } = await soldUnit(buyer, { spare: 1 });
    const replacementSerial = spares[0]!;
    const before = await buyer.api.lookupWarranty({ query: { serial: sn } });
    const stockBefore = await shop.staff.getProductStock({ params: { id: product.id } });

    const claim = await shop.staff.openClaim({ body: { serial: sn, fault: 'Artifacts on screen' } });
    const id = { id: claim.id };
    await shop.staff.moveClaim({ params: id, body: { to: 'diagnosing' } });
    expect(await failure(shop.staff.moveClaim({ params: id, body: { to: 'replaced' } }))).toMatchObject({
      status: 400,
      fields: { replacementSerial: expect.any(String) },
    });
    expect(
      await failure(
        shop.staff.moveClaim({ params: id, body: { to: 'replaced', replacementSerial: 'NOT-IN-STOCK' } }),
      ),
    ).toMatchObject({ status: 409, fields: { replacementSerial: 'NOT-IN-STOCK' } });
    const replaced = await shop.staff.moveClaim({ params: id, body: { to: 'replaced', replacementSerial } });
    expect(replaced).toMatchObject({ status: 'replaced', replacementSerial });

    // The new unit left stock through the ledger, referenced by the claim.
    const stockAfter = await shop.staff.getProductStock({ params: { id: product.id } });
    expect(stockAfter.onHand).toBe(stockBefore.onHand - 1);
    expect(stockAfter.movements[0]).toMatchObject({
      type: 'adjust',
      onHandDelta: -1,
      reference: claim.number,
    });
    expect(stockAfter.serials).toEqual(
      expect.arrayContaining([
        { serial: sn, status: 'rma' },
        { serial: replacementSerial, status: 'sold' },
      ]),
    );

    // The old serial points to the new one; the new one's warranty continues from the original sale.
    expect(await shop.server.client.lookupWarranty({ query: { serial: sn } })).toMatchObject({
      state: 'replaced',
      replacedBy: replacementSerial,
      order: null,
    });
    expect(await buyer.api.lookupWarranty({ query: { serial: replacementSerial } })).toEqual({
      serial: replacementSerial,
      state: 'in_warranty',
      product: before.product,
      soldAt: before.soldAt,
      warrantyUntil: before.warrantyUntil,
      replacedBy: null,
      replaces: sn,
      order: { id: order.id, number: order.number },
    });
    // The faulty unit cannot be claimed again; its replacement can.
    expect(await statusOf(shop.staff.openClaim({ body: { serial: sn, fault: 'again' } }))).toBe(409);

    const history = await shop.staff.serialHistory({ params: { serial: sn } });
    expect(history.units).toEqual([
      expect.objectContaining({
        product: { id: product.id, name: product.name },
        status: 'rma',
        sale: expect.objectContaining({
          orderId: order.id,
          orderNumber: order.number,
          soldAt: before.soldAt,
        }),
        replacedBy: replacementSerial,
        replaces: null,
        claims: [expect.objectContaining({ id: claim.id, number: claim.number, status: 'replaced' })],
      }),
    ]);
    const newHistory = await shop.staff.serialHistory({ params: { serial: replacementSerial } });
    expect(newHistory.units[0]).toMatchObject({ status: 'sold', replaces: sn, replacedBy: null, claims: [] });
    expect(await statusOf(buyer.api.serialHistory({ params: { serial: sn } }))).toBe(403);
    expect(await statusOf(shop.server.client.serialHistory({ params: { serial: sn } }))).toBe(401);

    // The printable slip carries the claim number as a barcode; staff only.
    const slip = await fetch(`${shop.server.url}/api/v1/admin/claims/${claim.id}/slip`, {
      headers: { authorization: `Bearer ${shop.staffUser.token}` },
    });
    expect(slip.status).toBe(200);
    expect(slip.headers.get('content-type')).toContain('text/html');
    const html = await slip.text();
    expect(html).toContain(claim.number);
    expect(html).toContain('<svg');
    expect(html).toContain('Artifacts on screen');
    const denied = await fetch(`${shop.server.url}/api/v1/admin/claims/${claim.id}/slip`, {
      headers: { authorization: `Bearer ${buyer.token}` },
    });
    expect(denied.status).toBe(403);

    // A photo of the unit as it came in: staff add it; the buyer sees it, another customer does not.
    const withPhoto = await shop.staff.uploadClaimPhoto({
      params: id,
      file: new Blob([new Uint8Array(await phonePhoto())], { type: 'image/jpeg' }),
      fileName: 'unit.jpg',
    });
    expect(withPhoto.photos).toHaveLength(1);
    const photoUrl = `${shop.server.url}/api/v1/claims/${claim.id}/photos/${withPhoto.photos[0]!.id}`;
    const asBuyer = await fetch(photoUrl, { headers: { authorization: `Bearer ${buyer.token}` } });
    expect(asBuyer.status).toBe(200);
    expect(asBuyer.headers.get('content-type')).toBe('image/webp');
    const stranger = await aCustomer(shop.server);
    const asOther = await fetch(photoUrl, { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(asOther.status).toBe(404);
    expect((await buyer.api.getMyClaim({ params: id })).photos).toHaveLength(1);

    // The queue lists open claims, longest in their state first, and filters by state.
    const queue = await shop.staff.listClaims({ query: { pageSize: 100 } });
    const since = queue.items.map((c) => c.statusSince);
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(queue.items.every((c) => c.status !== 'returned')).toBe(true);
    const replacedOnes = await shop.staff.listClaims({ query: { status: 'replaced' } });
    expect(replacedOnes.items.map((c) => c.id)).toContain(claim.id);
    expect(replacedOnes.items.every((c) => c.status === 'replaced')).toBe(true);
  });
});
