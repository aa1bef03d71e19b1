import type { InvoiceVatSetting, ShopIdentity } from '@shop/shared';
import { createPosCore, type PosCore } from '../core';
import { writeState } from '../local-db/state';
import { cashierSignedIn, feedTransport, page, product, staffMember } from './fixtures';

export const shopIdentity: ShopIdentity = {
  name: 'Angkor Computer',
  nameKm: 'ហាងកុំព្យូទ័រ អង្គរ',
  logoUrl: null,
  supportEmail: 'shop@example.com',
  phone: '012 345 678',
  address: 'No. 12, Street 310, Phnom Penh',
  hours: null,
};
export const registeredForVat: InvoiceVatSetting = {
  registered: true,
  ratePercent: 10,
  tin: 'K001-901234567',
};
export const notRegistered: InvoiceVatSetting = { registered: false, ratePercent: 10, tin: '' };

export const setting = (key: string, value: unknown) => ({
  entity: 'setting' as const,
  id: key,
  data: { key, value },
});

/**
 * A paired counter with the shop's settings pulled, Khmer product names, a customer and a cashier signed in: the
 * receipts' tests commit real sales through its commands. The same `dataDir` again is the same counter reopened.
 */
export async function receiptCounter(dataDir: string, vat: InvoiceVatSetting = registeredForVat) {
  const feed = feedTransport([
    page(1, [
      {
        entity: 'product',
        id: 'lap',
        data: product('lap', {
          sku: 'LAP-ASUS-X515',
          name: 'ASUS VivoBook 15 កុំព្យូទ័រយួរដៃ',
          priceCents: 549_00,
          serialized: true,
          warrantyMonths: 12,
        }),
      },
      {
        entity: 'product',
        id: 'mouse',
        data: product('mouse', {
          sku: 'MOU-M185',
          name: 'Logitech M185 កណ្ដុរឥតខ្សែ',
          priceCents: 12_34,
          warrantyMonths: 0,
        }),
      },
      {
        entity: 'customer',
        id: 'u1',
        data: { id: 'u1', name: 'ចាន់ សុភ័ក្ត្រ', phone: '097 123 4567', email: null },
      },
      { entity: 'staff', id: 's1', data: staffMember('s1', { name: 'សុខ ស្រីពៅ' }) },
      setting('orders.pricing', { rielPerUsd: 4_100, deliveryFeeCents: 0, freeDeliveryFromCents: null }),
      setting('shop.identity', shopIdentity),
      setting('invoice.vat', vat),
    ]),
  ]);
  let clock = Date.UTC(2026, 11, 7, 3, 15);
  const core = createPosCore({ dataDir, transport: feed.transport, now: () => (clock += 1_000) });
  // As pairing leaves them: the counter's id (its VAT invoice series) and the name admins gave it.
  writeState(core.db, 'deviceId', '01JF0000000000000000C0UNT1');
  writeState(core.db, 'deviceName', 'Counter 1');
  await core.pullNow();
  await cashierSignedIn(core, 's1');
  return { core, c: core.commands, feed };
}

/** A laptop (a serial, a line discount) and two mice, a sale discount, $500 cash and the rest in riel with change. */
export async function laptopSale(core: PosCore) {
  const c = core.commands;
  await c.addLine({ productId: 'lap' });
  await c.setSerials({ productId: 'lap', serials: ['SN-X515-88231'] });
  await c.setLineDiscount({ productId: 'lap', discountCents: 20_00 });
  await c.addLine({ productId: 'mouse', quantity: 2 });
  await c.chooseCustomer({ customerId: 'u1' });
  await c.pay({ method: 'cash', currency: 'USD', tendered: 500_00 });
  await c.pay({ method: 'cash', currency: 'KHR', tendered: 250_000 });
  return c.commitSale();
}

/** A one-mouse sale paid with a $20 note, the change given in riel. */
export async function mouseSale(core: PosCore) {
  await core.commands.addLine({ productId: 'mouse' });
  await core.commands.pay({ method: 'cash', currency: 'USD', tendered: 20_00, changeCurrency: 'KHR' });
  return core.commands.commitSale();
}
