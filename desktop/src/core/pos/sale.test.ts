import { describe, expect, it } from 'vitest';
import { createPosCore } from '../core';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import { feedTransport, page, product, staffMember, tempDirs } from '../test-support/fixtures';
import { cashierSignedIn } from '../test-support/fixtures';

const newDir = tempDirs();

async function counter() {
  const feed = feedTransport([
    page(1, [
      {
        entity: 'product',
        id: 'p1',
        data: product('p1', { name: 'USB cable', priceCents: 5_00, available: 10 }),
      },
      {
        entity: 'product',
        id: 'p2',
        data: product('p2', { name: 'Laptop', priceCents: 500_00, serialized: true, available: 2 }),
      },
      { entity: 'customer', id: 'u1', data: { id: 'u1', name: 'Dara', phone: '012345678', email: null } },
      { entity: 'staff', id: 's1', data: staffMember('s1') },
      { entity: 'staff', id: 'a1', data: staffMember('a1', { role: 'admin' }) },
      {
        entity: 'setting',
        id: 'orders.pricing',
        data: { key: 'orders.pricing', value: { rielPerUsd: 4_000 } },
      },
    ]),
  ]);
  let clock = 1_700_000_000_000;
  const core = createPosCore({ dataDir: newDir(), transport: feed.transport, now: () => clock++ });
  await core.pullNow();
  await cashierSignedIn(core, 's1');
  return { core, c: core.commands, db: core.db, feed };
}

const count = (db: LocalDb, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('a sale at the counter', () => {
  it('commits the sale, its lines and payments, the shelf and the outbox item in one go', async () => {
    const { core, c, db } = await counter();
    await c.addLine({ productId: 'p1', quantity: 2 });
    await c.addLine({ productId: 'p2' });
    await c.setSerials({ productId: 'p2', serials: ['SN-1'] });
    await c.chooseCustomer({ customerId: 'u1' });
    const view = await c.pay({ method: 'cash', currency: 'USD', tendered: 600_00 });
    expect(view.totals).toMatchObject({ totalCents: 510_00, dueCents: 0 });
    const sale = await c.commitSale();
    expect(sale.receiptNumber).toMatch(/^POS-000001$/);
    expect(db.prepare('SELECT total_cents FROM sales WHERE id = ?').pluck().get(sale.id)).toBe(510_00);
    expect(count(db, 'sale_lines')).toBe(2);
    expect(db.prepare('SELECT change FROM sale_payments').pluck().get()).toBe(90_00);
    expect((await c.lookup({ query: 'SKU-p1' }))[0]!.available).toBe(8);
    const queued = JSON.parse(
      db.prepare('SELECT item FROM outbox WHERE id = ?').pluck().get(sale.id) as string,
    );
    expect(queued).toMatchObject({
      type: 'sale',
      staffId: 's1',
      customerId: 'u1',
      receiptNumber: sale.receiptNumber,
      lines: [
        { productId: 'p1', quantity: 2, unitPriceCents: 5_00 },
        { productId: 'p2', quantity: 1, serials: ['SN-1'] },
      ],
      payments: [{ method: 'cash', currency: 'USD', amount: 510_00, tendered: 600_00, change: 90_00 }],
    });
    expect((await c.sale()).cart.lines).toEqual([]);
    expect(await c.receipt({ receiptNumber: sale.receiptNumber })).toMatchObject({
      totalCents: 510_00,
      lines: [{ name: 'USB cable' }, { name: 'Laptop', serials: ['SN-1'] }],
      sync: { status: 'pending' },
    });
    await expect(c.receipt({ receiptNumber: 'POS-404' })).rejects.toThrow(/no sale/);
    core.close();
  });

  it('never puts units sold here back on the shelf when a pull overtakes the push', async () => {
    const { core, c, feed } = await counter();
    await c.addLine({ productId: 'p1', quantity: 2 });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 10_00 });
    await c.commitSale();
    // The server has not seen the sale yet and says 10 on hand: the counter still shows 8.
    feed.pages.push(
      page(7, [
        { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 10, reserved: 0, available: 10 } },
      ]),
    );
    await core.pullNow();
    expect((await c.lookup({ query: 'SKU-p1' }))[0]!.available).toBe(8);
    // The server applies it and its stock says 8: still 8, not 6.
    await c.syncNow();
    feed.pages.push(
      page(8, [
        { entity: 'stock', id: 'p1', data: { productId: 'p1', onHand: 8, reserved: 0, available: 8 } },
      ]),
    );
    await core.pullNow();
    expect((await c.lookup({ query: 'SKU-p1' }))[0]!.available).toBe(8);
    core.close();
  });

  it('writes nothing when the sale cannot be committed', async () => {
    const { core, c, db } = await counter();
    await c.addLine({ productId: 'p2' });
    await expect(c.commitSale()).rejects.toThrow(/serial/);
    await c.setSerials({ productId: 'p2', serials: ['SN-1'] });
    await expect(c.commitSale()).rejects.toThrow(/not fully paid/);
    // A failure inside the transaction (the receipt number taken) rolls back the sale and the counter.
    db.prepare(
      "INSERT INTO sales VALUES ('X', 'POS-000001', 0, 's1', NULL, NULL, 0, 0, 0, 4000, 0, NULL, NULL, NULL)",
    ).run();
    await c.pay({ method: 'cash', currency: 'USD', tendered: 500_00 });
    await expect(c.commitSale()).rejects.toThrow(/UNIQUE/);
    expect(count(db, 'sales')).toBe(1);
    expect(count(db, 'sale_lines')).toBe(0);
    expect(count(db, 'outbox')).toBe(0);
    expect(db.prepare('SELECT unsynced_sold FROM products WHERE id = ?').pluck().get('p2')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM counters WHERE value > 0').pluck().get()).toBe(0);
    core.close();
  });

  it('keeps discounts within the role: staff 10 %, admins more', async () => {
    const { core, c } = await counter();
    await c.addLine({ productId: 'p1', quantity: 2 });
    await expect(c.setSaleDiscount({ discountCents: 1_01 })).rejects.toThrow(/at most 10 %/);
    await c.setLineDiscount({ productId: 'p1', discountCents: 50 });
    await expect(c.setSaleDiscount({ discountCents: 51 })).rejects.toThrow(/at most 10 %/);
    const view = await c.setSaleDiscount({ discountCents: 50 });
    expect(view.totals.totalCents).toBe(9_00);
    await cashierSignedIn(core, 'a1');
    expect((await c.setSaleDiscount({ discountCents: 5_00 })).totals.totalCents).toBe(4_50);
    core.close();
  });

  it("follows the shop's counter policy once pulled, even for a sale already on screen", async () => {
    const { core, c, feed } = await counter();
    // Never pulled: the counter's own limits, 80 mm paper, no footer.
    expect(await c.counterPolicy()).toEqual({
      receiptFooter: null,
      receiptPaper: 'slip80',
      discountLimitPercent: { staff: 10, admin: 100 },
    });
    const policy = (staff: number, admin: number) => ({
      entity: 'setting' as const,
      id: 'counter.policy',
      data: {
        key: 'counter.policy',
        value: { receiptFooter: null, receiptPaper: 'a4', discountLimitPercent: { staff, admin } },
      },
    });
    feed.pages.push(page(100, [policy(25, 50)]));
    await core.pullNow();
    expect(await c.counterPolicy()).toMatchObject({ receiptPaper: 'a4' });
    await c.addLine({ productId: 'p1', quantity: 2 });
    await expect(c.setSaleDiscount({ discountCents: 2_51 })).rejects.toThrow(/a staff may take at most 25 %/);
    await c.setSaleDiscount({ discountCents: 2_50 });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 7_50 });
    // Lowered while the sale is on screen: the sale cannot be committed with more than the new limit.
    feed.pages.push(page(200, [policy(5, 50)]));
    await core.pullNow();
    await expect(c.commitSale()).rejects.toThrow(/a staff may take at most 5 %/);
    await cashierSignedIn(core, 'a1');
    await expect(c.commitSale()).resolves.toMatchObject({ totalCents: 7_50 });
    core.close();
  });

  it('refuses everything to nobody signed in, and unknown products and customers', async () => {
    const { core, c } = await counter();
    await expect(c.addLine({ productId: 'nope' })).rejects.toThrow(/does not know/);
    await expect(c.chooseCustomer({ customerId: 'nope' })).rejects.toThrow(/does not know/);
    await c.signOut();
    await expect(c.addLine({ productId: 'p1' })).rejects.toBeInstanceOf(PosError);
    await expect(c.openShift({ floatUsdCents: 0, floatKhr: 0 })).rejects.toThrow(/sign in/);
    // A locked counter shows no customer's name or phone, no receipt, no held sale.
    await expect(c.findCustomers({ query: 'Dara' })).rejects.toThrow(/sign in/);
    await expect(c.receipt({ receiptNumber: 'POS-000001' })).rejects.toThrow(/sign in/);
    await expect(c.heldSales()).rejects.toThrow(/sign in/);
    core.close();
  });

  it('holds a cart and recalls it, once', async () => {
    const { core, c } = await counter();
    await c.addLine({ productId: 'p1', quantity: 3 });
    const { heldId, sale } = await c.holdSale();
    expect(sale.cart.lines).toEqual([]);
    await c.addLine({ productId: 'p1' });
    await expect(c.recallSale({ heldId })).rejects.toThrow(/finish the sale on screen/);
    await c.clearSale();
    expect((await c.recallSale({ heldId })).cart.lines[0]!.quantity).toBe(3);
    await c.clearSale();
    await expect(c.recallSale({ heldId })).rejects.toThrow(/recalled already/);
    core.close();
  });

  it('takes items back against an earlier receipt, never more than sold, and queues the return', async () => {
    const { core, c, db } = await counter();
    await c.addLine({ productId: 'p1', quantity: 2 });
    await c.pay({ method: 'cash', currency: 'KHR', tendered: 40_000 });
    const sale = await c.commitSale();
    const refunds = [{ method: 'cash' as const, currency: 'KHR' as const, amount: 20_000 }];
    await expect(
      c.returnItems({
        receiptNumber: 'POS-999',
        lines: [{ productId: 'p1', quantity: 1 }],
        refunds,
        reason: 'x',
      }),
    ).rejects.toThrow(/no sale/);
    const back = await c.returnItems({
      receiptNumber: sale.receiptNumber,
      lines: [{ productId: 'p1', quantity: 1 }],
      refunds,
      reason: 'does not fit',
    });
    expect(back.saleId).toBe(sale.id);
    await expect(
      c.returnItems({
        receiptNumber: sale.receiptNumber,
        lines: [{ productId: 'p1', quantity: 1 }],
        refunds: [{ method: 'cash', currency: 'USD', amount: 6_00 }],
        reason: 'asks too much',
      }),
    ).rejects.toThrow(/more than the sale took/);
    await expect(
      c.returnItems({
        receiptNumber: sale.receiptNumber,
        lines: [{ productId: 'p1', quantity: 2 }],
        refunds,
        reason: 'again',
      }),
    ).rejects.toThrow(/only 1 unit/);
    expect((await c.lookup({ query: 'SKU-p1' }))[0]!.available).toBe(9);
    expect(db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all()).toEqual(['sale', 'return']);
    core.close();
  });

  it('runs a shift: float, sales, pay-out, X report, and the Z report of expected against counted', async () => {
    const { core, c, db } = await counter();
    const shift = await c.openShift({ floatUsdCents: 50_00, floatKhr: 100_000 });
    await expect(c.openShift({ floatUsdCents: 0, floatKhr: 0 })).rejects.toThrow(/close it first/);
    await c.addLine({ productId: 'p1' });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 10_00, changeCurrency: 'KHR' });
    await c.commitSale();
    await c.moveCash({ kind: 'pay_out', currency: 'USD', amount: 3_00, reason: 'water for the shop' });
    await expect(c.moveCash({ kind: 'pay_in', currency: 'USD', amount: 1_00, reason: ' ' })).rejects.toThrow(
      /why/,
    );
    // USD: 50 + 10 tendered - 3 = 57; KHR: 100,000 - 20,000 change ($5 at 4,000).
    expect(await c.xReport()).toMatchObject({
      shiftId: shift.id,
      sales: 1,
      expectedUsdCents: 57_00,
      expectedKhr: 80_000,
    });
    const z = await c.closeShift({ countedUsdCents: 56_00, countedKhr: 80_000 });
    expect(z.difference).toEqual({ usdCents: -1_00, khr: 0 });
    expect(await c.currentShift()).toBeNull();
    expect(db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all()).toEqual([
      'shift_open',
      'sale',
      'cash_movement',
      'shift_close',
    ]);
    const sale = JSON.parse(
      db.prepare("SELECT item FROM outbox WHERE type = 'sale'").pluck().get() as string,
    );
    expect(sale.shiftId).toBe(shift.id);
    // The change leaves the drawer in riel, and the server is told so (it cannot work it out from the note).
    expect(sale.payments).toEqual([
      {
        method: 'cash',
        currency: 'USD',
        amount: 5_00,
        tendered: 10_00,
        change: 20_000,
        changeCurrency: 'KHR',
      },
    ]);
    core.close();
  });

  it('will not let a cashier sign out while their sales are unsynced', async () => {
    const { core, c } = await counter();
    await c.addLine({ productId: 'p1' });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 5_00 });
    await c.commitSale();
    await expect(c.signOut()).rejects.toThrow(/not synced/);
    expect((await c.syncNow()).pushed).toBe(1);
    await c.signOut();
    expect(await c.signedIn()).toBeNull();
    core.close();
  });
});
