import { randomBytes } from 'node:crypto';
import { depositFor, formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { payAndCheck } from '../../server/test/factory';
import { screenshots, startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';
import { laptop, type Shop } from './harness';

/**
 * A customer pre-orders an out-of-stock graphics card with a 25 % deposit, pays it with KHQR (the Bakong stand-in's
 * demo bank app), staff confirm it in the back office's pre-orders (the counter's window, through the browser host),
 * stock is received, and the customer is told: their order page says it arrived and asks for the rest (paid the same
 * way), and the mail reaches the shop's SMTP capture.
 */
let rig: BackOfficeRig;
let shop: Shop;
let clerk: Person;

beforeAll(async () => {
  rig = await startBackOfficeRig('pre-orders', [{ role: 'staff', name: 'Dara' }]);
  shop = rig.shop;
  clerk = rig.people[0]!;
});
afterAll(() => rig?.stop());

const PAYMENT_SEEN_MS = 20_000;

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

async function signIn(page: Page, email: string, password: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe('pre-orders', () => {
  it('a customer pre-orders an out-of-stock GPU with a 25 % deposit, pays it, and is told when it arrives', async () => {
    const admin = await shop.staffClient('admin');
    const staff = await shop.staffClient();
    const { items: categories } = await admin.listCategories({});
    const { items: brands } = await admin.listBrands({});
    const price = 89_900;
    const gpu = await admin.createProduct({
      body: {
        sku: `GPU-${randomBytes(3).toString('hex').toUpperCase()}`,
        name: 'GeForce RTX 5080 16GB',
        categoryId: categories.find((c) => c.slug === 'accessories')!.id,
        brandId: brands[0]!.id,
        priceCents: price,
        preOrder: { expectedOn: '2027-01-15', depositPercent: 25 },
      },
    });
    const email = `preorder-${randomBytes(4).toString('hex')}@example.com`;
    const password = 'a long and easy sentence';
    await createActiveUser(shop.server.database.db, {
      email,
      password,
      name: 'Sokha Chan',
      role: 'customer',
    });

    const page = await shop.page({ viewport: laptop });
    await signIn(page, email, password, `/products/${gpu.slug}`);
    const box = page.getByRole('region', { name: 'Out of stock – available to pre-order' });
    await visible(box.getByText('Expected: 15 January 2027'));
    await expect(page.getByRole('button', { name: 'Add to cart', exact: true }).count()).resolves.toBe(0);
    await box.getByRole('button', { name: 'Pre-order' }).click();
    const step = box.getByTestId('pre-order-step');
    await visible(step.getByText(formatUsd(22_475), { exact: true }));
    await visible(step.getByText(formatUsd(price - 22_475), { exact: true }));
    await shop.screenshot(page, 'preorders-product');

    await step.getByRole('button', { name: 'Confirm pre-order' }).click();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const pay = page.getByRole('region', { name: 'Pay with KHQR' });
    await visible(pay.getByText(formatUsd(22_475), { exact: true }));
    await visible(page.getByText('Pre-order: awaiting deposit', { exact: true }).first());
    await shop.screenshot(page, 'preorders-deposit');
    await pay.getByRole('button', { name: 'Simulate payment (demo)' }).click();
    await visible(page.getByText(/our staff will confirm it shortly/), PAYMENT_SEEN_MS);

    // Staff confirm it in the back office: the pre-orders of that product, in the order they are served.
    const office = await shop.page({ viewport: laptop });
    await rig.openBackOffice(office, clerk, { area: 'Pre-orders' });
    await office
      .getByRole('navigation', { name: 'Back office areas' })
      .getByRole('link', { name: 'Pre-orders' })
      .click();
    await office.getByLabel('Product').fill(gpu.sku);
    await office.keyboard.press('Enter');
    await visible(office.getByTestId('picked-product'));
    const row = office.getByTestId('list-row').filter({ hasText: 'Sokha Chan' });
    await visible(row.getByText('Pre-order: awaiting confirmation'));
    await visible(row.getByText(`${formatUsd(22_475)} / ${formatUsd(22_475)}`));
    await row.getByRole('button', { name: 'Confirm' }).click();
    await visible(row.getByText('Pre-order: waiting for stock'));
    await shop.screenshot(office, 'preorders-back-office');
    expect((await staff.getOrder({ params: { id: orderId } })).status).toBe('preorder_confirmed');
    await staff.recordStockMovement({ body: { productId: gpu.id, type: 'receive', quantity: 1 } });
    const mail = await shop.smtp.waitFor(
      (m) => m.to.includes(email) && m.subject.includes('has arrived'),
      15_000,
    );
    expect(mail.text).toContain(formatUsd(price - 22_475));

    await page.reload();
    await visible(page.getByRole('heading', { name: 'It has arrived!' }));
    await visible(page.getByText('Pre-order: arrived, pay the rest', { exact: true }).first());
    await shop.screenshot(page, 'preorders-arrived');
    await page.getByRole('button', { name: 'Pay the rest by KHQR' }).click();
    await visible(pay.getByText(formatUsd(price - 22_475), { exact: true }));
    await pay.getByRole('button', { name: 'Simulate payment (demo)' }).click();
    await visible(page.getByRole('heading', { name: 'Payment received. Thank you!' }), PAYMENT_SEEN_MS);
    await shop.screenshot(page, 'preorders-paid');
    expect(await staff.getProductStock({ params: { id: gpu.id } })).toMatchObject({ onHand: 0, reserved: 0 });
    expect(page.errors).toEqual([]);
  });

  it('staff take a pre-order at the counter with a KHQR deposit, shown paid when the payment job sees it', async () => {
    const admin = await shop.staffClient('admin');
    const { items: categories } = await admin.listCategories({});
    const { items: brands } = await admin.listBrands({});
    const price = 64_900;
    const ssd = await admin.createProduct({
      body: {
        sku: `SSD-${randomBytes(3).toString('hex').toUpperCase()}`,
        name: 'Samsung 9100 PRO 4TB',
        categoryId: categories.find((c) => c.slug === 'accessories')!.id,
        brandId: brands[0]!.id,
        priceCents: price,
        preOrder: { expectedOn: '2027-02-01', depositPercent: 50 },
      },
    });
    const { rielPerUsd } = await shop.server.client.getShopInfo({});

    const office = await shop.page({ viewport: laptop });
    await rig.openBackOffice(office, clerk, { area: 'Pre-orders', mayBeSignedIn: true });
    await office
      .getByRole('navigation', { name: 'Back office areas' })
      .getByRole('link', { name: 'Pre-orders' })
      .click();
    await office.getByRole('button', { name: 'New pre-order' }).click();
    const form = office.getByTestId('new-pre-order');
    await form.getByLabel('Product (name, SKU or barcode)').fill(ssd.sku);
    await office.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Pick' }).click();
    await form.getByLabel('Customer name').fill('Vannak Kim');
    await form.getByLabel('Phone').fill('012 888 777');
    const deposit = form.getByTestId('pre-order-deposit');
    await visible(
      deposit.getByText(
        `${formatUsd(32_450)} · ${formatKhr(depositFor(usdCentsToKhr(price, rielPerUsd), 'KHR', 50))}`,
      ),
    );
    await form.getByText('KHQR', { exact: true }).click();
    await screenshots(office, 'counter-preorders-form', (p) =>
      p.getByText('ទទួលការកម្មង់ទុកមុននៅតុគិតលុយ').waitFor(),
    );
    await form.getByRole('button', { name: 'Take pre-order' }).click();

    const taken = office.getByTestId('pre-order-taken');
    await visible(taken.getByTestId('khqr-card'));
    expect(await taken.getByTestId('khqr-amount').textContent()).toBe(formatUsd(32_450));
    await screenshots(office, 'counter-preorders-khqr', (p) =>
      p.getByText('កំពុងរង់ចាំការបង់ប្រាក់', { exact: false }).waitFor(),
    );
    await payAndCheck(shop.server, (await taken.locator('img[data-khqr]').getAttribute('data-khqr'))!);
    await visible(taken.getByTestId('pre-order-paid'), PAYMENT_SEEN_MS);
    await visible(taken.getByTestId('pre-order-ack').getByText('Vannak Kim'));
    await screenshots(office, 'counter-preorders-paid', (p) =>
      p.getByText('បានបង់ប្រាក់កក់', { exact: false }).first().waitFor(),
    );
    const row = office.getByTestId('list-row').filter({ hasText: 'Vannak Kim' });
    await visible(row.getByText('Pre-order: awaiting confirmation'));
    expect(office.errors).toEqual([]);
  });
});
