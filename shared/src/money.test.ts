import { describe, expect, it } from 'vitest';
import { formatKhr, formatUsd, KHR_CASH_STEP, usdCentsToKhr } from './money';

describe('USD to riel at the shop rate', () => {
  it('converts whole amounts exactly', () => {
    expect(usdCentsToKhr(100, 4100)).toBe(4100); // $1.00
    expect(usdCentsToKhr(2_500, 4000)).toBe(100_000); // $25.00
    expect(usdCentsToKhr(79_900, 4100)).toBe(3_275_900); // $799.00
  });

  it('rounds to the 100-riel note, the smallest in daily use', () => {
    expect(KHR_CASH_STEP).toBe(100);
    expect(usdCentsToKhr(1_999, 4100)).toBe(82_000); // $19.99 = 81,959 riel
    expect(usdCentsToKhr(1_234_567, 4100)).toBe(50_617_200); // $12,345.67 = 50,617,247 riel
    expect(usdCentsToKhr(5, 4100)).toBe(200); // 205 riel
    expect(usdCentsToKhr(2, 4100)).toBe(100); // 82 riel
    expect(usdCentsToKhr(1, 4100)).toBe(0); // 41 riel
  });

  it('rounds an exact half step up, not to even', () => {
    expect(usdCentsToKhr(2, 2500)).toBe(100); // 50 riel
    expect(usdCentsToKhr(6, 2500)).toBe(200); // 150 riel
    expect(usdCentsToKhr(10, 2500)).toBe(300); // 250 riel: half to even would give 200
    expect(usdCentsToKhr(18, 2500)).toBe(500); // 450 riel
  });

  it('rounds amounts with half a riel by the whole amount', () => {
    expect(usdCentsToKhr(13, 1150)).toBe(100); // 149.5 riel: just under half a step
    expect(usdCentsToKhr(1, 4150)).toBe(0); // 41.5 riel
    expect(usdCentsToKhr(123, 4150)).toBe(5_100); // 5,104.5 riel
    expect(usdCentsToKhr(37, 4150)).toBe(1_500); // 1,535.5 riel
    expect(usdCentsToKhr(11, 4550)).toBe(500); // 500.5 riel
  });

  it('converts nothing to nothing', () => {
    expect(usdCentsToKhr(0, 4100)).toBe(0);
  });

  it('converts negative amounts (money going back) with the same half-up rule, towards more money', () => {
    expect(usdCentsToKhr(-100, 4100)).toBe(-4100);
    expect(usdCentsToKhr(-1_999, 4100)).toBe(-82_000); // -81,959 riel
    expect(usdCentsToKhr(-3, 2500)).toBe(-100); // -75 riel
    // -50 riel is half a step: half-up goes towards zero here, so it becomes 0 (and +50 riel becomes 100).
    expect(usdCentsToKhr(-2, 2500)).toBe(0);
  });

  it('keeps large amounts exact', () => {
    expect(usdCentsToKhr(100_000_000, 4100)).toBe(4_100_000_000); // $1,000,000.00
    // $876,543,210.99 = 3,593,827,165,059 riel
    expect(usdCentsToKhr(87_654_321_099, 4100)).toBe(3_593_827_165_100);
  });

  it('refuses money that is not whole minor units, and a rate that is not whole riel per dollar', () => {
    expect(() => usdCentsToKhr(12.5, 4100)).toThrow(RangeError);
    expect(() => usdCentsToKhr(Number.NaN, 4100)).toThrow(RangeError);
    expect(() => usdCentsToKhr(2 ** 53, 4100)).toThrow(RangeError);
    expect(() => usdCentsToKhr(100, 0)).toThrow('rielPerUsd must be a positive integer');
    expect(() => usdCentsToKhr(100, -4100)).toThrow(RangeError);
    expect(() => usdCentsToKhr(100, 4100.5)).toThrow(RangeError);
  });
});

describe('money as people read it', () => {
  it('writes US dollars with cents and thousands separators', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(100)).toBe('$1.00');
    expect(formatUsd(123_456)).toBe('$1,234.56');
    expect(formatUsd(100_000_000)).toBe('$1,000,000.00');
  });

  it('puts the minus before the dollar sign', () => {
    expect(formatUsd(-5)).toBe('-$0.05');
    expect(formatUsd(-123_456)).toBe('-$1,234.56');
  });

  it('writes riel as whole numbers with the riel sign after', () => {
    expect(formatKhr(0)).toBe('0៛');
    expect(formatKhr(4100)).toBe('4,100៛');
    expect(formatKhr(-5000)).toBe('-5,000៛');
    expect(formatKhr(410_000_000_000)).toBe('410,000,000,000៛');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => formatUsd(1.5)).toThrow(RangeError);
    expect(() => formatKhr(0.5)).toThrow(RangeError);
  });
});
