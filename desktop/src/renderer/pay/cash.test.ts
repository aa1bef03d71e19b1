import { describe, expect, it } from 'vitest';
import { takePayment } from '../../core/pos/payments';
import { addLine, emptyCart } from '../../core/pos/cart';
import { changeFor, dueInCurrency, typedCash } from './cash';

describe('cash at the counter', () => {
  it('reads typed cash per currency and refuses what is not an amount', () => {
    expect(typedCash('20', 'USD')).toBe(20_00);
    expect(typedCash('12.5', 'USD')).toBe(12_50);
    expect(typedCash('50,000', 'KHR')).toBe(50_000);
    expect(typedCash('50000 ៛', 'KHR')).toBe(50_000);
    expect(typedCash('12.5', 'KHR')).toBeNull();
    expect(typedCash('abc', 'USD')).toBeNull();
    expect(typedCash('', 'KHR')).toBeNull();
  });

  it('shows the change in both currencies exactly as the core records it, riel down to 100', () => {
    const rate = 4_100;
    const cart = addLine(
      emptyCart(),
      {
        id: 'p',
        sku: 'P',
        name: 'Mouse',
        barcode: null,
        unitPriceCents: 12_34,
        priceCents: 12_34,
        serialized: false,
        warrantyMonths: 0,
        active: true,
        available: 5,
        thumbnailUrl: null,
      },
      1,
    );
    // $20 for $12.34: $7.66 back, or 31,406 riel rounded down to 31,400 (6 riel shown as rounded off).
    expect(changeFor(20_00, 'USD', 12_34, rate)).toEqual({ usdCents: 7_66, khr: 31_400, khrRoundedOff: 6 });
    const inRiel = takePayment(
      cart,
      { method: 'cash', currency: 'USD', tendered: 20_00, changeCurrency: 'KHR' },
      rate,
    );
    expect(inRiel.payments[0]!.change).toBe(31_400);

    // 100,000 riel for 50,600 riel due: 49,400 riel back, or $12.04 (12.0487… rounded down).
    expect(dueInCurrency('KHR', 12_34, rate)).toBe(50_600);
    expect(changeFor(100_000, 'KHR', 12_34, rate)).toEqual({
      usdCents: 12_04,
      khr: 49_400,
      khrRoundedOff: 0,
    });
    const inDollars = takePayment(
      cart,
      { method: 'cash', currency: 'KHR', tendered: 100_000, changeCurrency: 'USD' },
      rate,
    );
    expect(inDollars.payments[0]!.change).toBe(12_04);
    expect(changeFor(50_000, 'KHR', 12_34, rate)).toBeNull();
  });
});
