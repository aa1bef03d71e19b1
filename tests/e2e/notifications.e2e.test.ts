import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, type SignedInUser } from '../../server/test/support';
import { startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';
import type { Shop, ShopPage } from './harness';

/**
 * Notifications in the browser: a staff member with the back office open at the counter (the real core behind the
 * browser host) and another with the web shop open see their bells light up, live, when a customer's order is paid
 * (the stand-in plays the bank app, the payment job notices it); the customer sees their order's step in their own
 * bell and follows it to the order. Screenshots in /work/shots/notifications-*.png.
 */
let rig: BackOfficeRig;
let shop: Shop;
let keeper: Person;

beforeAll(async () => {
  rig = await startBackOfficeRig('notifications', [{ role: 'staff', name: 'Dara' }]);
  shop = rig.shop;
  [keeper] = rig.people as [Person];
});
afterAll(() => rig?.stop());

const SHOTS = '/work/shots';

/** A tab already signed in as `user` (their session cookie, as signing in would leave it). */
async function signedInPage(user: SignedInUser, locale = 'en-US'): Promise<ShopPage> {
  const page = await shop.page({ locale });
  await page.context().addCookies([{ name: 'session', value: user.token, url: shop.url }]);
  await page.goto('/');
  return page;
}

const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Notifications/ });

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/notifications-${name}.png` });
}

describe('the bell', () => {
  it('lights up for staff when an order is paid, and tells the customer their order’s step', async () => {
    const db = shop.server.database.db;
    const staff = await signedInAs(db, 'staff');
    const customer = await signedInAs(db, 'customer');
    const staffPage = await signedInPage(staff);
    const customerPage = await signedInPage(customer);
    const counter = (await shop.page({ viewport: { width: 1366, height: 768 } })) as ShopPage;
    await rig.openBackOffice(counter, keeper);
    const counterBell = counter.getByTestId('notification-bell');
    await expect.poll(() => counterBell.getAttribute('data-live'), { timeout: 15_000 }).toBe('yes');
    // Live: the stream is open before anything happens.
    await expect.poll(() => bell(staffPage).getAttribute('data-live'), { timeout: 15_000 }).toBe('yes');
    await expect.poll(() => bell(customerPage).getAttribute('data-live'), { timeout: 15_000 }).toBe('yes');
    await expect.poll(() => bell(staffPage).getAttribute('aria-label')).toBe('Notifications');

    const { items } = await shop.server.client.listProducts({ query: { pageSize: 20 } });
    const product = items.find((p) => p.availability === 'in_stock')!;
    const api = customer.client(shop.url);
    const order = await api.placeOrder({
      body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });
    const { khqr } = await api.getOrderPayment({ params: { id: order.id } });
    const paid = await fetch(`${shop.url}/bakong-standin/dev/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: khqr }),
    });
    expect(paid.status).toBe(200);

    // The payment job notices within half a second; the bell within its stream's tick after that.
    await expect
      .poll(() => bell(staffPage).getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/^Notifications, \d+ unread$/);
    await bell(staffPage).click();
    const news = staffPage.getByRole('menuitem', { name: new RegExp(`New web order ${order.number}`) });
    await news.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await news.textContent()).toContain('prepare it for pickup');
    await shot(staffPage, 'staff-web');

    // At the counter: the status bar's bell, and its link opens the order in the back office.
    await expect
      .poll(() => counterBell.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/^Notifications, \d+ unread$/);
    await counterBell.click();
    const atCounter = counter.getByRole('dialog', { name: 'Notifications' }).getByRole('button', {
      name: new RegExp(`New web order ${order.number}`),
    });
    await atCounter.waitFor({ state: 'visible', timeout: 5_000 });
    await shot(counter, 'staff-counter');
    await atCounter.click();
    await counter.waitForURL(`**/#/back-office/orders/${order.id}`);
    await expect.poll(() => counterBell.getAttribute('aria-label')).toBe('Notifications');

    await expect
      .poll(() => bell(customerPage).getAttribute('aria-label'), { timeout: 10_000 })
      .toBe('Notifications, 1 unread');
    await bell(customerPage).click();
    const step = customerPage.getByRole('menuitem', { name: new RegExp(`Order ${order.number}`) });
    await step.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await step.textContent()).toContain('Your order is paid');
    await shot(customerPage, 'customer-web');
    // Following it opens the order and marks it read.
    await step.click();
    await customerPage.waitForURL(`**/orders/${order.id}`);
    await expect.poll(() => bell(customerPage).getAttribute('aria-label')).toBe('Notifications');

    // The account page lists it, with the mail choices.
    await customerPage.goto('/account/notifications');
    await customerPage.getByRole('heading', { name: 'Also by email' }).waitFor();
    await shot(customerPage, 'customer-account');

    // In Khmer (the account's language wins over the browser's), the same notification in the reader's language.
    await api.updateMe({ body: { locale: 'km' } });
    const khmer = await signedInPage(customer, 'km-KH');
    await bell(khmer)
      .or(khmer.getByRole('banner').getByRole('button', { name: /^ការជូនដំណឹង/ }))
      .first()
      .click();
    await khmer.getByText('បានបង់ប្រាក់រួច', { exact: false }).first().waitFor();
    await shot(khmer, 'customer-km');

    for (const page of [staffPage, customerPage, khmer, counter]) expect(page.errors).toEqual([]);
  });
});
