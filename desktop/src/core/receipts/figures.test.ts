import { formatKhr, vatIncludedIn } from '@shop/shared';
import { describe, expect, it } from 'vitest';
import { figureReceipt, khrRounding, paymentRows, rielToUsdCents, totalRows } from './figures';
import { formatVatInvoiceNumber, seriesFromDeviceId } from './invoice-number';
import { sampleSale } from './sample-receipts';

const labelsOf = (rows: { label: readonly [string, string] }[]) => rows.map((r) => r.label[0]);

describe('receipt figures', () => {
  it('adds the lines after their discounts, takes the sale discount off, and shows the VAT the total contains', () => {
    const figures = figureReceipt(sampleSale());
    // 549.00 − 20.00 + 2 × 12.50 + 4.34 = 558.34; less 5.00 = 553.34.
    expect(figures.subtotalCents).toBe(558_34);
    expect(figures.totalCents).toBe(553_34);
    // 553.34 × 10 / 110 = 50.3036… → $50.30, the server invoice's own rule.
    expect(figures.vat).toMatchObject({ ratePercent: 10, vatCents: 50_30, netCents: 503_04 });
    expect(figures.vat!.vatCents).toBe(vatIncludedIn(553_34, 10));
    // Riel at 4,100, rounded to 100 riel: 2,268,694 → 2,268,700; VAT 206,230 → 206,200; before VAT the difference.
    expect(figures.totalKhr).toBe(2_268_700);
    expect(figures.vat).toMatchObject({ vatKhr: 206_200, netKhr: 2_062_500 });
    expect(totalRows(figures).map((r) => [r.label[0], r.usd, r.khr])).toEqual([
      ['Subtotal', '$558.34', null],
      ['Discount', '-$5.00', null],
      ['Total excl. VAT', '$503.04', '2,062,500៛'],
      ['VAT 10% (included)', '$50.30', '206,200៛'],
      ['Total incl. VAT', '$553.34', '2,268,700៛'],
    ]);
  });

  it('prints no VAT lines for a shop that is not registered, and no subtotal without a sale discount', () => {
    const figures = figureReceipt(sampleSale({ vat: null, discountCents: 0 }));
    expect(figures.vat).toBeNull();
    expect(labelsOf(totalRows(figures))).toEqual(['Total']);
  });

  it('shows what was tendered in its currency with the other beside it, the change, and the riel rounding', () => {
    const model = sampleSale();
    const rows = paymentRows(model, figureReceipt(model));
    expect(rows.map((r) => [r.label[0], r.usd, r.khr])).toEqual([
      ['Cash USD tendered', '$500.00', '≈2,050,000៛'],
      // 250,000 riel at 4,100 is $60.975… → ≈$60.98.
      ['Cash KHR tendered', '≈$60.98', '250,000៛'],
      ['Change KHR', '≈$7.63', '31,300៛'],
      // $53.34 left after the dollars is 218,694 riel exactly; the customer paid 218,700 in notes.
      ['Riel rounding', null, '+6៛'],
    ]);
  });

  it('rounds riel either way: a rate that leaves odd riel can be rounded down, and the line says minus', () => {
    // $12.34 at 4,037 is 49,816.58 → 49,817 riel exactly; paid with 49,800 in notes.
    const payments = [
      { method: 'cash' as const, currency: 'KHR' as const, amount: 49_800, tendered: 50_000, change: 200 },
    ];
    expect(khrRounding(12_34, payments, 4037)).toBe(-17);
    const model = sampleSale({
      lines: [{ sku: 'X', name: 'USB hub', quantity: 1, unitPriceCents: 12_34 }],
      discountCents: 0,
      rielPerUsd: 4037,
      payments,
    });
    const rounding = paymentRows(model, figureReceipt(model)).find((r) => r.label[0] === 'Riel rounding');
    expect(rounding?.khr).toBe(formatKhr(-17));
  });

  it('has no rounding line when nothing was paid in riel, and takes the rounding the sale recorded', () => {
    const usdOnly = sampleSale({
      payments: [{ method: 'cash', currency: 'USD', amount: 553_34, tendered: 600_00, change: 46_66 }],
    });
    const figures = figureReceipt(usdOnly);
    expect(figures.roundingRiel).toBe(0);
    expect(paymentRows(usdOnly, figures).map((r) => [r.label[0], r.usd, r.khr])).toEqual([
      ['Cash USD tendered', '$600.00', '≈2,460,000៛'],
      ['Change USD', '$46.66', '≈191,300៛'],
    ]);
    expect(figureReceipt(sampleSale({ roundingRiel: 44 })).roundingRiel).toBe(44);
  });

  it('gives change in riel for dollars tendered when the counter recorded it so', () => {
    const model = sampleSale({
      payments: [
        {
          method: 'cash',
          currency: 'USD',
          amount: 553_34,
          tendered: 560_00,
          change: 27_300,
          changeCurrency: 'KHR',
        },
      ],
    });
    const figures = figureReceipt(model);
    expect([figures.changeUsdCents, figures.changeKhr]).toEqual([0, 27_300]);
    expect(labelsOf(paymentRows(model, figures))).toEqual(['Cash USD tendered', 'Change KHR']);
  });

  it('marks a KHQR confirmed by staff against the static QR', () => {
    const model = sampleSale({
      payments: [{ method: 'khqr', currency: 'USD', amount: 553_34, staffConfirmed: true }],
    });
    expect(labelsOf(paymentRows(model, figureReceipt(model)))).toEqual(['KHQR USD, confirmed by staff']);
  });

  it('converts riel to cents half up', () => {
    expect(rielToUsdCents(4_100, 4_100)).toBe(100);
    expect(rielToUsdCents(20, 4_000)).toBe(1); // 0.5 cent → 1
    expect(rielToUsdCents(19, 4_000)).toBe(0);
  });
});

describe('VAT invoice numbers', () => {
  it('number each counter in its own series, so offline counters never collide', () => {
    expect(formatVatInvoiceNumber('C1', 45)).toBe('INV-C1-000045');
    expect(formatVatInvoiceNumber('C2', 45)).not.toBe(formatVatInvoiceNumber('C1', 45));
    expect(seriesFromDeviceId('01JEXAMPLE0000000000QZ7K3M')).toBe('QZ7K3M'.slice(-5));
    expect(() => formatVatInvoiceNumber('c-1', 1)).toThrow(/series/);
    expect(() => formatVatInvoiceNumber('C1', 0)).toThrow(/from 1/);
  });
});
