import { describe, expect, it } from 'vitest';
import { warrantyUntil } from '@shop/shared';

/** Warranties run in calendar months on the shop's calendar (Cambodia, UTC+7). */
const phnomPenh = (local: string) => Date.parse(`${local}+07:00`);

describe('warranty end', () => {
  it('is the same day and time of the month, months later', () => {
    expect(warrantyUntil(phnomPenh('2024-05-15T14:30:00'), 12)).toBe(phnomPenh('2025-05-15T14:30:00'));
    expect(warrantyUntil(phnomPenh('2024-11-20T09:00:00'), 3)).toBe(phnomPenh('2025-02-20T09:00:00'));
    expect(warrantyUntil(phnomPenh('2024-05-15T14:30:00'), 0)).toBe(phnomPenh('2024-05-15T14:30:00'));
  });

  it('ends on the last day of a shorter month', () => {
    expect(warrantyUntil(phnomPenh('2024-01-31T10:00:00'), 1)).toBe(phnomPenh('2024-02-29T10:00:00'));
    expect(warrantyUntil(phnomPenh('2023-01-31T10:00:00'), 1)).toBe(phnomPenh('2023-02-28T10:00:00'));
    expect(warrantyUntil(phnomPenh('2024-02-29T10:00:00'), 12)).toBe(phnomPenh('2025-02-28T10:00:00'));
    expect(warrantyUntil(phnomPenh('2024-08-31T10:00:00'), 1)).toBe(phnomPenh('2024-09-30T10:00:00'));
  });

  it("counts days on the shop's calendar, not UTC's", () => {
    // 31 March, 05:00 in Phnom Penh is still 30 March in UTC: one month later is 30 April in Phnom Penh, not 1 May.
    expect(warrantyUntil(phnomPenh('2024-03-31T05:00:00'), 1)).toBe(phnomPenh('2024-04-30T05:00:00'));
  });
});
