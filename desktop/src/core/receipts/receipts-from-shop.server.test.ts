import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProductWithStock, startTestShop, type TestShop } from '../../../../server/test/factory';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  cashSale,
  counterFolders,
  type StaffWithPassword,
} from '../test-support/real-shop';
import { registeredForVat, shopIdentity } from '../test-support/receipt-counter';
import { seriesFromDeviceId } from './invoice-number';

/**
 * Receipts of a counter paired with the real server: the shop's identity and VAT setting as the server's change
 * feed really carries them, the counter's name as the admin gave it, the VAT invoice series of its real device id.
 */
let shop: TestShop;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop({
    settings: { 'shop.identity': shopIdentity, 'invoice.vat': registeredForVat },
  });
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

describe("a counter's receipts with the shop's own settings", () => {
  it('prints the shop, its VAT TIN and the counter as the server has them, and numbers VAT invoices in its series', async () => {
    const product = await aProductWithStock(shop, { stock: 5, name: 'SSD 1TB', priceCents: 89_00 });
    const { core, deviceId } = await aReadyCounter(shop, {
      name: 'Front counter',
      cashierId: cashier.id,
      dataDir: folders.make(),
    });
    const sale = await cashSale(core, product.id);
    const page = await core.commands.receiptDocument({
      receiptNumber: sale.receiptNumber,
      format: 'a4',
      as: 'html',
    });
    if (!('html' in page)) throw new Error('a page was asked for');
    for (const shown of [
      shopIdentity.nameKm,
      shopIdentity.address!,
      'K001-901234567',
      'Front counter',
      '$89.00',
    ])
      expect(page.html).toContain(shown);
    const invoice = await core.commands.issueVatInvoice({
      receiptNumber: sale.receiptNumber,
      buyer: { name: 'Dara Trading', tin: 'K002-100200300' },
    });
    expect(invoice.number).toBe(`INV-${seriesFromDeviceId(deviceId)}-000001`);
    // The sale itself reaches the server as before.
    expect((await core.pushNow()).results).toMatchObject([{ status: 'applied' }]);
    core.close();
  });
});
