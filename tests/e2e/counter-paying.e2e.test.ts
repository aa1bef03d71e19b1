import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatKhr, formatUsd } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import type { ProductHit } from '../../desktop/src/core/catalog/lookup';
import type { SaleView } from '../../desktop/src/core/commands';
import type { RunningHost } from '../../desktop/src/host/server';
import { changeFor } from '../../desktop/src/renderer/pay/cash';
import { payAndCheck } from '../../server/test/factory';
import { scan, sizes, startCounterRig, type CounterRig } from './counter-harness';
import type { ShopPage } from './harness';

/**
 * Paying at the counter in Chromium through the browser host, with the real core and the real shop server: cash in
 * riel with a note button and the change in riel and dollars, the sale completed and its receipt previewed and saved
 * as a PDF (Khmer looked at as a picture); a KHQR sale that turns paid on screen (and on the customer's screen)
 * through the Bakong stand-in; a reprint with a VAT invoice from the recent sales; the paying screen in Khmer.
 */
let rig: CounterRig;
let shop: CounterRig['shop'];
let host: RunningHost;
let runner: CommandRunner;
/** Between the counter and the server: cut to take the counter offline. */
let line: CounterRig['line'];
/** Not committed: the screenshots and the receipt PDF of this run, to look at (or SCREENSHOTS_DIR/paying). */
let shots: string;

beforeAll(async () => {
  rig = await startCounterRig('paying');
  ({ shop, host, runner, line, shots } = rig);
});
afterAll(async () => {
  await rig?.stop();
});

/** A paired counter with the catalog pulled and a cashier signed in online (password, then the mailed code). */
async function aCounterWithCashier() {
  const cashier = await rig.staffMember('Sreyleak');
  const admin = await shop.staffClient('admin');
  // A VAT-registered shop, so a buyer may ask for a VAT invoice (counters take it with their first pull).
  await admin.changeSetting({
    params: { key: 'invoice.vat' },
    body: { value: { registered: true, ratePercent: 10, tin: 'K001-901234567' } },
  });
  // The shop's Bakong account, which the counter's static KHQR (offline) is made of.
  await admin.changeSetting({
    params: { key: 'payments.merchant' },
    body: {
      value: {
        kind: 'individual',
        accountId: 'computershop@aclb',
        name: 'Computer Shop',
        city: 'Phnom Penh',
      },
    },
  });
  await rig.pair('Front counter', { through: 'line' });
  await rig.signInOnline(cashier);
  return { id: cashier.id };
}

const shoot = (page: ShopPage, name: string, viewport = sizes[0]!) => rig.shoot(page, name, [viewport]);

describe('paying at the counter', () => {
  it('takes riel cash with change in riel and dollars, prints a Khmer receipt PDF, turns a KHQR paid by itself, reprints with a VAT invoice', async () => {
    const cashier = await aCounterWithCashier();
    const cases = (await runner.run('lookup', { query: 'NZXT H5' })) as ProductHit[];
    const [first, second] = cases.filter((hit) => hit.active && !hit.serialized && hit.barcode);
    expect(first && second).toBeTruthy();

    const page = await shop.page({ viewport: sizes[0] });
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('cashier').textContent()).toBe('Sreyleak');
    const scanField = page.getByRole('combobox', { name: 'Scan or search (name, SKU, barcode)' });
    await expect.poll(() => scanField.evaluate((el) => el === document.activeElement)).toBe(true);
    await scan(page, first!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    await scan(page, second!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(2);

    // F12: paying. The customer hands over 100,000-riel notes until they cover the sale.
    await page.keyboard.press('F12');
    await page.getByRole('heading', { name: 'Payment', exact: true }).waitFor();
    const sale = (await runner.run('sale', null)) as SaleView;
    const dueCents = sale.totals.dueCents;
    expect(dueCents).toBe(first!.unitPriceCents + second!.unitPriceCents);
    const notes = Math.ceil(sale.dueKhr / 100_000);
    for (let i = 0; i < notes; i++) await page.getByRole('button', { name: '100,000៛', exact: true }).click();
    const tendered = notes * 100_000;
    const expected = changeFor(tendered, 'KHR', dueCents, sale.rielPerUsd)!;
    expect(expected.khr).toBe(tendered - sale.dueKhr);
    await expect.poll(() => page.getByTestId('change-khr').textContent()).toBe(formatKhr(expected.khr));
    expect(await page.getByTestId('change-usd').textContent()).toBe(formatUsd(expected.usdCents));
    expect(await page.getByTestId('left-khr').textContent()).toBe(formatKhr(sale.dueKhr));
    for (const size of sizes) await shoot(page, 'pay-cash-en', size);

    // Enter takes the cash; nothing is left, the change is given in riel as chosen.
    await page.getByLabel('Cash received (៛)').press('Enter');
    await expect.poll(() => page.getByTestId('change-to-give').textContent()).toBe(formatKhr(expected.khr));
    await expect.poll(() => page.getByTestId('left-usd').textContent()).toBe(formatUsd(0));
    await page.getByRole('button', { name: /Complete sale/ }).click();

    // No printer set on this counter: the receipt is previewed; its PDF is saved and drawn to look at.
    await page.getByTestId('receipt-number').waitFor();
    const receiptNumber = (await page.getByTestId('receipt-number').textContent())!.replace('Receipt ', '');
    expect(await page.getByTestId('change-given').textContent()).toBe(formatKhr(expected.khr));
    expect(await page.getByTestId('change-given-other').textContent()).toBe(
      `≈ ${formatUsd(expected.usdCents)}`,
    );
    const preview = page.frameLocator(`iframe[title="Receipt ${receiptNumber}"]`);
    await expect.poll(() => preview.locator('body').textContent()).toContain(first!.name);
    for (const size of sizes) await shoot(page, 'sale-done-en', size);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF' }).click(),
    ]);
    const pdf = path.join(shots, download.suggestedFilename());
    await download.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(shots, 'receipt-pdf'),
    ]);
    expect(fs.readdirSync(shots).some((name) => name.startsWith('receipt-pdf'))).toBe(true);
    const committed = (await runner.run('receipt', { receiptNumber })) as {
      payments: { currency: string }[];
    };
    expect(committed.payments).toMatchObject([
      { method: 'cash', currency: 'KHR', tendered, change: expected.khr },
    ]);

    // Next sale, paid by KHQR: the QR shows large with its countdown, here and on the customer's screen, and turns
    // paid by itself once the customer's bank (the Bakong stand-in) paid it.
    await page.getByRole('button', { name: /Next sale/ }).click();
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(0);
    await scan(page, second!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    await page.keyboard.press('F12');
    await page.keyboard.press('F6');
    await page.getByRole('button', { name: /Show KHQR/ }).click();
    await page.getByTestId('khqr-card').waitFor();
    expect(await page.getByTestId('khqr-amount').textContent()).toBe(formatUsd(second!.unitPriceCents));
    await expect.poll(() => page.getByTestId('khqr-countdown').textContent()).toMatch(/Expires in \d+:\d\d/);
    const customer = await page.context().newPage();
    await customer.goto(`${host.url}/#/customer`);
    await customer.getByTestId('khqr-card').waitFor();
    expect(await customer.getByTestId('customer-total').textContent()).toBe(
      formatUsd(second!.unitPriceCents),
    );
    await customer.setViewportSize(sizes[0]!);
    await customer.evaluate(() => document.fonts.ready);
    await customer.screenshot({ path: path.join(shots, 'customer-khqr-1366x768.png') });
    for (const size of sizes) await shoot(page, 'pay-khqr-en', size);

    const khqr = await page.getByTestId('khqr-card').locator('img').getAttribute('data-khqr');
    await payAndCheck(shop.server, khqr!);
    await expect
      .poll(() => page.getByTestId('change-to-give').textContent(), { timeout: 20_000 })
      .toBe('No change');
    await customer.getByText('Thank you!').waitFor();
    await customer.close();
    await page.getByRole('button', { name: /Complete sale/ }).click();
    await page.getByTestId('receipt-number').waitFor();
    await page.getByRole('button', { name: /Next sale/ }).click();

    // F10: the recent sales, newest first; the first sale's receipt again, and its VAT invoice for a company.
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('recent-sale').count()).toBe(2);
    await page.getByTestId('recent-sale').filter({ hasText: receiptNumber }).click();
    await expect
      .poll(() => page.frameLocator(`iframe[title="Receipt ${receiptNumber}"]`).locator('body').textContent())
      .toContain(first!.name);
    await page.getByRole('button', { name: 'VAT invoice' }).click();
    await page.getByLabel("Buyer's name").fill('Mekong Trading Co., Ltd.');
    await page.getByLabel("Buyer's TIN (if registered)").fill('K002-100200300');
    await page.getByRole('button', { name: 'Issue VAT invoice' }).click();
    await expect.poll(() => page.getByTestId('document-title').textContent()).toMatch(/^VAT invoice /);
    const invoiceTitle = (await page.getByTestId('document-title').textContent())!;
    await expect
      .poll(() => page.frameLocator(`iframe[title="${invoiceTitle}"]`).locator('body').textContent())
      .toContain('K002-100200300');
    await shoot(page, 'vat-invoice-en');
    await page.keyboard.press('Escape');

    // Offline: no dynamic KHQR can be made, so the shop's static QR shows; it counts once staff confirm the money.
    await scan(page, second!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    line.switches.refuse = true;
    line.cutAll();
    await page.keyboard.press('F12');
    await page.keyboard.press('F6');
    await page.getByRole('button', { name: /Show KHQR/ }).click();
    await page.getByRole('heading', { name: "Offline: the shop's static KHQR" }).waitFor();
    expect(await page.getByTestId('khqr-amount').textContent()).toBe(formatUsd(second!.unitPriceCents));
    const accept = page.getByRole('button', { name: 'Accept KHQR payment' });
    expect(await accept.isDisabled()).toBe(true);
    await shoot(page, 'pay-static-en');
    await page.getByLabel('I saw the money arrive on the shop phone').check();
    await accept.click();
    await expect.poll(() => page.getByTestId('change-to-give').textContent()).toBe('No change');
    await page.getByRole('button', { name: /Complete sale/ }).click();
    await page.getByTestId('receipt-number').waitFor();
    await page.getByRole('button', { name: /Next sale/ }).click();
    line.switches.refuse = false;

    // In Khmer: the paying screen's words and the change preview, at the three sizes.
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await scan(page, first!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    await page.keyboard.press('F12');
    await page.getByRole('heading', { name: 'ការទូទាត់', exact: true }).waitFor();
    await page.getByRole('button', { name: '$100', exact: true }).click();
    await page.getByRole('button', { name: '$100', exact: true }).click();
    await page.getByTestId('change-usd').waitFor();
    for (const size of sizes) await shoot(page, 'pay-cash-km', size);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /បញ្ចប់ការលក់/ }).click();
    await page.getByTestId('receipt-number').waitFor();
    for (const size of sizes) await shoot(page, 'sale-done-km', size);
    expect(await page.evaluate((id) => localStorage.getItem(`counter.locale.${id}`), cashier.id)).toBe('km');

    expect(page.errors).toEqual([]);
  });
});
