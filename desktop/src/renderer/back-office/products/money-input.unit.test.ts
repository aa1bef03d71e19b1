import { describe, expect, it } from 'vitest';
import { centsOfText, textOfCents } from './money-input';

describe('prices typed in the back office', () => {
  it('reads dollars as staff type them, in whole cents', () => {
    expect(centsOfText('329')).toBe(32900);
    expect(centsOfText(' 1,299.5 ')).toBe(129950);
    expect(centsOfText('$0.07')).toBe(7);
    // 0.29 * 100 is 28.999… in floating point: rounded, not cut.
    expect(centsOfText('0.29')).toBe(29);
  });

  it('answers null for an empty field and NaN for what is not a price', () => {
    expect(centsOfText('')).toBeNull();
    expect(centsOfText('   ')).toBeNull();
    for (const wrong of ['12.345', '-3', '1e3', 'twelve', '1.2.3']) expect(centsOfText(wrong)).toBeNaN();
  });

  it('writes cents back as the field shows them', () => {
    expect(textOfCents(32900)).toBe('329.00');
    expect(textOfCents(7)).toBe('0.07');
    expect(textOfCents(null)).toBe('');
    expect(textOfCents(undefined)).toBe('');
  });
});
