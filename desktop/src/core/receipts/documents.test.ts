import { khmerFontOnce } from '@shop/server/invoice-typesetter';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { NotVatRegistered } from './model';
import { sampleSale, sampleVatInvoice } from './sample-receipts';
import { renderA4ReceiptHtml, renderVatInvoiceHtml } from './sheet-html';
import { renderA4ReceiptPdf, renderVatInvoicePdf } from './sheet-pdf';
import { renderSlipHtml } from './slip-html';
import { renderSlipPdf } from './slip-pdf';
import { pdfPageGrey, pdfToText, scan } from './testkit';

const font = khmerFontOnce();
const squash = (text: string) => text.replace(/\s+/g, ' ');
/** Khmer OS embedded as a subset (its name prefixed by six capitals), as the server's invoice checks. */
const KHMER_FONT_EMBEDDED = /\/BaseFont \/[A-Z]{6}\+KhmerOS/;

describe('the 80 mm receipt', () => {
  it('as a PDF one slip long, 80 mm wide, with Khmer text and every figure', async () => {
    const pdf = await renderSlipPdf(sampleSale(), font);
    expect(pdf.toString('latin1')).toMatch(KHMER_FONT_EMBEDDED);
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(Number(box![1])).toBeCloseTo((80 * 72) / 25.4, 1);
    expect(Number(box![2])).toBeGreaterThan(400);
    const text = squash(pdfToText(pdf));
    // Words whose letters come out in reading order (pre-base vowels come out first, in visual order).
    for (const khmer of ['ហាងកុំព្យូទ័រ អង្គរ', 'ទូរស័ព្ទ', 'សរុបរង', 'សរុបរួមអតប', 'អ្នកគិតលុយ', 'ការទូទាត់'])
      expect(text).toContain(khmer);
    for (const figure of [
      '$553.34',
      '2,268,700៛',
      '$50.30',
      '206,200៛',
      '+6៛',
      '31,300៛',
      'C1-000123',
      'K001-901234567',
    ])
      expect(text).toContain(figure);
  });

  it('carries a barcode a scanner reads as the receipt number, on the slip and on the A4 page', async () => {
    for (const pdf of [
      await renderSlipPdf(sampleSale({ receiptNumber: 'C2-004711' }), font),
      await renderA4ReceiptPdf(sampleSale({ receiptNumber: 'C2-004711' }), font),
    ]) {
      const { luminance, width, height } = pdfPageGrey(pdf, 200);
      expect(scan(luminance, width, height)).toBe('C2-004711');
    }
  });

  it('as a printable page: 80 mm @page, the barcode, Khmer labels, every value escaped', () => {
    const html = renderSlipHtml(
      sampleSale({ customer: { name: '<script>alert(1)</script> & Co' }, footer: '"Quoted" <b>' }),
    );
    expect(html).toContain('@page { size: 80mm 297mm; margin: 0; }');
    expect(html).toContain('<svg class="barcode"');
    expect(html).toContain('aria-label="C1-000123"');
    expect(html).toContain('សរុបរួមអតប / Total incl. VAT');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('&quot;Quoted&quot; &lt;b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('2,268,700៛');
  });

  it("draws the page's barcode as SVG bars that a scanner reads", async () => {
    const svg = /<svg class="barcode"[^]*?<\/svg>/.exec(
      renderSlipHtml(sampleSale({ receiptNumber: 'R-77-2026' })),
    )![0];
    const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
      .flatten({ background: '#ffffff' })
      .extend({ top: 20, bottom: 20, left: 40, right: 40, background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(scan(new Uint8ClampedArray(data), info.width, info.height)).toBe('R-77-2026');
  });

  it('refuses money that is not whole minor units, rather than print a wrong sum', () => {
    const fractional = sampleSale({ lines: [{ sku: 'X', name: 'Cable', quantity: 1, unitPriceCents: 4.5 }] });
    expect(() => renderSlipHtml(fractional)).toThrow(/integer of minor units/);
  });

  it('loads the bundled Khmer OS when told where it is, and refuses a URL that could break out of the style', () => {
    const html = renderSlipHtml(sampleSale(), { khmerFontUrl: 'file:///opt/shop/fonts/KhmerOS.ttf' });
    expect(html).toContain(
      `@font-face { font-family: 'Khmer OS'; src: url("file:///opt/shop/fonts/KhmerOS.ttf")`,
    );
    expect(renderSlipHtml(sampleSale())).not.toContain('@font-face');
    expect(() => renderSlipHtml(sampleSale(), { khmerFontUrl: 'x");}</style><script>' })).toThrow(RangeError);
  });

  it('in English: English labels first, Khmer beside', () => {
    const html = renderSlipHtml(sampleSale({ language: 'en' }));
    expect(html).toContain('Total incl. VAT / សរុបរួមអតប');
    expect(html).toContain('<html lang="en">');
  });
});

describe('the A4 receipt', () => {
  it('as a PDF and as a page, with the same figures', async () => {
    const text = squash(pdfToText(await renderA4ReceiptPdf(sampleSale({ language: 'en' }), font)));
    const html = renderA4ReceiptHtml(sampleSale({ language: 'en' }));
    expect(html).toContain('@page { size: A4; margin: 14mm; }');
    for (const figure of [
      '$529.00',
      '$553.34',
      '2,268,700៛',
      '$503.04',
      '2,062,500៛',
      'SN-X515-88231',
      '≈$7.63',
    ]) {
      expect(text).toContain(figure);
      expect(html).toContain(figure);
    }
    expect(text).toContain('Subtotal / សរុបរង');
  });
});

describe('the VAT invoice', () => {
  it('carries what Prakas 723 asks: seller and buyer with their TINs, number, lines, amount before VAT, VAT, total in riel', async () => {
    const pdf = await renderVatInvoicePdf(sampleSale({ language: 'en' }), sampleVatInvoice(), font);
    expect(pdf.toString('latin1')).toMatch(KHMER_FONT_EMBEDDED);
    const text = squash(pdfToText(pdf));
    for (const expected of [
      'Tax invoice',
      'INV-C1-000045',
      'Angkor Computer',
      'ហាងកុំព្យូទ័រ អង្គរ',
      'No. 12, Street 310',
      'K001-901234567',
      'អ្នកទិញ / Buyer',
      'K002-100200300',
      'ASUS VivoBook 15',
      'Total excl. VAT $503.04 2,062,500៛',
      'VAT 10% (included) $50.30 206,200៛',
      'Total incl. VAT $553.34 2,268,700៛',
      "Buyer's signature",
    ])
      expect(text).toContain(expected);
    // Khmer first, whatever the counter's language: the law wants Khmer.
    expect(text.indexOf('សរុបមិនរួមអតប')).toBeLessThan(text.indexOf('Total excl. VAT'));
  });

  it('as a page, with the buyer escaped', () => {
    const request = { ...sampleVatInvoice(), buyer: { name: 'A&B <Ltd>', tin: 'K9-1' } };
    const html = renderVatInvoiceHtml(sampleSale(), request);
    expect(html).toContain('A&amp;B &lt;Ltd&gt;');
    expect(html).toContain('K9-1');
    expect(html).toContain('INV-C1-000045');
    expect(html).toContain('2,268,700៛');
  });

  it('is refused for a shop not registered for VAT, rather than printed without a TIN', async () => {
    await expect(renderVatInvoicePdf(sampleSale({ vat: null }), sampleVatInvoice(), font)).rejects.toThrow(
      NotVatRegistered,
    );
    expect(() => renderVatInvoiceHtml(sampleSale({ vat: null }), sampleVatInvoice())).toThrow(/VAT TIN/);
  });
});
