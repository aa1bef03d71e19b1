import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient } from '@shop/shared';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { aProductWithStock, payAndCheck, placedOrder } from '../../server/test/factory';
import { phonePhoto } from '../../server/test/pictures';
import { phone, type Shop, type ShopPage } from './harness';
import { startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * Issue 18: a staff member opens a warranty claim for a sold serial in the back office at the counter (scanned
 * serial, the slip with its barcode), the customer sees it in their account, the unit is replaced, and the
 * customer's warranty lookup of the new serial shows the warranty continuing from the original sale.
 */
let rig: BackOfficeRig;
let shop: Shop;
let clerk: Person;

beforeAll(async () => {
  rig = await startBackOfficeRig('warranty-claims', [{ role: 'staff', name: 'Dara' }], {
    counter: 'Repairs desk',
  });
  shop = rig.shop;
  [clerk] = rig.people as [Person];
});
afterAll(() => rig?.stop());

async function shot(page: ShopPage, name: string) {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(dir, `rma-${name}.png`), fullPage: true });
}

describe('warranty claims', () => {
  it('staff open a claim for a sold serial, the customer follows it, the unit is replaced and its warranty continues', async () => {
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const sold = `GPU-${tag}-1`;
    const spare = `GPU-${tag}-2`;
    const [admin, staff] = [await shop.staffClient('admin'), await shop.staffClient('staff')];
    const card = await aProductWithStock(
      { admin, staff },
      { stock: 2, priceCents: 45_000, name: 'Graphics card', serials: [sold, spare], warrantyMonths: 24 },
    );
    const email = `buyer-${tag.toLowerCase()}@example.test`;
    const password = `pw ${tag} long enough`;
    const db = shop.server.database.db;
    const { id: userId } = await createActiveUser(db, {
      email,
      password,
      name: 'Sokha Chan',
      role: 'customer',
    });
    const { token } = await startSession(db, userId);
    const api = createShopClient({
      baseUrl: shop.url,
      headers: () => ({ authorization: `Bearer ${token}` }),
    });
    const { order } = await placedOrder(shop.server, {
      items: [{ productId: card.id, quantity: 1 }],
      customer: { api },
    });
    await payAndCheck(shop.server, (await api.getOrderPayment({ params: { id: order.id } })).khqr);
    for (const to of ['processing', 'ready_for_pickup'] as const)
      await staff.transitionOrder({ params: { id: order.id }, body: { to } });
    await staff.transitionOrder({
      params: { id: order.id },
      body: { to: 'picked_up', serials: { [order.items[0]!.id]: [sold] } },
    });
    const original = await api.lookupWarranty({ query: { serial: sold } });

    // The counter: the serial scanned in the Repairs area shows the sale; a claim is opened for it.
    const desk = await shop.page({ viewport: { width: 1366, height: 768 } });
    await rig.openBackOffice(desk, clerk, { area: 'Repairs' });
    await desk
      .getByRole('navigation', { name: 'Back office areas' })
      .getByRole('link', { name: 'Repairs' })
      .click();
    await desk.getByRole('heading', { name: 'Repairs and warranty claims' }).waitFor();
    await desk.getByLabel('Scan or type a serial number').fill(sold);
    await desk.keyboard.press('Enter');
    await desk.getByText(`Sold with ${order.number} to Sokha Chan`).waitFor();
    await desk.getByRole('link', { name: 'Open a claim for this unit' }).click();
    await desk.getByLabel('Fault described by the customer').fill('Black screen after ten minutes of gaming');
    await desk.getByLabel(/Accessories received/).fill('Box, power adapter');
    await desk.getByRole('button', { name: 'Open claim' }).click();
    const number = desk.getByRole('heading', { name: /RMA-\d{6}/ });
    await number.waitFor();
    const claimNumber = (await number.textContent())!.match(/RMA-\d{6}/)![0];
    await desk
      .locator('input[type=file]')
      .setInputFiles({ name: 'unit.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
    await desk.getByRole('img', { name: 'Photos of the unit' }).waitFor();
    await shot(desk, 'backoffice-claim');

    // The slip: the claim number as a barcode, printable.
    await desk.getByRole('button', { name: 'Print slip' }).click();
    const slip = desk.frameLocator(`iframe[title="Claim slip ${claimNumber}"]`);
    await slip.getByText('Black screen after ten minutes of gaming').waitFor();
    expect(await slip.locator('svg path').count()).toBe(1);
    await shot(desk, 'slip');
    await desk.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();

    // The customer sees it in their account (a phone).
    const customer = await shop.page({ viewport: phone });
    await customer.goto('/login?next=%2Faccount%2Fclaims');
    await customer.getByLabel('Email').fill(email);
    await customer.getByLabel('Password', { exact: true }).fill(password);
    await customer.getByRole('button', { name: 'Sign in' }).click();
    await customer.getByRole('heading', { name: 'My repairs and warranty claims' }).waitFor();
    await customer.getByRole('link', { name: new RegExp(claimNumber) }).click();
    await customer.getByRole('heading', { name: `Claim ${claimNumber}` }).waitFor();
    await customer.getByText('Received', { exact: true }).first().waitFor();
    await expect
      .poll(() =>
        customer
          .getByRole('img', { name: 'Photos taken when we received it' })
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);

    // Replaced at the counter with a unit from stock.
    const moves = desk.getByRole('group', { name: 'Move to' });
    await moves.getByRole('button', { name: 'Diagnosing' }).click();
    await desk.getByRole('button', { name: 'Move: Diagnosing' }).click();
    await desk.getByRole('heading', { name: new RegExp(`${claimNumber}\\s*Diagnosing`) }).waitFor();
    await moves.getByRole('button', { name: 'Replaced' }).click();
    await desk.getByLabel('Serial of the new unit (from stock)').fill(spare);
    await desk.getByRole('button', { name: 'Move: Replaced' }).click();
    await desk.getByText(`Replaced by ${spare}`).waitFor();
    await shot(desk, 'backoffice-replaced');

    // The customer's page follows; the new serial's warranty continues from the original sale.
    await customer.reload();
    await customer.getByTestId('replacement').getByText(spare).waitFor();
    await shot(customer, 'account-claim');
    await customer.goto(`/warranty?serial=${encodeURIComponent(spare)}`);
    const result = customer.getByTestId('warranty-result');
    await result.getByText('In warranty').waitFor();
    await result.getByRole('link', { name: order.number }).waitFor();
    await result.getByText(`This unit replaced serial ${sold}; the original warranty continues.`).waitFor();
    const lookup = await api.lookupWarranty({ query: { serial: spare } });
    expect(lookup).toMatchObject({
      state: 'in_warranty',
      soldAt: original.soldAt,
      warrantyUntil: original.warrantyUntil,
      replaces: sold,
    });
    await shot(customer, 'warranty-lookup');

    // A stranger's lookup shows the warranty, never the order.
    const stranger = await shop.page({ viewport: phone, locale: 'km-KH' });
    await stranger.goto(`/warranty?serial=${encodeURIComponent(spare)}`);
    await stranger.getByTestId('warranty-result').getByText('នៅក្នុងការធានា').waitFor();
    expect(await stranger.getByText(order.number).count()).toBe(0);
    await shot(stranger, 'warranty-lookup-km');

    for (const page of [desk, customer, stranger]) expect(page.errors).toEqual([]);
  });
});
