import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

// 2026-11-25 07:09 UTC is 14:09 in Phnom Penh (UTC+7), whatever the machine running the test says.
const moment = Date.UTC(2026, 10, 25, 7, 9);

describe('dates on the shop clock', () => {
  it('writes Khmer dates with Khmer month names and a 24-hour time', () => {
    expect(formatDate(moment, 'km')).toBe('25 វិច្ឆិកា 2026');
    expect(formatDateTime(moment, 'km')).toBe('25 វិច្ឆិកា 2026 ម៉ោង 14:09');
  });

  it('writes English dates in Phnom Penh time', () => {
    expect(formatDate(moment, 'en')).toBe('25 Nov 2026');
    expect(formatDateTime(moment, 'en')).toBe('25 Nov 2026, 14:09');
  });

  it('turns the day at midnight Phnom Penh time, not UTC', () => {
    expect(formatDate(Date.UTC(2026, 11, 31, 17, 30), 'km')).toBe('1 មករា 2027');
  });
});
