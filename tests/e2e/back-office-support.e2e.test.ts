import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHost } from '../../desktop/src/host/server';
import { aCustomer, aSavedAddress, placedOrder } from '../../server/test/factory';
import { type Shop, type ShopPage } from './harness';
import { startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * Customers and support in the back office, in Chromium through the browser host: a customer asks about their order
 * through the API; a staff member (not an admin) opens the back office at the counter, finds the inquiry in the
 * inbox, answers it (the answer is mailed to the customer and is in their thread through the API) and closes it;
 * then finds the customer by search and sees their order, address and the closed inquiry.
 */
let rig: BackOfficeRig;
let shop: Shop;
let host: RunningHost;
let clerk: Person;

beforeAll(async () => {
  rig = await startBackOfficeRig('back-office-support', [{ role: 'staff', name: 'Dara' }], {
    counter: 'Front desk',
  });
  ({ shop, host } = rig);
  [clerk] = rig.people as [Person];
});
afterAll(() => rig?.stop());

/** The clerk at the counter: signed in with their PIN, then into the back office with password and mailed code. */
const openBackOffice = (page: ShopPage) => rig.openBackOffice(page, clerk);

const shots = process.env.SCREENSHOTS_DIR;
async function screenshot(page: ShopPage, name: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(shots, `${name}-1366x768.png`) });
}

describe('customers and support in the back office', () => {
  it("staff answer a customer's inquiry (mailed, seen by the customer), close it, and find the customer", async () => {
    const name = `Sreyneang ${randomBytes(3).toString('hex')}`;
    const customer = await aCustomer(shop.server, { name, phone: '012 345 678' });
    await aSavedAddress(customer.api, { label: 'Home', recipient: name });
    const { items } = await shop.server.client.listProducts({ query: { q: 'mouse' } });
    const mouse = items.find((product) => product.availability === 'in_stock')!;
    const { order } = await placedOrder(shop.server, {
      customer,
      items: [{ productId: mouse.id, quantity: 1 }],
    });
    const subject = 'Is my mouse still under warranty?';
    const inquiry = await customer.api.openInquiry({
      body: { subject, message: 'The left button double-clicks.', orderId: order.id },
    });

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await openBackOffice(page);
    const areas = page.getByRole('navigation', { name: 'Back office areas' });
    // Staff, not admin: no people, settings or audit.
    expect(await areas.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    // The inbox opens on the open threads; the customer's is there, with the order it is about.
    await areas.getByRole('link', { name: 'Support' }).click();
    await page.getByRole('heading', { name: 'Support inbox' }).waitFor();
    const row = page.getByTestId('list-row').filter({ hasText: subject });
    await row.waitFor();
    expect(await row.textContent()).toContain(order.number);
    // Searched by the customer's name: the filter is in the address and keeps only their thread.
    await page.getByLabel('Search').fill(name.toUpperCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain(new URLSearchParams({ q: name.toUpperCase() }).toString());
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await screenshot(page, 'support-inbox-en');

    await row.click();
    await page.getByRole('heading', { name: subject }).waitFor();
    expect(page.url()).toContain(`/back-office/support/${inquiry.id}`);
    await expect.poll(() => page.getByTestId('inquiry-message').count()).toBe(1);

    // An empty answer is not sent.
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Write a reply first.').waitFor();

    const answer = 'Yes: twelve months from the sale.\nBring it in and we swap it on the spot.';
    await page.getByLabel('Your reply').fill(answer);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText(`Reply sent and mailed to ${customer.email}.`).waitFor();
    await expect.poll(() => page.getByTestId('inquiry-message').count()).toBe(2);
    await page.getByText('Waiting on customer', { exact: true }).waitFor();
    await screenshot(page, 'support-thread-en');

    // Mailed to the customer, and in their thread through the API, from the shop.
    const mail = await shop.smtp.waitFor(
      (m) => m.to === customer.email && m.text.includes('twelve months from the sale'),
      15_000,
    );
    expect(mail.text).toContain(answer);
    const seen = await customer.api.getMyInquiry({ params: { id: inquiry.id } });
    expect(seen.status).toBe('waiting_on_customer');
    expect(seen.messages.at(-1)).toMatchObject({ authorKind: 'staff', authorName: 'Dara', body: answer });

    // Closed in the back office: closed for the customer too; the inbox's open list no longer has it.
    await page.getByRole('button', { name: 'Close inquiry' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await expect
      .poll(async () => (await customer.api.getMyInquiry({ params: { id: inquiry.id } })).status)
      .toBe('closed');
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await page.getByRole('heading', { name: 'Support inbox' }).waitFor();
    await expect.poll(() => page.getByText(subject).count()).toBe(0);
    await page.getByRole('button', { name: 'Closed', exact: true }).click();
    await expect.poll(() => page.url()).toContain('status=closed');
    await page.getByTestId('list-row').filter({ hasText: subject }).waitFor();

    // The customer, found by part of their name; their page has the order, the address and the inquiry.
    await areas.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page.getByLabel('Search').fill(name.slice(-6));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    expect(await page.getByTestId('list-row').textContent()).toContain(customer.email);
    await screenshot(page, 'customers-list-en');
    await page.getByTestId('list-row').click();
    await page.getByRole('heading', { name }).waitFor();
    const inquiries = page.getByRole('table', { name: 'Inquiries' });
    expect(await inquiries.textContent()).toContain(subject);
    expect(await inquiries.textContent()).toContain('Closed');
    expect(await page.getByRole('table', { name: 'Orders' }).textContent()).toContain(order.number);
    await page.getByRole('list', { name: 'Addresses' }).getByText('Home', { exact: true }).waitFor();
    await screenshot(page, 'customers-detail-en');
    const customerUrl = page.url();

    // The customer's orders open in the orders list, filtered by them; their inquiry opens its thread.
    await page.getByRole('link', { name: /orders list|All \d+ orders/ }).click();
    await expect.poll(() => page.url()).toContain(`/back-office/orders?customerId=${customer.userId}`);
    await page.goto(customerUrl);
    await inquiries.getByText(subject).click();
    await page.getByRole('heading', { name: subject }).waitFor();

    // The same screens in Khmer.
    await page.getByRole('button', { name: 'ខ្មែរ', exact: true }).click();
    await page.getByRole('button', { name: 'បើកឡើងវិញ' }).waitFor();
    await screenshot(page, 'support-thread-km');
    // Reopened: open again for the shop, and for the customer.
    await page.getByRole('button', { name: 'បើកឡើងវិញ' }).click();
    await page.getByRole('button', { name: 'បិទសំណួរ' }).waitFor();
    expect((await customer.api.getMyInquiry({ params: { id: inquiry.id } })).status).toBe('open');
    await page.goto(`${host.url}/#/back-office/support?status=all`);
    await page.getByRole('heading', { name: 'ប្រអប់ជំនួយ' }).waitFor();
    await page.getByTestId('list-row').first().waitFor();
    await screenshot(page, 'support-inbox-km');
    await page.goto(`${host.url}/#/back-office/customers?${new URLSearchParams({ q: name }).toString()}`);
    await page.getByTestId('list-row').waitFor();
    await screenshot(page, 'customers-list-km');
    await page.goto(customerUrl);
    await page.getByRole('table', { name: 'សំណួរ' }).waitFor();
    await screenshot(page, 'customers-detail-km');

    // A customer or an inquiry that does not exist says so.
    await page.goto(`${host.url}/#/back-office/support/NO-SUCH-INQUIRY`);
    await page.getByText('There is no such inquiry').waitFor();
    await page.goto(`${host.url}/#/back-office/customers/NO-SUCH-CUSTOMER`);
    await page.getByText('There is no such customer').waitFor();
    expect(page.errors.filter((error) => !error.includes('404'))).toEqual([]);
  });
});
