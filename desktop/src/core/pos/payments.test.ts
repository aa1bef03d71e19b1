import { describe, expect, it } from 'vitest';
import { product } from '../test-support/fixtures';
import { addLine, cartTotals, emptyCart } from './cart';
import { removeLastPayment, takePayment } from './payments';

const rate = 4_100;
const hit = (priceCents: number) => ({
  ...product('p1', { priceCents }),
  unitPriceCents: priceCents,
});
const cartOf = (priceCents: number) => addLine(emptyCart(), hit(priceCents));

describe('taking payment at the counter', () => {
  it('gives dollar change for dollars', () => {
    const cart = takePayment(cartOf(12_34), { method: 'cash', currency: 'USD', tendered: 20_00 }, rate);
    expect(cart.payments[0]).toMatchObject({
      amount: 12_34,
      tendered: 20_00,
      change: 7_66,
      changeCurrency: 'USD',
    });
    expect(cartTotals(cart).dueCents).toBe(0);
  });

  it('rounds what is due in riel to 100 riel and shows the rounding as its own amount', () => {
    // $12.34 at 4,100 = 50,594 riel: due 50,600, the 6 riel are the rounding line.
    const cart = takePayment(cartOf(12_34), { method: 'cash', currency: 'KHR', tendered: 60_000 }, rate);
    expect(cart.payments[0]).toMatchObject({
      amount: 50_600,
      change: 9_400,
      changeCurrency: 'KHR',
      roundingRiel: 6,
    });
    expect(cartTotals(cart)).toMatchObject({ dueCents: 0, roundingRiel: 6 });
  });

  it('rounds down too: $12.31 is 50,471 riel, due 50,500 (+29); $12.30 is 50,430, due 50,400 (-30)', () => {
    const up = takePayment(cartOf(12_31), { method: 'cash', currency: 'KHR', tendered: 50_500 }, rate);
    expect(up.payments[0]).toMatchObject({ amount: 50_500, change: 0, roundingRiel: 29 });
    const down = takePayment(cartOf(12_30), { method: 'cash', currency: 'KHR', tendered: 50_400 }, rate);
    expect(down.payments[0]).toMatchObject({ amount: 50_400, change: 0, roundingRiel: -30 });
  });

  it('gives change for dollars in riel, rounded down to a note', () => {
    // $7.66 over = 31,406 riel → 31,400 riel handed back.
    const cart = takePayment(
      cartOf(12_34),
      { method: 'cash', currency: 'USD', tendered: 20_00, changeCurrency: 'KHR' },
      rate,
    );
    expect(cart.payments[0]).toMatchObject({ amount: 12_34, change: 31_400, changeCurrency: 'KHR' });
  });

  it('splits: part in dollars, the rest in riel, the rest by KHQR confirmed by staff', () => {
    let cart = cartOf(30_00);
    cart = takePayment(cart, { method: 'cash', currency: 'USD', tendered: 10_00 }, rate);
    expect(cartTotals(cart).dueCents).toBe(20_00);
    cart = takePayment(cart, { method: 'cash', currency: 'KHR', tendered: 41_000 }, rate);
    expect(cartTotals(cart).dueCents).toBe(10_00);
    expect(() =>
      takePayment(cart, { method: 'khqr', currency: 'USD', amount: 10_00, staffConfirmed: false }, rate),
    ).toThrow(/confirm/);
    expect(() =>
      takePayment(cart, { method: 'khqr', currency: 'USD', amount: 11_00, staffConfirmed: true }, rate),
    ).toThrow(/more than what is due/);
    cart = takePayment(cart, { method: 'khqr', currency: 'USD', amount: 10_00, staffConfirmed: true }, rate);
    expect(cartTotals(cart).dueCents).toBe(0);
    expect(cartTotals(removeLastPayment(cart)).dueCents).toBe(10_00);
  });

  it('refuses amounts that are not whole, riel cash off the 100 step, and paying a paid sale', () => {
    const cart = cartOf(5_00);
    expect(() => takePayment(cart, { method: 'cash', currency: 'USD', tendered: 1.5 }, rate)).toThrow(
      /whole/,
    );
    expect(() => takePayment(cart, { method: 'cash', currency: 'KHR', tendered: 20_050 }, rate)).toThrow(
      /100/,
    );
    const paid = takePayment(cart, { method: 'cash', currency: 'USD', tendered: 5_00 }, rate);
    expect(() => takePayment(paid, { method: 'cash', currency: 'USD', tendered: 1_00 }, rate)).toThrow(
      /paid/,
    );
    expect(() =>
      takePayment(emptyCart(), { method: 'cash', currency: 'USD', tendered: 1_00 }, rate),
    ).toThrow();
  });
});
