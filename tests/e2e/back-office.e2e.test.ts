import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import { type RunningHost } from '../../desktop/src/host/server';
import { placedOrder } from '../../server/test/factory';
import { type Shop } from './harness';
import { PIN, startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * The back office in the counter's window, in Chromium through the browser host: the admin signed in at the
 * counter opens it with their password and the mailed code, sees every order (web and counter) in one list,
 * filters it, and the filters live in the address; closing it ends the server session.
 */
let rig: BackOfficeRig;
let shop: Shop;
let host: RunningHost;
let runner: CommandRunner;
let owner: Person;

beforeAll(async () => {
  rig = await startBackOfficeRig('back-office', [{ role: 'admin', name: 'Chanthou' }]);
  ({ shop, host, runner } = rig);
  [owner] = rig.people as [Person];
});
afterAll(() => rig?.stop());

const liveSessions = async (userId: string) =>
  (
    await shop.server.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('expires_at', '>', Date.now())
      .execute()
  ).length;

describe('the back office', () => {
  it('opens with password and mailed code, lists web and counter orders with filters kept in the address', async () => {
    const { items } = await shop.server.client.listProducts({ query: { q: 'mouse' } });
    const mouse = items.find((product) => product.availability === 'in_stock')!;
    const { order: webOrder } = await placedOrder(shop.server, {
      items: [{ productId: mouse.id, quantity: 1 }],
    });

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: /Chanthou/ }).click();
    await page.getByLabel('PIN').fill(PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cashier').textContent()).toBe('Chanthou');

    // A counter sale, pushed: the list holds both channels.
    await runner.run('addLine', { productId: mouse.id });
    const due = ((await runner.run('sale', null)) as { totals: { dueCents: number } }).totals.dueCents;
    await runner.run('pay', { method: 'cash', currency: 'USD', tendered: due });
    const sale = (await runner.run('commitSale', null)) as { receiptNumber: string };
    await runner.run('syncNow', null);

    await page.getByRole('button', { name: 'Back office' }).click();
    await page.getByRole('heading', { name: 'Open the back office' }).waitFor();
    const sessionsBefore = await liveSessions(owner.id);
    await page.getByLabel('Password').fill('not my password at all');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/./);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByLabel('Code from your email').fill(await shop.mailCode(owner.email));
    await page.getByRole('button', { name: 'Confirm' }).click();

    // An admin sees every area; the orders list comes first.
    const areas = page.getByRole('navigation', { name: 'Back office areas' });
    await areas.getByRole('link', { name: 'Audit log' }).waitFor();
    expect(await areas.getByRole('link').count()).toBe(14);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThanOrEqual(2);
    expect(await liveSessions(owner.id)).toBe(sessionsBefore + 1);

    // Counter sales only: the filter is in the address, and the web order is gone from the list.
    await page.getByLabel('Channel').selectOption('pos');
    await expect.poll(() => page.url()).toContain('channel=pos');
    await expect.poll(() => page.getByText(webOrder.number).count()).toBe(0);
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Counter');
    // Searched by the receipt's number: that one sale.
    await page.getByLabel('Search').fill(sale.receiptNumber);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain(`q=${sale.receiptNumber}`);
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByText(webOrder.number).count()).toBe(1);

    // A shared link opens the same list, filtered.
    await page.goto(`${host.url}/#/back-office/orders?channel=web`);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await expect.poll(() => page.getByText(webOrder.number).count()).toBe(1);
    expect(await page.getByLabel('Channel').inputValue()).toBe('web');
    // Screenshots to look at, when asked for (not committed): SCREENSHOTS_DIR=/some/folder.
    const shots = process.env.SCREENSHOTS_DIR;
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'back-office-orders-en-1366x768.png') });
    }

    await page.getByRole('button', { name: 'Close back office' }).click();
    await page.getByRole('heading', { name: 'Open the back office' }).waitFor();
    await expect.poll(() => liveSessions(owner.id)).toBe(sessionsBefore);
    expect(page.errors.filter((error) => !error.includes('401'))).toEqual([]);
  });
});
