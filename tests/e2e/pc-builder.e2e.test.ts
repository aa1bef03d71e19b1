import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView } from '../../desktop/src/core/commands';
import { sizes, soon, startCounterRig, type CounterRig } from './counter-harness';
import { phone, type Shop } from './harness';

/**
 * The PC builder on a phone (issue 18): a customer picks the parts step by step, is stopped from a DDR4 kit on a
 * DDR5 board with the reason shown, takes a DDR5 kit, saves and shares the build, adds the whole build to the cart
 * in one step and orders it, paying with KHQR (the Bakong stand-in plays the bank app). Then a walk-in customer
 * shows the same link at the counter, which adds every part to the sale in one step.
 */
let rig: CounterRig;
let shop: Shop;
/** The link the customer saved, shown at the counter afterwards. */
let savedLink = '';

beforeAll(async () => {
  rig = await startCounterRig('pc-builder');
  shop = rig.shop;
});
afterAll(() => rig?.stop());

const SHOTS = '/work/shots';

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** The phone's screen as the customer sees it, into /work/shots for review (and the harness's folder). */
async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/pc-builder-${name}.png`, fullPage });
}

const step = (page: Page, slot: string) => page.locator(`[data-step="${slot}"]`);

/** Chooses a part in the open step by its name (the button says "Choose: <name>" or "Add: <name>"). */
async function choose(page: Page, slot: string, name: string, verb = 'Choose'): Promise<void> {
  const button = step(page, slot).getByRole('button', { name: `${verb}: ${name}`, exact: true });
  await visible(button);
  await button.click();
  await expect.poll(() => step(page, slot).locator('[data-chosen]').innerText()).toContain(name);
}

describe('the PC builder on a phone', () => {
  it('builds a PC, is stopped from DDR4 on a DDR5 board with the reason, and orders the build', async () => {
    const page = await shop.page({ viewport: phone });
    await page.goto('/');
    // The builder is in the phone's menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Build a PC' }).click();
    await page.waitForURL(/\/builder$/);
    await visible(page.getByRole('heading', { level: 1, name: 'Build your PC' }));

    await choose(page, 'cpu', 'AMD Ryzen 7 7800X3D Processor');
    // The next step opens by itself and lists only AM5 boards.
    await choose(page, 'motherboard', 'MSI B650 GAMING PLUS WIFI');

    const memory = step(page, 'memory');
    await visible(memory.getByText(/fit your build$/));
    // A DDR4 kit is not offered: it is among what does not fit, with the reason, and cannot be chosen.
    expect(await memory.locator('[data-part="RAM-KIN-FB-16K-D4"]').count()).toBe(0);
    await memory.getByRole('button', { name: /^Show \d+ that do not fit$/ }).click();
    const ddr4 = memory.locator('[data-misfits] [data-part="RAM-KIN-FB-16K-D4"]');
    await visible(ddr4);
    expect(await ddr4.locator('[data-reason="memoryType"]').innerText()).toBe(
      'DDR4 memory does not fit a DDR5 motherboard',
    );
    expect(await ddr4.getByRole('button').count()).toBe(0);
    await ddr4.scrollIntoViewIfNeeded();
    await snap(page, 'ddr4-refused');
    await choose(page, 'memory', 'G.Skill Trident Z5 RGB 32GB (2x16GB) DDR5 6000MT/s');

    await choose(page, 'storage', 'WD_BLACK SN850X 1TB PCIe 4.0 NVMe M.2 SSD', 'Add');
    await step(page, 'gpu')
      .getByRole('button', { name: /Graphics card/ })
      .click();
    await choose(page, 'gpu', 'ASUS Dual GeForce RTX 4060 OC 8GB');
    await choose(page, 'psu', 'Corsair RM750e 750W 80+ Gold ATX 3.1');
    await choose(page, 'case', 'Corsair 4000D AIRFLOW Black');
    await choose(page, 'cooler', 'Arctic Freezer 36 CPU Air Cooler');

    // The running total in dollars and riel, and the power: 75 W + 120 W (7800X3D) + 115 W (RTX 4060).
    await visible(page.getByText('Total · 8 parts').first());
    await expect
      .poll(() => page.locator('[data-watts]').first().innerText())
      .toContain('Estimated power 310 W');
    expect(await page.locator('[data-total]').first().innerText()).toMatch(/\$[\d,]+\.\d\d[\s\S]*៛/);
    await snap(page, 'built');

    // Saved and shared: the link opens the same build in another browser, read-only for them.
    await page.getByRole('button', { name: 'Save & share' }).click();
    await page.waitForURL(/\/builder\/[A-Za-z0-9_-]{22}$/);
    const link = await page.locator('[data-share-link]').inputValue();
    expect(link).toBe(page.url());
    savedLink = link;
    await snap(page, 'saved', true);
    // Printed, the page is a quote: the parts, their prices and the total, nothing of the page around them.
    await page.emulateMedia({ media: 'print' });
    await visible(page.getByRole('heading', { name: 'Quote: PC build' }));
    expect(await page.getByRole('heading', { name: 'Build your PC' }).isVisible()).toBe(false);
    await snap(page, 'quote', true);
    await page.emulateMedia({ media: 'screen' });

    // A friend on a Khmer phone opens the link: the same build, in Khmer, theirs to copy.
    const friend = await shop.page({ viewport: phone, locale: 'km-KH' });
    await friend.goto(new URL(link).pathname);
    await visible(friend.getByText('ការដំឡើងដែលគេចែករំលែក', { exact: false }));
    await visible(friend.getByText('សរុប · 8 គ្រឿង').first());
    // The link is the saver's to share: a visitor is not told "saved".
    expect(await friend.locator('[data-share-link]').count()).toBe(0);
    await snap(friend, 'shared-km', true);
    expect(friend.errors).toEqual([]);

    // The whole build into the cart in one step.
    await page.getByRole('button', { name: 'Add build to cart' }).click();
    await page.waitForURL(/\/cart$/);
    const cartLink = page.getByRole('banner').getByRole('link', { name: /^Cart, / });
    await expect.poll(() => cartLink.getAttribute('aria-label')).toBe('Cart, 8 items');
    await snap(page, 'cart', true);

    // Ordered and paid as any cart: sign up at checkout, pick up at the shop, pay with KHQR.
    await page.getByRole('link', { name: 'Checkout' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
    const email = `builder-${Date.now()}@example.test`;
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Full name').fill('Dara Builder');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long and easy sentence');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('6-digit code').fill(await shop.mailCode(email));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await visible(page.getByText('Signed in as Dara Builder'));
    await page.getByRole('radio', { name: /Pick up at the shop/ }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const pay = page.getByRole('region', { name: 'Pay with KHQR' });
    await pay.getByRole('button', { name: 'Simulate payment (demo)' }).click();
    await visible(page.getByRole('heading', { name: 'Payment received. Thank you!' }), 20_000);
    await snap(page, 'paid');

    const staff = await shop.staffClient();
    const order = await staff.getOrder({ params: { id: orderId } });
    expect(order.status).toBe('paid');
    expect(order.items).toHaveLength(8);
    expect(page.errors).toEqual([]);
  });

  it('the counter adds every part of a saved build to the sale from its link', async () => {
    expect(savedLink).not.toBe('');
    const cashier = await rig.staffMember('Sokha', 'staff', '4711');
    await rig.pair('Builder till', { through: 'direct' });
    await rig.signInOnline(cashier);
    const page = await shop.page({ viewport: sizes[0]! });
    await page.goto(rig.host.url);
    await page.getByRole('combobox').waitFor();
    await page.getByRole('button', { name: 'PC build' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Build link or id').fill(savedLink);
    await dialog.getByRole('button', { name: 'Add all parts' }).click();
    await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(8);
    await visible(page.getByText('Every part of the build is in the sale.'));
    const sale = (await rig.runner.run('sale', null)) as SaleView;
    expect(sale.cart.lines.map((l) => l.sku)).toContain('RAM-GSK-TZ5-32K-D5');
    await snap(page, 'counter');
    expect(page.errors).toEqual([]);
  });
});
