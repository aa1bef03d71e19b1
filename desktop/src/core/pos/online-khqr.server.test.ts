import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aProductWithStock,
  checkPaymentsNow,
  payAndCheck,
  startTestShop,
  type TestShop,
} from '../../../../server/test/factory';
import { writeState } from '../local-db/state';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  counterFolders,
  type StaffWithPassword,
} from '../test-support/real-shop';

/**
 * KHQR at the counter through the shop's one payment flow: the real core asks the real server for a dynamic KHQR,
 * the Bakong stand-in plays the customer's bank app, the server's payment job confirms it, and the pushed sale's
 * order holds that very payment. Also: a KHQR that runs out, a counter that cannot reach the server, and change
 * given in the other currency.
 */
let shop: TestShop;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop({ env: { BAKONG_POLL_MS: '3600000' } });
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

const counter = (name = 'Front counter') =>
  aReadyCounter(shop, { name, cashierId: cashier.id, dataDir: folders.make() });
const paymentsOf = (orderId: string) =>
  shop.server.database.db.selectFrom('payments').selectAll().where('order_id', '=', orderId).execute();

describe('a dynamic KHQR at the counter', () => {
  it('turns paid through the server’s Bakong check, lets the sale commit, and is the order’s payment on the server', async () => {
    const ssd = await aProductWithStock(shop, { stock: 5, name: 'SSD 1TB', priceCents: 64_90 });
    const { core } = await counter();
    await core.commands.addLine({ productId: ssd.id });

    const shown = await core.commands.startKhqr({ currency: 'USD' });
    expect(shown).toMatchObject({ amount: 64_90, currency: 'USD' });
    expect(shown.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(shown.sale.missing).toContain('the KHQR is not paid yet');
    // While the QR is up the customer may pay it any moment: nothing else is taken and the sale cannot close.
    await expect(core.commands.commitSale()).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      core.commands.pay({ method: 'cash', currency: 'USD', tendered: 64_90 }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(core.commands.startKhqr({ currency: 'KHR' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await core.commands.khqrStatus()).toMatchObject({ status: 'pending' });

    await payAndCheck(shop.server, shown.khqr);
    const paid = await core.commands.khqrStatus();
    expect(paid.status).toBe('paid');
    expect(paid.sale.totals.dueCents).toBe(0);
    expect(paid.sale.missing).toEqual([]);
    await expect(core.commands.removeLastPayment()).rejects.toMatchObject({ code: 'conflict' });
    const sale = await core.commands.commitSale();

    const { results } = await core.pushNow();
    expect(results).toEqual([expect.objectContaining({ id: sale.id, status: 'applied' })]);
    const payments = await paymentsOf(results[0]!.orderId!);
    expect(payments).toEqual([
      expect.objectContaining({
        method: 'khqr',
        md5: shown.md5,
        amount_minor: 64_90,
        status: 'paid',
        needs_reconciliation: 0,
      }),
    ]);
    expect(payments[0]!.bakong_hash).toBeTruthy();
    core.close();
  });

  it('in riel asks for what is due rounded to 100 riel, as a riel payment would', async () => {
    const mouse = await aProductWithStock(shop, { stock: 5, name: 'Mouse', priceCents: 12_34 });
    const { core } = await counter('Riel counter');
    const { dueKhr } = await core.commands.addLine({ productId: mouse.id });
    const shown = await core.commands.startKhqr({ currency: 'KHR' });
    expect(shown.amount).toBe(dueKhr);
    expect(shown.amount % 100).toBe(0);
    await payAndCheck(shop.server, shown.khqr);
    expect((await core.commands.khqrStatus()).sale.totals.dueCents).toBe(0);
    await core.commands.commitSale();
    const { results } = await core.pushNow();
    expect(await paymentsOf(results[0]!.orderId!)).toEqual([
      expect.objectContaining({
        md5: shown.md5,
        currency: 'KHR',
        amount_minor: dueKhr,
        needs_reconciliation: 0,
      }),
    ]);
    core.close();
  });

  it('that runs out unpaid leaves the sale, which then needs another payment', async () => {
    const cable = await aProductWithStock(shop, { stock: 5, name: 'Cable', priceCents: 5_00 });
    const { core } = await counter('Slow counter');
    await core.commands.addLine({ productId: cable.id });
    const shown = await core.commands.startKhqr({ currency: 'USD' });
    await checkPaymentsNow(shop.server, shown.expiresAt + 24 * 60 * 60_000);
    const expired = await core.commands.khqrStatus();
    expect(expired.status).toBe('expired');
    expect(expired.sale.cart.payments).toEqual([]);
    expect(expired.sale.missing).toEqual(['the sale is not fully paid']);
    await expect(core.commands.commitSale()).rejects.toMatchObject({ code: 'invalid' });

    // A fresh one can be asked for, and cancelled: the sale is as it was.
    await core.commands.startKhqr({ currency: 'USD' });
    const cancelled = await core.commands.cancelKhqr();
    expect(cancelled.cart.payments).toEqual([]);
    await expect(core.commands.khqrStatus()).rejects.toMatchObject({ code: 'not_found' });
    core.close();
  });

  it('offline, tells the cashier to use the static QR, which staff confirm', async () => {
    const hub = await aProductWithStock(shop, { stock: 5, name: 'USB hub', priceCents: 9_00 });
    const { core } = await counter('Cut-off counter');
    // The server is gone (nothing listens on port 9 here).
    writeState(core.db, 'serverUrl', 'http://127.0.0.1:9');
    await core.commands.addLine({ productId: hub.id });
    const refusal = core.commands.startKhqr({ currency: 'USD' });
    await expect(refusal).rejects.toMatchObject({ code: 'offline' });
    await expect(refusal).rejects.toThrow(/static KHQR/);
    expect((await core.commands.sale()).cart.payments).toEqual([]);
    await core.commands.pay({ method: 'khqr', currency: 'USD', amount: 9_00, staffConfirmed: true });
    expect((await core.commands.commitSale()).totalCents).toBe(9_00);
    core.close();
  });
});

describe('cash change in the other currency', () => {
  it('reaches the server in the currency it was given in', async () => {
    const keyboard = await aProductWithStock(shop, { stock: 5, name: 'Keyboard', priceCents: 15_00 });
    const { core } = await counter('Change counter');
    const { rielPerUsd } = await core.commands.addLine({ productId: keyboard.id });
    await core.commands.pay({ method: 'cash', currency: 'USD', tendered: 20_00, changeCurrency: 'KHR' });
    await core.commands.commitSale();
    const { results } = await core.pushNow();
    expect(results[0]).toMatchObject({ status: 'applied' });
    const changeKhr = Math.floor((5 * rielPerUsd) / 100) * 100;
    expect(await paymentsOf(results[0]!.orderId!)).toEqual([
      expect.objectContaining({
        method: 'cash',
        currency: 'USD',
        amount_minor: 15_00,
        tendered_minor: 20_00,
        change_minor: changeKhr,
        change_currency: 'KHR',
      }),
    ]);
    core.close();
  });
});
