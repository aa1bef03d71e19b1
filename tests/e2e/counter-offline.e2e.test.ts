import { formatUsd } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductHit } from '../../desktop/src/core/catalog/lookup';
import { scan, sizes, soon, startCounterRig, type CounterRig } from './counter-harness';
import type { ShopPage } from './harness';

/**
 * The shop server goes away in the middle of the day and comes back, seen on the counter's screen: Chromium through
 * the browser host, the real core, the real server. A sale is made online and synced; the server process is stopped
 * (its database kept, its port closed), the cashier sells again from the screen, and the status bar says offline
 * with one sale waiting; the server starts again on the same address and database, and without anyone pressing
 * anything the screen shows the counter online with nothing waiting, and the server has both sales.
 */
let rig: CounterRig;
beforeAll(async () => {
  rig = await startCounterRig('offline');
});
afterAll(async () => {
  await rig?.stop();
});

/** Scans the item, F12, Enter takes exactly what is due in cash, Enter completes: the receipt's number. */
async function sellFromTheScreen(page: ShopPage, barcode: string): Promise<string> {
  const scanField = page.getByRole('combobox');
  await expect.poll(() => scanField.evaluate((el) => el === document.activeElement), soon).toBe(true);
  await scan(page, barcode);
  await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(1);
  await page.keyboard.press('F12');
  await page.getByTestId('left-usd').waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('left-usd').textContent(), soon).toBe(formatUsd(0));
  await page.getByTestId('change-to-give').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('receipt-number').waitFor(soon);
  const receipt = (await page.getByTestId('receipt-number').textContent())!.replace('Receipt ', '');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(0);
  return receipt;
}

/** The orders the server holds for these receipts, read from its database. */
async function ordersOnServer(receipts: string[]) {
  return rig.shop.server.database.db
    .selectFrom('orders')
    .select(['receipt_number', 'total_cents', 'channel'])
    .where('receipt_number', 'in', receipts)
    .orderBy('receipt_number')
    .execute();
}

describe('the counter when the shop server stops and comes back', () => {
  it('says offline with one sale waiting while the server is down, then synced once it is back, and the server has both sales', async () => {
    const cashier = await rig.staffMember('Sreyleak');
    // Straight to the server's own address: stopping the server is what takes the counter offline here.
    await rig.pair('Front counter', { through: 'direct' });
    await rig.signInOnline(cashier);
    const [item] = ((await rig.runner.run('lookup', { query: 'NZXT H5' })) as ProductHit[]).filter(
      (hit) => hit.active && !hit.serialized && hit.barcode,
    );
    expect(item).toBeTruthy();

    const page = await rig.shop.page({ viewport: sizes[0] });
    await page.goto(rig.host.url);
    await expect.poll(() => page.getByTestId('cashier').textContent(), soon).toBe('Sreyleak');
    await expect.poll(() => page.getByTestId('connection').textContent(), soon).toBe('Online');

    // Online: the first sale goes to the server at once.
    const first = await sellFromTheScreen(page, item!.barcode!);
    await expect.poll(() => page.getByTestId('pending').textContent(), soon).toBe('0');
    await expect.poll(async () => (await ordersOnServer([first])).length, soon).toBe(1);

    // The server stops. The next sale is made all the same; the bar says offline, one sale waiting.
    await rig.shop.stopServer();
    const second = await sellFromTheScreen(page, item!.barcode!);
    await expect.poll(() => page.getByTestId('connection').textContent(), soon).toBe('Offline');
    await expect.poll(() => page.getByTestId('pending').textContent(), soon).toBe('1');
    await rig.shoot(page, 'offline-en');
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await expect.poll(() => page.getByTestId('connection').textContent(), soon).toBe('គ្មានអ៊ីនធឺណិត');
    await rig.shoot(page, 'offline-km');
    await page.getByRole('button', { name: 'English' }).click();

    // Back on the same address and the same database: the counter's own retries bring the sale over.
    await rig.shop.startServerAgain();
    await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 45_000 }).toBe('0');
    await expect.poll(() => page.getByTestId('connection').textContent(), soon).toBe('Online');
    await expect.poll(() => page.getByTestId('last-sync').textContent(), soon).toBe('just now');
    await rig.shoot(page, 'synced-en');

    const orders = await ordersOnServer([first, second]);
    expect(orders.map((order) => order.receipt_number)).toEqual([first, second].sort());
    expect(orders.every((order) => order.total_cents === item!.unitPriceCents)).toBe(true);
    expect(page.errors).toEqual([]);
  });
});
