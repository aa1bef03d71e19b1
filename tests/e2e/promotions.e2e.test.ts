import fs from 'node:fs';
import path from 'node:path';
import { formatUsd, shopDayOf, type ProductSummary } from '@shop/shared';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackOfficeRig, type BackOfficeRig } from './back-office-harness';
import { laptop, type ShopPage } from './harness';

/**
 * Promotions through the real screens: an admin creates a coupon in the back office (the counter's window), a
 * customer sees a product's promotion struck through, applies that coupon at checkout and pays with KHQR (the
 * Bakong stand-in plays the bank app), and the order charges what the checkout said.
 */
let rig: BackOfficeRig;

beforeAll(async () => {
  rig = await startBackOfficeRig('promotions-e2e', [{ role: 'admin', name: 'Sophea' }]);
});
afterAll(() => rig?.stop());

const shotsDir = process.env.PROMO_SHOTS_DIR ?? '/work/shots';
async function shot(page: Page, name: string): Promise<void> {
  if (!fs.existsSync(shotsDir)) return;
  await page.screenshot({ path: path.join(shotsDir, `promo-ui-${name}.png`), fullPage: true });
}

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

describe('promotions', () => {
  const code = 'SAVE10';

  it('an admin creates a coupon in the back office: it is listed, active, with its uses', async () => {
    const page = await rig.shop.page({ viewport: laptop });
    await rig.openBackOffice(page, rig.people[0]!, { area: 'Promotions' });
    const areas = page.getByRole('navigation', { name: 'Back office areas' });
    await areas.getByRole('link', { name: 'Promotions' }).click();
    await page.getByRole('tab', { name: 'Coupons' }).click();
    await page.getByRole('button', { name: 'New coupon' }).click();
    const form = page.getByRole('dialog', { name: 'New coupon' });
    await form.getByLabel('Code').fill(code.toLowerCase());
    await form.getByLabel('Name', { exact: true }).fill('Ten percent off');
    await form.getByLabel('Percent off').fill('10');
    await form.getByLabel('Uses in all').fill('100');
    await shot(page, 'back-office-coupon-form');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(code) });
    await visible(row);
    expect(await row.innerText()).toMatch(/Active/);
    expect(await row.innerText()).toMatch(/0 of 100/);
    await shot(page, 'back-office-coupons');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a customer sees the sale price struck through, applies the coupon at checkout and pays', async () => {
    const admin = await rig.shop.staffClient('admin');
    const { items } = await rig.shop.server.client.listProducts({ query: { inStock: true, pageSize: 40 } });
    const product = items.find(
      (p) => p.availability === 'in_stock' && p.compareAtCents === null,
    ) as ProductSummary;
    const salePriceCents = Math.floor(product.priceCents * 0.8);
    await admin.createPromotion({
      body: {
        kind: 'sale_price',
        name: 'Weekend deal',
        productId: product.id,
        salePriceCents,
        startsOn: shopDayOf(Date.now()),
        endsOn: null,
      },
    });

    const page = (await rig.shop.page({ viewport: laptop })) as ShopPage;
    await page.goto(`/products/${product.slug}`);
    await visible(page.getByRole('heading', { level: 1, name: product.name }));
    const offer = page.locator('main');
    await visible(offer.getByText('Weekend deal').first());
    expect(await offer.locator('s').first().innerText()).toContain(formatUsd(product.priceCents));
    await visible(offer.getByText(formatUsd(salePriceCents)).first());
    await shot(page, 'product-page');

    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    const cartLink = page.getByRole('banner').getByRole('link', { name: /^Cart, / });
    await expect.poll(() => cartLink.getAttribute('aria-label')).toBe('Cart, 1 item');
    await page.goto('/checkout');
    await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
    const email = `promo-${Date.now()}@example.test`;
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Full name').fill('Dara Promo');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long and easy sentence');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('6-digit code').fill(await rig.shop.mailCode(email));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await visible(page.getByText('Signed in as Dara Promo'));
    await page.getByRole('radio', { name: /Pick up at the shop/ }).check();

    const summary = page.getByRole('region', { name: 'Your order' });
    // A code that does not exist is refused in words.
    await summary.getByLabel('Coupon code').fill('NOPE-123');
    await summary.getByRole('button', { name: 'Apply' }).click();
    await visible(summary.getByText('We do not know this coupon code.'));
    await summary.getByRole('button', { name: 'Remove coupon NOPE-123' }).click();
    await summary.getByLabel('Coupon code').fill(code.toLowerCase());
    await summary.getByRole('button', { name: 'Apply' }).click();
    await visible(summary.getByText(`Coupon ${code} applied`));
    const couponCents = Math.floor((salePriceCents * 10 + 50) / 100);
    const totalCents = salePriceCents - couponCents;
    await visible(summary.getByText('Ten percent off'));
    await visible(summary.getByText(formatUsd(-couponCents)));
    await visible(summary.getByText(formatUsd(totalCents)).first());
    await shot(page, 'checkout-coupon');

    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const pay = page.getByRole('region', { name: 'Pay with KHQR' });
    await visible(pay.getByText(formatUsd(totalCents), { exact: true }));
    await pay.getByRole('button', { name: 'Simulate payment (demo)' }).click();
    await visible(page.getByRole('heading', { name: 'Payment received. Thank you!' }), 20_000);
    await shot(page, 'order-paid');

    const order = await admin.getOrder({ params: { id: orderId } });
    expect(order).toMatchObject({ status: 'paid', totalCents, couponCode: code });
    expect(order.discounts?.map((d) => d.name)).toEqual(['Weekend deal', 'Ten percent off']);
    expect(page.errors).toEqual([]);
  });
});
