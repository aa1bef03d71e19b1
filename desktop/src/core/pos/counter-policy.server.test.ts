import { DEFAULT_COUNTER_POLICY, settingKeys, type CounterPolicy } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../../server/src/modules/audit/audit';
import { changeSettings } from '../../../../server/src/modules/settings/changes';
import { aProductWithStock, startTestShop, type TestShop } from '../../../../server/test/factory';
import { saleReceiptModels } from '../receipts/from-sale';
import { receiptSnapshotter } from '../receipts/snapshot';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  cashSale,
  counterFolders,
  type StaffWithPassword,
} from '../test-support/real-shop';
import { shopIdentity } from '../test-support/receipt-counter';

/**
 * The shop's counter policy set on the real server (through the settings service `npm run shop -- set-counter`
 * uses) and pulled by a real counter: its discount limits bind the cashier, its footer goes on the next receipt and
 * stays off the receipts already made.
 */
let shop: TestShop;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop({ settings: { 'shop.identity': shopIdentity } });
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

const setPolicy = (change: (current: CounterPolicy) => CounterPolicy) =>
  changeSettings(
    shop.server.database.db,
    [{ key: settingKeys.counterPolicy, next: (current) => change(current ?? DEFAULT_COUNTER_POLICY) }],
    { actor: systemActor, source: 'cli' },
  );

describe("the shop's counter policy at a real counter", () => {
  it('limits discounts as pulled, puts the footer on the next receipt and keeps the old one on a reprint', async () => {
    const product = await aProductWithStock(shop, { stock: 5, name: 'Keyboard', priceCents: 100_00 });
    const { core } = await aReadyCounter(shop, { cashierId: cashier.id, dataDir: folders.make() });
    const c = core.commands;
    // Never set on the server: nothing in the feed for it, the counter uses the shared defaults.
    expect(await c.counterPolicy()).toEqual(DEFAULT_COUNTER_POLICY);

    await setPolicy((current) => ({
      ...current,
      receiptFooter: 'ប្ដូរទំនិញបានក្នុង ៧ ថ្ងៃ',
      receiptPaper: 'a4',
      discountLimitPercent: { staff: 20, admin: 100 },
    }));
    await core.pullNow();
    expect(await c.counterPolicy()).toMatchObject({ receiptPaper: 'a4' });
    await c.addLine({ productId: product.id });
    await expect(c.setSaleDiscount({ discountCents: 20_01 })).rejects.toThrow(
      /a staff may take at most 20 %/,
    );
    await c.setSaleDiscount({ discountCents: 20_00 });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 80_00 });
    const discounted = await c.commitSale();
    expect(discounted.totalCents).toBe(80_00);

    const models = saleReceiptModels(core.db, receiptSnapshotter(core.db));
    const page = async (receiptNumber: string) => {
      const document = await c.receiptDocument({ receiptNumber, format: 'a4', as: 'html' });
      if (!('html' in document)) throw new Error('a page was asked for');
      return document.html;
    };
    expect(models(discounted.receiptNumber, 'km').model.footer).toBe('ប្ដូរទំនិញបានក្នុង ៧ ថ្ងៃ');
    const firstPrint = await page(discounted.receiptNumber);
    expect(firstPrint).toContain('ប្ដូរទំនិញបានក្នុង ៧ ថ្ងៃ');

    await setPolicy((current) => ({ ...current, receiptFooter: 'Exchange within 3 days with this receipt' }));
    await core.pullNow();
    const next = await cashSale(core, product.id);
    expect(models(next.receiptNumber, 'en').model.footer).toBe('Exchange within 3 days with this receipt');
    expect(await page(discounted.receiptNumber)).toBe(firstPrint);

    // Both sales reach the server as sold, the discount kept.
    expect((await core.pushNow()).results).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    core.close();
  });
});
