import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../local-db/migrations';
import { localDbFile } from '../local-db/open';
import { tempDirs } from '../test-support/fixtures';
import {
  laptopSale,
  mouseSale,
  receiptCounter,
  setting,
  shopIdentity,
  notRegistered,
} from '../test-support/receipt-counter';
import { page, staffMember } from '../test-support/fixtures';
import { figureReceipt } from './figures';
import { saleReceiptModels } from './from-sale';
import { receiptSnapshotter } from './snapshot';
import { pdfToText } from './testkit';

const newDir = tempDirs();
const squash = (text: string) => text.replace(/\s+/g, ' ');
/** Pages of the PDFs made here, as pictures to look at (the report names them). */
const LOOK_DIR = path.join(os.tmpdir(), 'receipt-command-pages');

function pageAsPng(pdf: Buffer, name: string): string {
  fs.mkdirSync(LOOK_DIR, { recursive: true });
  const prefix = path.join(LOOK_DIR, name);
  const run = spawnSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', '-', prefix], {
    input: pdf,
  });
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr.toString()}`);
  return `${prefix}.png`;
}

describe('the receipt of a sale committed at the counter', () => {
  it("shows the sale's own figures: lines, serials, warranty, discounts, payments, change, rounding, rate", async () => {
    const { core } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    const models = saleReceiptModels(core.db, receiptSnapshotter(core.db));
    const { saleId, model } = models(sale.receiptNumber, 'km');
    expect(saleId).toBe(sale.id);
    const stored = core.db
      .prepare('SELECT subtotal_cents, total_cents, riel_per_usd, rounding_riel FROM sales WHERE id = ?')
      .get(sale.id) as Record<string, number>;
    const figures = figureReceipt(model);
    expect(figures.subtotalCents).toBe(stored.subtotal_cents);
    expect(figures.totalCents).toBe(stored.total_cents);
    expect(figures.totalCents).toBe(553_68);
    expect(model.rielPerUsd).toBe(4_100);
    // $53.68 left after the dollars is 220,088 riel: paid as 220,100, a +12 riel rounding line.
    expect(figures.roundingRiel).toBe(12);
    expect(figures.changeKhr).toBe(29_900);
    expect(figures.vat).toMatchObject({ ratePercent: 10, tin: 'K001-901234567', vatCents: 50_33 });
    expect(model).toMatchObject({
      shop: shopIdentity,
      receiptNumber: sale.receiptNumber,
      at: sale.at,
      deviceName: 'Counter 1',
      staff: { id: 's1', name: 'សុខ ស្រីពៅ' },
      customer: { name: 'ចាន់ សុភ័ក្ត្រ', phone: '097 123 4567' },
      language: 'km',
      lines: [
        {
          sku: 'LAP-ASUS-X515',
          name: 'ASUS VivoBook 15 កុំព្យូទ័រយួរដៃ',
          quantity: 1,
          unitPriceCents: 549_00,
          discountCents: 20_00,
          serials: ['SN-X515-88231'],
          warrantyMonths: 12,
        },
        { sku: 'MOU-M185', name: 'Logitech M185 កណ្ដុរឥតខ្សែ', quantity: 2, unitPriceCents: 12_34 },
      ],
      payments: [
        { method: 'cash', currency: 'USD', amount: 500_00, tendered: 500_00 },
        {
          method: 'cash',
          currency: 'KHR',
          amount: 220_100,
          tendered: 250_000,
          change: 29_900,
          changeCurrency: 'KHR',
        },
      ],
    });
    expect(model.lines[1]).not.toHaveProperty('warrantyMonths');

    const dollars = await mouseSale(core);
    const change = models(dollars.receiptNumber, 'en').model.payments[0];
    // $20 for $12.34: $7.66 back as 31,400 riel (rounded down to what the drawer can pay).
    expect(change).toMatchObject({ currency: 'USD', tendered: 20_00, change: 31_400, changeCurrency: 'KHR' });
    core.close();
  });

  it('reprints exactly what the customer got after the shop moved, its cashier was renamed and VAT changed', async () => {
    const { core, c, feed } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    const ask = { receiptNumber: sale.receiptNumber, as: 'html' as const };
    const slip = await c.receiptDocument({ ...ask, format: 'slip80' });
    const a4 = await c.receiptDocument({ ...ask, format: 'a4' });
    expect('html' in slip && slip.html).toContain('No. 12, Street 310, Phnom Penh');
    feed.pages.push(
      page(100, [
        setting('shop.identity', { ...shopIdentity, address: 'No. 99, Monivong Blvd, Phnom Penh' }),
        setting('invoice.vat', notRegistered),
        { entity: 'staff', id: 's1', data: staffMember('s1', { name: 'Renamed Cashier' }) },
        { entity: 'customer', id: 'u1', data: { id: 'u1', name: 'Someone Else', phone: null, email: null } },
      ]),
    );
    await core.pullNow();
    expect(await c.receiptDocument({ ...ask, format: 'slip80' })).toEqual(slip);
    expect(await c.receiptDocument({ ...ask, format: 'a4' })).toEqual(a4);
    // A sale made after the move shows the new address, and no VAT.
    const next = await mouseSale(core);
    const after = await c.receiptDocument({ receiptNumber: next.receiptNumber, format: 'a4', as: 'html' });
    expect('html' in after && after.html).toContain('No. 99, Monivong Blvd');
    expect('html' in after && after.html).not.toContain('K001-901234567');
    core.close();
  });

  it("prints the shop's receipt footer of the day of the sale: a later footer only on later sales", async () => {
    const { core, c, feed } = await receiptCounter(newDir());
    const footer = (receiptFooter: string | null, seq: number) =>
      page(seq, [
        setting('counter.policy', {
          receiptFooter,
          receiptPaper: 'slip80',
          discountLimitPercent: { staff: 10, admin: 100 },
        }),
      ]);
    const models = saleReceiptModels(core.db, receiptSnapshotter(core.db));
    const before = await mouseSale(core);
    expect(models(before.receiptNumber, 'km').model.footer).toBeNull();

    feed.pages.push(footer('ប្ដូរទំនិញបានក្នុង ៧ ថ្ងៃ ជាមួយវិក្កយបត្រ', 100));
    await core.pullNow();
    const sale = await mouseSale(core);
    expect(models(sale.receiptNumber, 'km').model.footer).toBe('ប្ដូរទំនិញបានក្នុង ៧ ថ្ងៃ ជាមួយវិក្កយបត្រ');
    const slip = await c.receiptDocument({ receiptNumber: sale.receiptNumber, format: 'slip80', as: 'html' });
    expect('html' in slip && slip.html).toContain('ប្ដូរទំនិញបានក្នុង ៧ ថ្ងៃ');

    feed.pages.push(footer(null, 200));
    await core.pullNow();
    expect(
      await c.receiptDocument({ receiptNumber: sale.receiptNumber, format: 'slip80', as: 'html' }),
    ).toEqual(slip);
    expect(models(before.receiptNumber, 'km').model.footer).toBeNull();
    expect(models((await mouseSale(core)).receiptNumber, 'km').model.footer).toBeNull();
    core.close();
  });

  it('gives a sale made before the settings arrived its snapshot at the first receipt, then keeps it', async () => {
    const { core, c, feed } = await receiptCounter(newDir());
    core.db.prepare("DELETE FROM settings WHERE key = 'shop.identity'").run();
    const sale = await mouseSale(core);
    await expect(
      c.receiptDocument({ receiptNumber: sale.receiptNumber, format: 'slip80', as: 'html' }),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/sync/) });
    feed.pages.push(page(100, [setting('shop.identity', shopIdentity)]));
    await core.pullNow();
    const first = await c.receiptDocument({
      receiptNumber: sale.receiptNumber,
      format: 'slip80',
      as: 'html',
    });
    feed.pages.push(page(101, [setting('shop.identity', { ...shopIdentity, phone: '099 999 999' })]));
    await core.pullNow();
    expect(
      await c.receiptDocument({ receiptNumber: sale.receiptNumber, format: 'slip80', as: 'html' }),
    ).toEqual(first);
    core.close();
  });

  it('prints a sale made before this version: its SKU and warranty filled in by the update, its snapshot at first print', async () => {
    const dir = newDir();
    const old = new Database(path.join(dir, localDbFile));
    old.exec(migrations[0]!);
    old.pragma('user_version = 1');
    old.exec(`
      INSERT INTO products (id, sku, name, price_cents, serialized, warranty_months, active, available)
        VALUES ('lap', 'LAP-OLD', 'Laptop', 500_00, 1, 24, 1, 1);
      INSERT INTO sales VALUES ('S1', 'OLD-000007', 1700000000000, 's1', NULL, NULL, 50000, 0, 50000, 4100, 0);
      INSERT INTO sale_lines VALUES ('S1', 1, 'lap', 'Laptop', 1, 50000, 0, '["SN-OLD"]');
      INSERT INTO sale_payments VALUES ('S1', 1, 'cash', 'USD', 50000, 50000, 0, 'USD', 0);
    `);
    old.close();
    const { core, c } = await receiptCounter(dir);
    const html = await c.receiptDocument({ receiptNumber: 'OLD-000007', format: 'a4', as: 'html' });
    expect('html' in html && html.html).toContain('LAP-OLD');
    expect('html' in html && html.html).toContain('SN-OLD');
    expect(core.db.prepare("SELECT receipt_snapshot FROM sales WHERE id = 'S1'").pluck().get()).toContain(
      'Angkor Computer',
    );
    core.close();
  });

  it('renders the 80 mm and A4 PDFs with Khmer set in Khmer OS, named by the receipt number', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    for (const format of ['slip80', 'a4'] as const) {
      const doc = await c.receiptDocument({ receiptNumber: sale.receiptNumber, format, as: 'pdf' });
      if (!('pdfBase64' in doc)) throw new Error('a PDF was asked for');
      expect(doc.fileName).toBe(`receipt-${sale.receiptNumber}.pdf`);
      const pdf = Buffer.from(doc.pdfBase64, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+KhmerOS/);
      const text = squash(pdfToText(pdf));
      for (const words of ['ហាងកុំព្យូទ័រ អង្គរ', '$553.68', '+12៛', 'SN-X515-88231', sale.receiptNumber])
        expect(text).toContain(words);
      expect(fs.statSync(pageAsPng(pdf, `receipt-${format}`)).size).toBeGreaterThan(10_000);
    }
    const english = await c.receiptDocument({
      receiptNumber: sale.receiptNumber,
      format: 'a4',
      as: 'html',
      language: 'en',
    });
    expect('html' in english && english.html).toContain('Total incl. VAT');
    core.close();
  });

  it('refuses unknown receipts, formats and languages with a sentence, and nobody signed in', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await mouseSale(core);
    const ask = { receiptNumber: sale.receiptNumber, format: 'a4' as const, as: 'pdf' as const };
    await expect(c.receiptDocument({ ...ask, receiptNumber: 'NOPE-1' })).rejects.toThrow(/no sale NOPE-1/);
    await expect(c.receiptDocument({ ...ask, format: 'a5' as never })).rejects.toThrow(/format is one of/);
    await expect(c.receiptDocument({ ...ask, as: 'docx' as never })).rejects.toThrow(/as is one of/);
    await expect(c.receiptDocument({ ...ask, language: 'fr' as never })).rejects.toThrow(
      /language is one of/,
    );
    await expect(c.receiptDocument({ ...ask, receiptNumber: 'x'.repeat(41) })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(c.receiptDocument(null as never)).rejects.toMatchObject({ code: 'invalid' });
    await c.syncNow();
    await c.signOut();
    await expect(c.receiptDocument(ask)).rejects.toThrow(/sign in/);
    core.close();
  });
});
