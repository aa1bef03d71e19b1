import { randomBytes } from 'node:crypto';
import type { Locale } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductHit } from '../../desktop/src/core/catalog/lookup';
import type { SaleView } from '../../desktop/src/core/commands';
import type { DrawerReport } from '../../desktop/src/core/pos/shifts';
import { frameTexts } from '../../desktop/src/renderer/frame/texts';
import { payTexts } from '../../desktop/src/renderer/pay/texts';
import { returnTexts } from '../../desktop/src/renderer/returns/texts';
import { heldTexts } from '../../desktop/src/renderer/sale/held-texts';
import { saleTexts } from '../../desktop/src/renderer/sale/texts';
import { formatNote, notes } from '../../desktop/src/renderer/shifts/denominations';
import { shiftTexts } from '../../desktop/src/renderer/shifts/texts';
import { signInTexts } from '../../desktop/src/renderer/sign-in/texts';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { payAndCheck } from '../../server/test/factory';
import { scan, sizes, soon, startCounterRig, type CounterRig, type Size } from './counter-harness';
import type { ShopPage } from './harness';

/**
 * Every counter screen, in English and in Khmer, at 1366×768, 1920×1080 and the 1024×768 touch screen: sign-in, the
 * lock, selling with lines, the customer dialog, paying cash, KHQR, the receipt preview, held sales, a return, and
 * the shift (open, X report, close, Z report). At each stop the test asserts the screen it is on, that the status bar
 * is one row, that nothing spills out of the window sideways and that Khmer text is drawn with the Khmer font.
 * With SCREENSHOTS_DIR set, the pictures go to SCREENSHOTS_DIR/screens/<screen>-<locale>-<size>.png (to look at).
 */
let rig: CounterRig;
beforeAll(async () => {
  rig = await startCounterRig('screens');
});
afterAll(async () => {
  await rig?.stop();
});

/** The tallest a one-row status bar is (its buttons are 44 px, padding and border around them). */
const ONE_ROW_PX = 64;

/** The checks at every stop, at every size; then the screenshot. */
async function look(page: ShopPage, name: string, locale: Locale, at: readonly Size[] = sizes) {
  for (const size of at) {
    await page.setViewportSize(size);
    await page.evaluate(() => document.fonts.ready);
    const where = `${name} ${locale} ${size.width}×${size.height}`;
    const bar = page.getByTestId('status-bar');
    if (await bar.count())
      expect((await bar.boundingBox())!.height, `status bar of ${where}`).toBeLessThanOrEqual(ONE_ROW_PX);
    // Wider than the window means something is cut off or scrolls sideways.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      `width of ${where}`,
    ).toBeLessThanOrEqual(size.width);
    if (locale === 'km')
      expect(
        await page.evaluate(() => document.fonts.check('16px "Noto Sans Khmer"', 'សរុប')),
        `Khmer font on ${where}`,
      ).toBe(true);
  }
  await rig.shoot(page, `${name}-${locale}`, at);
}

async function switchLanguage(page: ShopPage, locale: Locale) {
  await page.getByRole('button', { name: locale === 'km' ? 'ខ្មែរ' : 'English', exact: true }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang'), soon).toBe(locale);
}

/** Lays out notes for an amount, biggest first, in the count form on screen. */
async function countNotes(page: ShopPage, locale: Locale, usdCents: number, khr: number) {
  for (const [currency, amount] of [
    ['USD', usdCents],
    ['KHR', khr],
  ] as const) {
    let left = amount;
    for (const note of notes[currency]) {
      const count = Math.floor(left / note);
      left -= count * note;
      if (count > 0)
        await page
          .getByLabel(shiftTexts[locale].notes(formatNote(currency, note)), { exact: true })
          .fill(String(count));
    }
    expect(left).toBe(0);
  }
}

const scanFieldFocused = (page: ShopPage) =>
  expect
    .poll(() => page.getByRole('combobox').evaluate((el) => el === document.activeElement), soon)
    .toBe(true);

describe('every counter screen, in English and Khmer, at the three window sizes', () => {
  // Two languages × a dozen screens × three sizes: longer than one e2e test's default two minutes.
  it('visits each screen and checks it fits', { timeout: 480_000 }, async () => {
    const cashier = await rig.staffMember('Sreyleak');
    await createActiveUser(rig.shop.server.database.db, {
      email: `dara-${randomBytes(4).toString('hex')}@example.test`,
      password: `a long walk to the shop ${randomBytes(4).toString('hex')}`,
      name: 'Dara Sok',
      role: 'customer',
    });
    const admin = await rig.shop.staffClient('admin');
    await admin.changeSetting({
      params: { key: 'invoice.vat' },
      body: { value: { registered: true, ratePercent: 10, tin: 'K001-901234567' } },
    });
    await rig.pair('Front counter', { through: 'direct' });
    const [first, second] = ((await rig.runner.run('lookup', { query: 'NZXT H5' })) as ProductHit[]).filter(
      (hit) => hit.active && !hit.serialized && hit.barcode,
    );
    const [cpu] = (await rig.runner.run('lookup', { query: 'Ryzen 5 7600X' })) as ProductHit[];
    expect(first && second && cpu?.serialized).toBeTruthy();
    const serials = ['SN-TOUR-EN', 'SN-TOUR-KM'];
    await admin.recordStockMovement({ body: { productId: cpu!.id, type: 'receive', quantity: 2, serials } });
    await rig.signInOnline(cashier);

    const page = await rig.shop.page({ viewport: sizes[0] });
    await page.goto(rig.host.url);
    await expect.poll(() => page.getByTestId('cashier').textContent(), soon).toBe('Sreyleak');

    for (const locale of ['en', 'km'] as const) {
      const frame = frameTexts[locale];
      const signIn = signInTexts[locale];
      const sale = saleTexts[locale];
      const pay = payTexts[locale];
      const held = heldTexts[locale];
      const shift = shiftTexts[locale];
      await switchLanguage(page, locale);

      // Sign-in: nothing waits to sync, so the cashier may sign out; the counter asks who sells, then the PIN.
      await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 30_000 }).toBe('0');
      await page.getByRole('button', { name: frame.signOut }).click();
      // The sign-in screen speaks the counter's language until someone signs in. (A refusal would show as an alert.)
      const whoSells = page
        .getByRole('heading', { name: signInTexts.en.title })
        .or(page.getByRole('heading', { name: signInTexts.km.title }));
      await expect
        .poll(
          async () =>
            (await whoSells.count()) > 0
              ? 'signed out'
              : `${await page.getByRole('alert').allTextContents()} parked ${await page.getByTestId('parked').textContent()}`,
          soon,
        )
        .toBe('signed out');
      await switchLanguage(page, locale);
      await page.getByRole('heading', { name: signIn.title }).waitFor();
      await look(page, 'sign-in', locale);
      await page.getByRole('button', { name: /Sreyleak/ }).click();
      await page.getByLabel(signIn.pin).waitFor();
      await look(page, 'sign-in-pin', locale);
      await page.getByLabel(signIn.pin).fill(cashier.pin!);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('cashier').textContent(), soon).toBe('Sreyleak');
      await switchLanguage(page, locale);

      // The lock.
      await page.getByRole('button', { name: frame.lock }).click();
      await page.getByRole('heading', { name: signIn.lockedTitle('Sreyleak') }).waitFor();
      await look(page, 'lock', locale);
      await page.getByLabel(signIn.pin).fill(cashier.pin!);
      await page.keyboard.press('Enter');
      await scanFieldFocused(page);

      // The shift opens with a counted float; its X report.
      await page.keyboard.press('F11');
      await page.getByRole('heading', { name: shift.openTitle }).waitFor();
      await countNotes(page, locale, 50_00, 400_000);
      await look(page, 'shift-open', locale);
      await page.keyboard.press('F10');
      await page.getByRole('heading', { name: shift.xReport, exact: true }).waitFor();
      await look(page, 'shift-x-report', locale);

      // Selling: three lines, one with its serial, and a known customer.
      await page.keyboard.press('F1');
      await scanFieldFocused(page);
      await scan(page, first!.barcode!);
      await scan(page, second!.barcode!);
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(2);
      await scan(page, cpu!.barcode!);
      await page.getByRole('dialog', { name: sale.serialTitle(cpu!.name) }).waitFor();
      await look(page, 'serial', locale, [sizes[0]!]);
      await scan(page, serials[locale === 'en' ? 0 : 1]!);
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(3);
      await page.keyboard.press('F4');
      await page.getByLabel(sale.findCustomer).fill('dara');
      await page.getByRole('button', { name: /Dara Sok/ }).waitFor();
      await look(page, 'customer', locale);
      await page.getByRole('button', { name: /Dara Sok/ }).click();
      await expect.poll(() => page.getByTestId('customer').textContent(), soon).toBe('Dara Sok');
      await look(page, 'sale', locale);

      // Paying cash: notes tapped, change in dollars and riel; then the receipt's preview.
      await page.keyboard.press('F12');
      await page.getByRole('heading', { name: pay.title, exact: true }).waitFor();
      const due = ((await rig.runner.run('sale', null)) as SaleView).totals.dueCents;
      for (let paid = 0; paid < due; paid += 100_00)
        await page.getByRole('button', { name: '$100', exact: true }).click();
      await page.getByTestId('change-usd').waitFor();
      await look(page, 'pay-cash', locale);
      await page.keyboard.press('Enter');
      await page.getByTestId('change-to-give').waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('receipt-number').waitFor(soon);
      const receiptNumber = (await page.getByTestId('receipt-number').textContent())!.replace(
        pay.receiptNo(''),
        '',
      );
      await expect
        .poll(() => page.frameLocator('iframe').first().locator('body').textContent(), soon)
        .toContain(first!.name);
      await look(page, 'receipt', locale);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(0);

      // KHQR: large, with its countdown, turning paid through the Bakong stand-in.
      await scanFieldFocused(page);
      await scan(page, second!.barcode!);
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(1);
      await page.keyboard.press('F12');
      await page.keyboard.press('F6');
      await page.getByRole('button', { name: new RegExp(pay.showKhqr) }).click();
      await page.getByTestId('khqr-card').waitFor();
      await expect.poll(() => page.getByTestId('khqr-countdown').textContent(), soon).toMatch(/\d+:\d\d/);
      await look(page, 'pay-khqr', locale);
      const khqr = await page.getByTestId('khqr-card').locator('img').getAttribute('data-khqr');
      await payAndCheck(rig.shop.server, khqr!);
      await expect
        .poll(() => page.getByTestId('change-to-give').textContent(), { timeout: 20_000 })
        .toBe(pay.noChange);
      await page.keyboard.press('Enter');
      await page.getByTestId('receipt-number').waitFor(soon);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(0);

      // Held sales: hold with a note, the list, recall.
      await scanFieldFocused(page);
      await scan(page, first!.barcode!);
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(1);
      await page.keyboard.press('F8');
      await page.getByRole('dialog', { name: held.holdTitle }).waitFor();
      await page
        .getByLabel(held.note)
        .fill(locale === 'en' ? 'fetching money, blue tuk-tuk' : 'បងប្រុសអាវក្រហម');
      await look(page, 'hold', locale, [sizes[0]!, sizes[2]!]);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(0);
      await page.keyboard.press('F9');
      await page.getByRole('dialog', { name: held.heldSales }).waitFor();
      await expect.poll(() => page.getByTestId('held-sale').count(), soon).toBe(1);
      await look(page, 'held', locale);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('sale-line').count(), soon).toBe(1);
      const recalledDue = ((await rig.runner.run('sale', null)) as SaleView).totals.dueCents;
      await rig.runner.run('pay', {
        method: 'cash',
        currency: 'USD',
        tendered: Math.ceil(recalledDue / 100) * 100,
        changeCurrency: 'KHR',
      });
      await rig.runner.run('commitSale', null);

      // A return: the first sale's receipt scanned, its lines and serial offered.
      await page.keyboard.press('F3');
      await page.getByRole('heading', { name: returnTexts[locale].title, exact: true }).waitFor();
      await scan(page, receiptNumber);
      await expect.poll(() => page.getByTestId('return-line').count(), soon).toBe(3);
      await look(page, 'return', locale);

      // The close: the drawer counted as expected, then the Z report.
      await page.keyboard.press('F11');
      await page.getByRole('heading', { name: shift.xReport, exact: true }).waitFor();
      const x = (await rig.runner.run('xReport', null)) as DrawerReport;
      await countNotes(page, locale, x.expectedUsdCents, x.expectedKhr);
      await page.getByTestId('difference-USD').waitFor();
      await look(page, 'shift-close', locale);
      await page.keyboard.press('F10');
      await page.getByRole('heading', { name: shift.closedTitle }).waitFor();
      await page.frameLocator(`iframe[title="${shift.reportTitle}"]`).locator('body').waitFor();
      await look(page, 'z-report', locale);
      await page.keyboard.press('F1');
    }

    expect(page.errors).toEqual([]);
  });
});
