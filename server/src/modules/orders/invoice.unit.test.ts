import { describe, expect, it } from 'vitest';
import { pdfPageCount, pdfTexts } from '../../../test/pdf-text';
import { DEFAULT_SHOP_IDENTITY } from '../settings/service';
import { formatInvoiceDate, summaryRows, vatIncludedIn, type Invoice } from './invoice';
import { renderInvoiceHtml } from './invoice-html';
import { renderInvoicePdf } from './invoice-pdf';
import { khmerFontOnce } from './invoice-typesetter';

function invoiceOf(lines: number, overrides: Partial<Invoice> = {}): Invoice {
  const items = Array.from({ length: lines }, (_, i) => ({
    sku: `MON-AOC-U27B${String(i).padStart(3, '0')}`,
    name: i % 2 ? 'ថាសរឹងអេសអេសឌីសម្រាប់កុំព្យូទ័រយួរដៃល្បឿនលឿនបំផុតសម្រាប់ការងារនិងការលេងហ្គេម' : `Monitor ${i}`,
    quantity: 1,
    cancelledQuantity: 0,
    unitPriceCents: 1000,
    lineTotalCents: 1000,
    warrantyMonths: 24,
    originalUnitPriceCents: null,
    promotionName: null,
  }));
  return {
    orderId: 'o1',
    number: 'W-2001',
    status: 'pending_payment',
    issuedAt: Date.UTC(2025, 0, 31, 17, 30),
    paidAt: null,
    // A shop that set only its name, one that needs escaping.
    shop: { ...DEFAULT_SHOP_IDENTITY, name: 'Shop <b>&</b>' },
    customer: { name: 'សុខ ចាន់ថា', email: null, phone: null },
    fulfilment: 'pickup',
    deliveryAddress: null,
    note: null,
    lines: items,
    subtotalCents: 1000 * lines,
    discounts: [],
    deliveryFeeCents: 0,
    deliveryDays: null,
    totalCents: 1000 * lines,
    rielPerUsd: 4100,
    totalKhr: 41_000 * lines,
    currency: 'USD',
    payment: null,
    refundDueCents: 0,
    vat: null,
    ...overrides,
  };
}

describe('invoice money and dates', () => {
  it('VAT included is rate/(100 + rate) of the VAT-inclusive price, in whole cents, half up', () => {
    expect(vatIncludedIn(11_000, 10)).toBe(1_000); // $110.00 → $10.00
    expect(vatIncludedIn(10_000, 10)).toBe(909); // 909.09…
    expect(vatIncludedIn(6, 10)).toBe(1); // 0.545… → 1
    expect(vatIncludedIn(5, 10)).toBe(0); // 0.4545… → 0
    expect(vatIncludedIn(3, 20)).toBe(1); // exactly 0.5 → 1
    expect(vatIncludedIn(9, 20)).toBe(2); // exactly 1.5 → 2
    expect(vatIncludedIn(0, 10)).toBe(0);
  });

  it('dates are Phnom Penh time (UTC+7, no daylight saving)', () => {
    expect(formatInvoiceDate(Date.UTC(2025, 0, 31, 17, 30))).toBe('1 Feb 2025, 00:30');
    expect(formatInvoiceDate(Date.UTC(2025, 6, 4, 2, 5))).toBe('4 Jul 2025, 09:05');
  });

  it('a VAT invoice adds up in both currencies: excl. VAT + VAT = total', () => {
    const invoice = invoiceOf(1, {
      totalCents: 11_000,
      totalKhr: 451_000,
      vat: { ratePercent: 10, tin: 'K001', vatCents: 1_000, vatKhr: 41_000 },
    });
    const rows = summaryRows(invoice);
    expect(rows.map((r) => [r.label[0], r.usd, r.khr])).toEqual([
      ['Subtotal', '$10.00', null],
      ['Delivery fee', '$0.00', null],
      ['Total excl. VAT', '$100.00', '410,000៛'],
      ['VAT 10% (included)', '$10.00', '41,000៛'],
      ['Total incl. VAT', '$110.00', '451,000៛'],
    ]);
  });
});

describe('the delivery row', () => {
  it('names the days the delivery was promised in, in both languages', () => {
    const invoice = invoiceOf(1, {
      fulfilment: 'delivery',
      deliveryFeeCents: 200,
      deliveryDays: { min: 2, max: 4 },
      totalCents: 1_200,
    });
    expect(summaryRows(invoice)[1]).toMatchObject({
      label: ['Delivery fee (in 2–4 days)', 'ថ្លៃដឹកជញ្ជូន (ក្នុងរយៈពេល 2–4 ថ្ងៃ)'],
      usd: '$2.00',
    });
  });
});

describe('invoice documents', () => {
  it('HTML escapes every value, the shop name included', () => {
    const html = renderInvoiceHtml(invoiceOf(1));
    expect(html).toContain('Shop &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toContain('<b>&</b>');
  });

  it('a long PDF breaks onto further pages, repeating the table header, and ends with the total', async () => {
    const pdf = await renderInvoicePdf(invoiceOf(60), khmerFontOnce());
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(3);
    const texts = pdfTexts(pdf);
    for (let i = 0; i < 60; i++) expect(texts).toContain(`MON-AOC-U27B${String(i).padStart(3, '0')}`);
    expect(texts.filter((t) => t === 'SKU').length).toBeGreaterThanOrEqual(pdfPageCount(pdf) - 1);
    expect(texts).toContain('$600.00');
    expect(texts.filter((t) => t.includes('W-2001')).length).toBeGreaterThan(pdfPageCount(pdf));
  });
});
