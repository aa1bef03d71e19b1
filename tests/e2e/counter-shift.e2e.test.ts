import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import type { ProductHit } from '../../desktop/src/core/catalog/lookup';
import type { SaleView } from '../../desktop/src/core/commands';
import type { CommittedSale } from '../../desktop/src/core/pos/sale';
import type { DrawerReport, Shift } from '../../desktop/src/core/pos/shifts';
import type { RunningHost } from '../../desktop/src/host/server';
import { scan, sizes, startCounterRig, type CounterRig, type Size } from './counter-harness';
import type { ShopPage } from './harness';

/**
 * A cashier's shift at the counter, in Chromium through the browser host with the real core and the real shop
 * server: the float counted in by note, a sale scanned, a sale held with a note and recalled, a return by scanning
 * the receipt's number (a serial back, refunded in riel), a pay-out, the drawer counted at the close with the
 * difference shown per currency, the Z report printed on a network printer and saved as a PDF (drawn to PNG to look
 * at); the server receives the shift, the return and the pay-out. One page; screenshots in a temporary folder (or
 * SCREENSHOTS_DIR/shift).
 */
let rig: CounterRig;
let shop: CounterRig['shop'];
let host: RunningHost;
let runner: CommandRunner;
let printer: Awaited<ReturnType<typeof tcpPrinter>>;
/** Not committed: the screenshots and the Z report's pages of this run, to look at. */
let shots: string;

beforeAll(async () => {
  rig = await startCounterRig('shift');
  ({ shop, host, runner, shots } = rig);
  printer = await tcpPrinter();
});
afterAll(async () => {
  await printer?.close();
  await rig?.stop();
});

/** A network receipt printer: a raw TCP port that keeps every job. */
async function tcpPrinter() {
  const jobs: Buffer[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    jobs,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const shoot = (page: ShopPage, name: string, viewport: Size) => rig.shoot(page, name, [viewport]);

const USD_NOTES = [100_00, 50_00, 20_00, 10_00, 5_00, 2_00, 1_00];
const KHR_NOTES = [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 100];

/** Counts an amount into the drawer's note fields, biggest notes first, as a cashier lays the notes out. */
async function countNotes(
  page: ShopPage,
  usdCents: number,
  khr: number,
  notesOf = (note: string) => `${note} notes`,
) {
  for (const [notes, amount, name] of [
    [USD_NOTES, usdCents, (n: number) => formatUsd(n).replace('.00', '')],
    [KHR_NOTES, khr, formatKhr],
  ] as const) {
    let left = amount;
    for (const note of notes) {
      const count = Math.floor(left / note);
      left -= count * note;
      if (count > 0) await page.getByLabel(notesOf(name(note)), { exact: true }).fill(String(count));
    }
    expect(left).toBe(0);
  }
}

/** Pays what is due in whole dollars, the change in riel (so the dollar drawer holds only notes), and commits. */
async function payAndCommit(): Promise<CommittedSale> {
  const due = ((await runner.run('sale', null)) as SaleView).totals.dueCents;
  await runner.run('pay', {
    method: 'cash',
    currency: 'USD',
    tendered: Math.ceil(due / 100) * 100,
    changeCurrency: 'KHR',
  });
  return (await runner.run('commitSale', null)) as CommittedSale;
}

describe("a cashier's shift at the counter", () => {
  it('opens with a counted float, sells, holds and recalls, takes a return by its receipt, pays out, closes with a count and prints the Z report', async () => {
    const cashier = await rig.staffMember('Sopheap', 'staff', null);
    const admin = await shop.staffClient('admin');
    await rig.pair('Back counter', { through: 'direct' });
    const cases = (await runner.run('lookup', { query: 'NZXT H5' })) as ProductHit[];
    const [first, second] = cases.filter((hit) => hit.active && !hit.serialized && hit.barcode);
    const [cpu] = (await runner.run('lookup', { query: 'Ryzen 5 7600X' })) as ProductHit[];
    expect(first && second && cpu?.serialized).toBeTruthy();
    // The CPU sold here is one the shop received with its serial: the server parks a sale of a serial it never had.
    await admin.recordStockMovement({
      body: { productId: cpu!.id, type: 'receive', quantity: 1, serials: ['SN-SHIFT-0001'] },
    });
    // Signing in itself is proven in counter-selling.e2e.test.ts; here the cashier arrives signed in.
    await rig.signInOnline(cashier);

    const page = await shop.page({ viewport: sizes[0]! });
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('cashier').textContent()).toBe('Sopheap');
    await expect.poll(() => page.getByTestId('shift').textContent()).toContain('No shift open');

    // F11: the shift. The float is counted note by note and each currency totalled as it is typed.
    await page.keyboard.press('F11');
    await page.getByRole('heading', { name: 'Open a shift: count the float' }).waitFor();
    await countNotes(page, 50_00, 2_000_000);
    expect(await page.getByTestId('count-total-USD').textContent()).toBe('$50.00');
    expect(await page.getByTestId('count-total-KHR').textContent()).toBe(formatKhr(2_000_000));
    for (const size of sizes) await shoot(page, 'shift-open-en', size);
    await page.setViewportSize(sizes[0]!);
    await page.keyboard.press('F10');
    await page.getByRole('heading', { name: 'X report' }).waitFor();
    await expect.poll(() => page.getByTestId('shift').textContent()).toContain('open since');
    const shift = (await runner.run('currentShift', null)) as Shift;
    expect(shift).toMatchObject({ floatUsdCents: 50_00, floatKhr: 2_000_000 });

    // F1: a sale scanned at the sale screen (a case and a CPU with its serial), paid and committed by the core.
    await page.keyboard.press('F1');
    const scanField = page.getByRole('combobox', { name: 'Scan or search (name, SKU, barcode)' });
    await expect.poll(() => scanField.evaluate((el) => el === document.activeElement)).toBe(true);
    await scan(page, first!.barcode!);
    await scan(page, cpu!.barcode!);
    await page.getByRole('dialog', { name: `Serial number: ${cpu!.name}` }).waitFor();
    await scan(page, 'SN-SHIFT-0001');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(2);
    const sold = await payAndCommit();

    // The next customer goes to fetch money: F8 holds the sale with a note, F9 lists it, Enter recalls it.
    await page.keyboard.press('F3');
    await page.keyboard.press('F1');
    // Ready once the scan field has the focus (the sale screen has loaded the sale the core holds).
    await expect.poll(() => scanField.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(0);
    await scan(page, second!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: 'Hold this sale' }).waitFor();
    // Filled, not typed at a scanner's speed: a burst ending in Enter would be taken for a scan.
    await page.getByLabel('Note (to find it again)').fill('fetching money, blue tuk-tuk');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.getByRole('dialog', { name: 'Held sales' }).waitFor();
    expect(await page.getByTestId('held-note').allTextContents()).toEqual(['fetching money, blue tuk-tuk']);
    const heldRow = page.getByTestId('held-sale');
    expect(await heldRow.textContent()).toContain('Sopheap');
    expect(await heldRow.textContent()).toContain(formatUsd(second!.unitPriceCents));
    await shoot(page, 'held-en', sizes[0]!);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    await payAndCommit();

    // F3: the first customer brings the CPU back. The receipt's barcode is scanned; only its serial can come back.
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: 'Return' }).waitFor();
    await scan(page, sold.receiptNumber);
    await expect.poll(() => page.getByTestId('return-line').count()).toBe(2);
    await page.getByRole('button', { name: `One more ${first!.name}` }).click();
    await expect(page.getByRole('button', { name: `One more ${first!.name}` }).isDisabled()).resolves.toBe(
      true,
    );
    await page.getByRole('button', { name: `One less ${first!.name}` }).click();
    await page.getByRole('checkbox', { name: 'SN-SHIFT-0001' }).check();
    await page.getByRole('radio', { name: 'Cash KHR' }).click();
    const rate = ((await runner.run('sale', null)) as SaleView).rielPerUsd;
    const refundKhr = usdCentsToKhr(cpu!.unitPriceCents, rate);
    expect(await page.getByLabel('Amount ៛').inputValue()).toBe(String(refundKhr));
    await page.getByRole('button', { name: 'Faulty' }).click();
    for (const size of sizes) await shoot(page, 'return-en', size);
    await page.setViewportSize(sizes[0]!);
    await page.keyboard.press('F10');
    await page.getByTestId('return-result').waitFor();
    expect(await page.getByTestId('refunded').textContent()).toContain(formatKhr(refundKhr));
    expect(await page.getByTestId('return-result').textContent()).toContain('SN-SHIFT-0001');
    await expect
      .poll(() => page.getByTestId('return-sync').textContent(), { timeout: 20_000 })
      .toBe('Sent to the shop server');
    await shoot(page, 'return-done-en', sizes[0]!);
    // The same serial cannot come back twice: the core says so and the screen offers nothing more.
    await page.keyboard.press('F10');
    await scan(page, sold.receiptNumber);
    await page.getByText('All came back already').waitFor();

    // F11: a pay-out with its reason shows on the X report.
    await page.keyboard.press('F11');
    await page.getByRole('heading', { name: 'X report' }).waitFor();
    await page.getByLabel('Amount $').fill('3');
    await page.getByLabel('Reason').fill('ice for the water');
    await page.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => page.getByTestId('report-movement').textContent()).toContain('ice for the water');
    const x = (await runner.run('xReport', null)) as DrawerReport;
    expect(x.sales).toBe(2);
    expect(x.cashRefunds.khr).toBe(refundKhr);
    expect(await page.getByTestId('report-expected').textContent()).toContain(formatUsd(x.expectedUsdCents));

    // The close: the drawer counted a dollar short, riel exact; the difference shows per currency before closing.
    await countNotes(page, x.expectedUsdCents - 1_00, x.expectedKhr);
    await expect
      .poll(() => page.getByTestId('difference-USD').textContent())
      .toBe('Difference USD: −$1.00 (short)');
    expect(await page.getByTestId('difference-KHR').textContent()).toBe(
      `Difference KHR: ${formatKhr(0)} (exact)`,
    );
    for (const size of sizes) await shoot(page, 'shift-close-en', size);
    await page.setViewportSize(sizes[0]!);
    await page.keyboard.press('F10');
    await page.getByRole('heading', { name: 'Shift closed: Z report' }).waitFor();
    await expect.poll(() => page.getByTestId('shift').textContent()).toContain('No shift open');

    // The Z report: on the counter's network printer, and saved as a PDF from the screen.
    await runner.run('setPrinter', { kind: 'tcp', host: '127.0.0.1', port: printer.port });
    await page.getByRole('button', { name: 'Print Z report' }).click();
    await page.getByText(`Printed on 127.0.0.1:${printer.port}`).waitFor();
    await expect.poll(() => printer.jobs.length).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save PDF' }).click();
    const pdfFile = path.join(shots, 'z-report-en.pdf');
    await (await download).saveAs(pdfFile);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '150', pdfFile, path.join(shots, 'z-report-en')]);
    await page.frameLocator('iframe[title="Z report"]').getByText('Z report: shift closed').first().waitFor();
    for (const size of sizes) await shoot(page, 'z-report-en', size);

    // In Khmer: the Z report on screen and as a PDF with the Khmer drawn (looked at as PNG).
    await page.setViewportSize(sizes[0]!);
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await page.getByRole('heading', { name: 'បានបិទវេន៖ របាយការណ៍ Z' }).waitFor();
    await page.frameLocator('iframe[title="របាយការណ៍ Z"]').getByText('របាយការណ៍ Z៖ បិទវេន').first().waitFor();
    await shoot(page, 'z-report-km', sizes[0]!);
    await shoot(page, 'z-report-km', sizes[2]!);
    const khmerPdf = page.waitForEvent('download');
    await page.getByRole('button', { name: 'រក្សាទុក PDF' }).click();
    const khmerFile = path.join(shots, 'z-report-km.pdf');
    await (await khmerPdf).saveAs(khmerFile);
    execFileSync('pdftoppm', ['-png', '-r', '150', khmerFile, path.join(shots, 'z-report-km')]);

    // The other screens in Khmer: opening the next shift, and a return.
    await page.getByRole('button', { name: 'បើកវេនបន្ទាប់' }).click();
    await page.getByRole('heading', { name: 'បើកវេន៖ រាប់ប្រាក់ដើម' }).waitFor();
    await shoot(page, 'shift-open-km', sizes[0]!);
    await page.keyboard.press('F3');
    await scan(page, sold.receiptNumber);
    await expect.poll(() => page.getByTestId('return-line').count()).toBe(2);
    await shoot(page, 'return-km', sizes[0]!);
    await shoot(page, 'return-km', sizes[2]!);
    // The next shift opened in Khmer shows its X report; a sale held there is listed with its note.
    await page.keyboard.press('F11');
    await countNotes(page, 20_00, 400_000, (note) => `ក្រដាស ${note}`);
    await page.keyboard.press('F10');
    await page.getByRole('heading', { name: 'របាយការណ៍ X' }).waitFor();
    await shoot(page, 'x-report-km', sizes[0]!);
    await page.keyboard.press('F1');
    // The scan field by its role alone: its name is Khmer now.
    const khmerScanField = page.getByRole('combobox');
    await expect.poll(() => khmerScanField.evaluate((el) => el === document.activeElement)).toBe(true);
    await scan(page, first!.barcode!);
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    await page.keyboard.press('F8');
    await page.getByLabel('កំណត់ចំណាំ (ដើម្បីរកវាវិញ)').fill('បងប្រុសអាវក្រហម');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.getByRole('dialog', { name: 'ការលក់ដែលបានផ្អាក' }).waitFor();
    await shoot(page, 'held-km', sizes[0]!);
    await shoot(page, 'held-km', sizes[2]!);
    await page.keyboard.press('Escape');

    // The server (this file's own) has the shift with its count, the pay-out and the one return, refunded in riel.
    await runner.run('syncNow', null);
    const db = shop.server.database.db;
    expect(
      await db.selectFrom('pos_shifts').selectAll().where('id', '=', shift.id).executeTakeFirst(),
    ).toMatchObject({
      float_usd_cents: 50_00,
      float_khr: 2_000_000,
      counted_usd_cents: x.expectedUsdCents - 1_00,
      counted_khr: x.expectedKhr,
    });
    expect(
      await db
        .selectFrom('pos_cash_movements')
        .select(['kind', 'amount_minor', 'reason'])
        .where('shift_id', '=', shift.id)
        .execute(),
    ).toEqual([{ kind: 'pay_out', amount_minor: 3_00, reason: 'ice for the water' }]);
    const refunds = await db
      .selectFrom('counter_refunds as f')
      .innerJoin('counter_returns as r', 'r.id', 'f.return_id')
      .select(['f.method', 'f.currency', 'f.amount_minor', 'r.reason'])
      .execute();
    expect(refunds).toEqual([{ method: 'cash', currency: 'KHR', amount_minor: refundKhr, reason: 'Faulty' }]);

    expect(page.errors).toEqual([]);
  });
});
