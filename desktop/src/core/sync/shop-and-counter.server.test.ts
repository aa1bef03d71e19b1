import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aProductWithStock,
  payAndCheck,
  placedOrder,
  startTestShop,
  type TestShop,
} from '../../../../server/test/factory';
import { pageApplier } from '../catalog/apply-page';
import { cashierSignedIn, page, product, TEST_PIN } from '../test-support/fixtures';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  cashSale,
  counterFolders,
  eventually,
  serverRecordOf,
  type StaffWithPassword,
} from '../test-support/real-shop';

/**
 * The counter and the shop working on the same things: prices the back office changes, the last unit two counters
 * sell, an item the server cannot apply, a shift kept offline, a revoked counter, and the one inventory the web shop
 * and the counter both draw on. Each through the real core, the real server and its database.
 */
let shop: TestShop;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop();
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

const counter = (name = 'Front counter') =>
  aReadyCounter(shop, { name, cashierId: cashier.id, dataDir: folders.make() });
const localPrice = (core: Awaited<ReturnType<typeof counter>>['core'], id: string) =>
  core.db.prepare('SELECT price_cents FROM products WHERE id = ?').pluck().get(id) as number | undefined;

describe('the shop and its counters', () => {
  it('a price changed in the back office reaches the next sale, on the pull and on the nudge alone', async () => {
    const keyboard = await aProductWithStock(shop, { stock: 10, name: 'Keyboard', priceCents: 40_00 });
    const { core, deviceId } = await counter();
    expect(localPrice(core, keyboard.id)).toBe(40_00);

    await shop.admin.updateProduct({ params: { id: keyboard.id }, body: { priceCents: 35_00 } });
    await core.pullNow();
    expect((await cashSale(core, keyboard.id)).totalCents).toBe(35_00);

    // With sync running, nobody pulls by hand: the server's nudge brings the next price within moments (the timer
    // alone would take a minute). Twice, so the second change surely comes over the open event stream.
    core.startSync();
    for (const price of [32_00, 31_00]) {
      await shop.admin.updateProduct({ params: { id: keyboard.id }, body: { priceCents: price } });
      await eventually(
        () => localPrice(core, keyboard.id) === price,
        5_000,
        `the price ${price} by the nudge`,
      );
      expect((await cashSale(core, keyboard.id)).totalCents).toBe(price);
    }
    await eventually(async () => (await core.commands.status()).pending === 0, 10_000, 'the sales to go');
    const { orders } = await serverRecordOf(shop, deviceId);
    const totals = await shop.server.database.db
      .selectFrom('orders')
      .select('total_cents')
      .where(
        'id',
        'in',
        orders.map((o) => o.id),
      )
      .execute();
    expect(totals.map((o) => Number(o.total_cents)).sort()).toEqual([31_00, 32_00, 35_00]);
    core.close();
  });

  it('two counters sell the last unit: both sales stand and one shortfall is flagged', async () => {
    const lastOne = await aProductWithStock(shop, { stock: 1, name: 'Graphics card' });
    const front = await counter('Front');
    const back = await counter('Back');
    const [a, b] = [await cashSale(front.core, lastOne.id), await cashSale(back.core, lastOne.id)];
    const [fromFront, fromBack] = await Promise.all([front.core.pushNow(), back.core.pushNow()]);
    expect([...fromFront.results, ...fromBack.results].map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [a.id, 'applied'],
        [b.id, 'applied'],
      ].sort(),
    );
    const { items } = await shop.admin.listShortfalls({});
    const flagged = items.filter((f) => f.productId === lastOne.id);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ quantity: 1 });
    expect(['Front', 'Back']).toContain(flagged[0]!.deviceName);
    const stock = await shop.admin.getProductStock({ params: { id: lastOne.id } });
    // The one unit on hand went with the first sale applied; the second is the shortfall, not a negative shelf.
    expect(stock).toMatchObject({ onHand: 0, available: 0 });
    expect(stock.movements.filter((m) => m.type === 'sale').map((m) => m.onHandDelta)).toEqual([-1]);
    front.core.close();
    back.core.close();
  });

  it('a sale the server refuses is parked, the sales behind it arrive, and the counter shows no failure', async () => {
    const mouse = await aProductWithStock(shop, { stock: 5, name: 'Mouse' });
    const { core } = await counter('Side counter');
    // A product the server never had (gone from its catalog): the counter still sells what it knows.
    const ghostId = ulid();
    pageApplier(core.db)(page(1_000_000, [{ entity: 'product', id: ghostId, data: product(ghostId) }]));
    const refused = await cashSale(core, ghostId);
    const behind = [await cashSale(core, mouse.id), await cashSale(core, mouse.id)];
    const { results } = await core.pushNow();
    expect(results.map((r) => r.status)).toEqual(['parked', 'applied', 'applied']);
    const status = await core.commands.status();
    expect(status).toMatchObject({ pending: 0, failed: [], lastError: null });
    expect((await core.commands.receipt({ receiptNumber: refused.receiptNumber })).sync).toMatchObject({
      status: 'parked',
    });
    for (const sale of behind)
      expect((await core.commands.receipt({ receiptNumber: sale.receiptNumber })).sync).toMatchObject({
        status: 'applied',
      });
    const { items } = await shop.admin.listParkedItems({});
    expect(items.find((p) => p.id === refused.id)).toMatchObject({
      type: 'sale',
      deviceName: 'Side counter',
    });
    core.close();
  });

  it('a sale by a staff member disabled on the server before the push is parked; the next cashier’s sale arrives', async () => {
    const mouse = await aProductWithStock(shop, { stock: 5, name: 'Mouse' });
    const leaving = await aStaffMemberWithPin(shop);
    const { core } = await counter('Till 5');
    await core.pullNow(); // the counter learns the new staff member and their PIN
    await cashierSignedIn(core, leaving.id);
    const theirs = await cashSale(core, mouse.id);
    await shop.admin.updateUser({ params: { id: leaving.id }, body: { status: 'disabled' } });
    await cashierSignedIn(core, cashier.id);
    const next = await cashSale(core, mouse.id);

    const { results } = await core.pushNow();
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [theirs.id, 'parked'],
      [next.id, 'applied'],
    ]);
    expect(await core.commands.status()).toMatchObject({ pending: 0, failed: [] });
    const { items } = await shop.admin.listParkedItems({});
    expect(items.find((p) => p.id === theirs.id)).toMatchObject({ type: 'sale', status: 'parked' });
    // The pull that follows signs nobody out but them: the disabled member can no longer open the counter.
    await core.pullNow();
    await expect(core.commands.signInWithPin({ staffId: leaving.id, pin: TEST_PIN })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await core.commands.signedIn()).toMatchObject({ id: cashier.id });
    core.close();
  });

  it('a shift opened and closed offline arrives with its sales, cash movements and count: the Z reports agree', async () => {
    const charger = await aProductWithStock(shop, { stock: 10, name: 'Charger', priceCents: 12_50 });
    const { core } = await counter('Till 3');
    const c = core.commands;
    const shift = await c.openShift({ floatUsdCents: 50_00, floatKhr: 20_000 });
    await cashSale(core, charger.id, 2);
    await c.moveCash({ kind: 'pay_in', currency: 'KHR', amount: 40_000, reason: 'change from the bank' });
    await cashSale(core, charger.id);
    await c.moveCash({ kind: 'pay_out', currency: 'USD', amount: 5_00, reason: 'water for the shop' });
    const z = await c.closeShift({ countedUsdCents: 82_00, countedKhr: 60_000 });
    expect((await c.status()).pending).toBe(6);

    const { results } = await core.pushNow();
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('applied'));
    const report = await shop.admin.getShiftReport({ params: { id: shift.id } });
    expect(report).toMatchObject({
      deviceName: 'Till 3',
      sales: { count: z.sales, totalCents: z.takingsCents },
      float: { usdCents: 50_00, khr: 20_000 },
      payIns: { usdCents: 0, khr: 40_000 },
      payOuts: { usdCents: 5_00, khr: 0 },
      expected: { usdCents: z.expectedUsdCents, khr: z.expectedKhr },
      counted: { usdCents: 82_00, khr: 60_000 },
      difference: z.difference,
    });
    expect(report.closedAt).not.toBeNull();
    core.close();
  });

  it('a revoked counter is refused: its status shows the 401 and nothing leaves the outbox', async () => {
    const cable = await aProductWithStock(shop, { stock: 5, name: 'Cable' });
    const { core, deviceId } = await counter('Stolen laptop');
    const sale = await cashSale(core, cable.id);
    await shop.admin.revokeDevice({ params: { id: deviceId } });
    await expect(core.pushNow()).rejects.toMatchObject({ status: 401 });
    core.startSync();
    await eventually(async () => (await core.commands.status()).lastError, 5_000, 'the refusal');
    const status = await core.commands.status();
    expect(status.lastError).toMatch(/^401/);
    // Not retried in a loop: a person must pair the counter again.
    expect(status).toMatchObject({ pending: 1, failed: [], retryAt: null });
    expect(core.db.prepare('SELECT id FROM outbox').pluck().all()).toEqual([sale.id]);
    expect((await serverRecordOf(shop, deviceId)).items).toEqual([]);
    core.close();
  });

  it('a web order and a counter sale of the same product both move the one inventory', async () => {
    const monitor = await aProductWithStock(shop, { stock: 4, name: 'Monitor' });
    const { core } = await counter('Till 4');
    const { order, api } = await placedOrder(shop.server, {
      items: [{ productId: monitor.id, quantity: 1 }],
    });
    const { khqr } = await api.getOrderPayment({ params: { id: order.id } });
    await payAndCheck(shop.server, khqr);
    await cashSale(core, monitor.id, 2);
    await core.pushNow();

    const stock = await shop.admin.getProductStock({ params: { id: monitor.id } });
    expect(stock.onHand).toBe(1);
    expect(stock.available).toBe(1);
    const sold = stock.movements.filter((m) => m.type === 'sale');
    expect(sold.map((m) => m.onHandDelta).sort((x, y) => x - y)).toEqual([-2, -1]);
    // The counter learns the web shop's sale on its next pull: one left on its shelf too.
    await core.pullNow();
    expect((await core.commands.lookup({ query: monitor.sku }))[0]).toMatchObject({ available: 1 });
    core.close();
  });
});
