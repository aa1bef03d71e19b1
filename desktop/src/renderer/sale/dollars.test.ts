import { describe, expect, it } from 'vitest';
import { centsToDollars, dollarsToCents } from './dollars';

describe('dollars typed at the counter', () => {
  it('reads whole dollars, cents and the dollar sign as integer cents', () => {
    expect(dollarsToCents('5')).toBe(500);
    expect(dollarsToCents('5.5')).toBe(550);
    expect(dollarsToCents(' $12.05 ')).toBe(1205);
    expect(dollarsToCents('1,299.99')).toBe(129999);
    expect(dollarsToCents('0.1')).toBe(10);
  });

  it('refuses what is not an amount instead of guessing', () => {
    for (const bad of ['', '-5', '5.555', 'abc', '1e3', '.5'.repeat(2)])
      expect(dollarsToCents(bad)).toBeNull();
  });

  it('writes cents back for editing', () => {
    expect(centsToDollars(1205)).toBe('12.05');
    expect(centsToDollars(0)).toBe('0');
  });
});
