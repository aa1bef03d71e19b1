import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { page, tempDirs } from '../test-support/fixtures';
import {
  laptopSale,
  mouseSale,
  notRegistered,
  receiptCounter,
  registeredForVat,
  setting,
} from '../test-support/receipt-counter';
import { pdfToText } from './testkit';

const newDir = tempDirs();
const squash = (text: string) => text.replace(/\s+/g, ' ');
const company = {
  name: 'ក្រុមហ៊ុន ស្រីមាស ត្រេឌីង ឯ.ក',
  tin: 'K002-100200300',
  address: 'ផ្ទះលេខ ៤៥ ផ្លូវ ២៧១ ខណ្ឌទួលគោក ភ្នំពេញ',
  phone: '023 999 888',
};
// The counter's series: the last five characters of its device id (receipt-counter.ts).
const SERIES = 'C0UNT1'.slice(-5);

describe('VAT invoices at the counter', () => {
  it("numbers them in the counter's series, one per sale, the same number when asked again, after a reopen too", async () => {
    const dir = newDir();
    const first = await receiptCounter(dir);
    const one = await laptopSale(first.core);
    const two = await mouseSale(first.core);
    const a = await first.c.issueVatInvoice({ receiptNumber: one.receiptNumber, buyer: company });
    expect(a).toMatchObject({
      number: `INV-${SERIES}-000001`,
      receiptNumber: one.receiptNumber,
      issuedBy: 's1',
      buyer: company,
    });
    expect(await first.c.issueVatInvoice({ receiptNumber: one.receiptNumber, buyer: company })).toEqual(a);
    const b = await first.c.issueVatInvoice({ receiptNumber: two.receiptNumber, buyer: { name: 'Dara' } });
    expect(b).toMatchObject({
      number: `INV-${SERIES}-000002`,
      buyer: { name: 'Dara', tin: null, address: null, phone: null },
    });
    // Made out once: another buyer for the same sale is refused, and no number is spent on the attempt.
    await expect(
      first.c.issueVatInvoice({ receiptNumber: one.receiptNumber, buyer: { name: 'Someone Else' } }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(a.number) });
    first.core.close();

    const again = await receiptCounter(dir);
    expect(await again.c.issueVatInvoice({ receiptNumber: one.receiptNumber, buyer: company })).toEqual(a);
    const three = await mouseSale(again.core);
    expect(
      (await again.c.issueVatInvoice({ receiptNumber: three.receiptNumber, buyer: { name: 'Sokha' } }))
        .number,
    ).toBe(`INV-${SERIES}-000003`);
    expect(again.core.db.prepare('SELECT count(*) FROM vat_invoices').pluck().get()).toBe(3);
    again.core.close();
  });

  it('prints the issued invoice: Khmer first, seller and buyer TIN, totals in riel, never another number', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    await expect(
      c.vatInvoiceDocument({ receiptNumber: sale.receiptNumber, as: 'pdf' }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/issue one first/),
    });
    const invoice = await c.issueVatInvoice({ receiptNumber: sale.receiptNumber, buyer: company });
    const doc = await c.vatInvoiceDocument({ receiptNumber: sale.receiptNumber, as: 'pdf' });
    if (!('pdfBase64' in doc)) throw new Error('a PDF was asked for');
    expect(doc.fileName).toBe(`${invoice.number}.pdf`);
    const pdf = Buffer.from(doc.pdfBase64, 'base64');
    const text = squash(pdfToText(pdf));
    for (const words of [
      invoice.number,
      'K001-901234567',
      'K002-100200300',
      '2,270,100៛',
      '$553.68',
      'ផ្លូវ ២៧១',
    ])
      expect(text).toContain(words);
    const dir = path.join(os.tmpdir(), 'receipt-command-pages');
    fs.mkdirSync(dir, { recursive: true });
    const run = spawnSync(
      'pdftoppm',
      ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', '-', path.join(dir, 'vat-invoice')],
      { input: pdf },
    );
    expect(run.status).toBe(0);
    const html = await c.vatInvoiceDocument({ receiptNumber: sale.receiptNumber, as: 'html' });
    expect('html' in html && html.html).toContain(invoice.number);
    expect(core.db.prepare('SELECT count(*) FROM vat_invoices').pluck().get()).toBe(1);
    core.close();
  });

  it('refuses a sale made while the shop was not VAT-registered, even after it registered', async () => {
    const { core, c, feed } = await receiptCounter(newDir(), notRegistered);
    const before = await mouseSale(core);
    const refused = c.issueVatInvoice({ receiptNumber: before.receiptNumber, buyer: company });
    await expect(refused).rejects.toMatchObject({
      name: 'PosError',
      code: 'not_vat_registered',
      message: expect.stringMatching(/not registered for VAT/),
    });
    feed.pages.push(page(100, [setting('invoice.vat', registeredForVat)]));
    await core.pullNow();
    await expect(
      c.issueVatInvoice({ receiptNumber: before.receiptNumber, buyer: company }),
    ).rejects.toMatchObject({ code: 'not_vat_registered' });
    // Refusals spend no number: the first sale after registering gets the series' first.
    const after = await mouseSale(core);
    expect((await c.issueVatInvoice({ receiptNumber: after.receiptNumber, buyer: company })).number).toBe(
      `INV-${SERIES}-000001`,
    );
    core.close();
  });

  it('checks the buyer as typed, and a counter that is not paired has no series', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await mouseSale(core);
    const issue = (buyer: unknown) =>
      c.issueVatInvoice({ receiptNumber: sale.receiptNumber, buyer: buyer as never });
    await expect(issue(undefined)).rejects.toThrow(/buyer's name/);
    await expect(issue({ name: '   ' })).rejects.toThrow(/buyer's name/);
    await expect(issue({ name: 'x'.repeat(121) })).rejects.toThrow(/at most 120/);
    await expect(issue({ name: 'Dara', tin: 'K001 <b>' })).rejects.toThrow(/letters, digits and dashes/);
    await expect(issue({ name: 'Dara', phone: 'call me' })).rejects.toThrow(/phone/);
    await expect(issue({ name: 42 })).rejects.toMatchObject({ code: 'invalid' });
    // Control and direction characters are cleaned away, not printed.
    expect((await issue({ name: 'Dara\u202e Co\n Ltd', tin: '' })).buyer).toEqual({
      name: 'Dara Co Ltd',
      tin: null,
      address: null,
      phone: null,
    });
    const other = await mouseSale(core);
    core.db.prepare("DELETE FROM sync_state WHERE key = 'deviceId'").run();
    await expect(
      c.issueVatInvoice({ receiptNumber: other.receiptNumber, buyer: company }),
    ).rejects.toMatchObject({ code: 'not_paired' });
    await c.syncNow();
    await c.signOut();
    await expect(issue({ name: 'Dara Co Ltd' })).rejects.toThrow(/sign in/);
    core.close();
  });
});
