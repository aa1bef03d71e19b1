import { afterEach, describe, expect, it } from 'vitest';
import {
  formatShopDate,
  formatShopDateTime,
  fromShopWallClock,
  SHOP_TIME_ZONE,
  shopClock,
  shopWallClock,
} from './shop-time';

// 2026-11-25 07:09 UTC is 14:09 in Phnom Penh (UTC+7).
const moment = Date.UTC(2026, 10, 25, 7, 9);

describe('the shop clock', () => {
  it('reads Phnom Penh time, seven hours ahead of UTC', () => {
    expect(shopClock(moment)).toEqual({ year: 2026, month: 11, day: 25, hour: 14, minute: 9, time: '14:09' });
    expect(shopClock(0)).toEqual({ year: 1970, month: 1, day: 1, hour: 7, minute: 0, time: '07:00' });
  });

  it('turns the day, month and year at midnight in Phnom Penh, not in UTC', () => {
    expect(shopClock(Date.UTC(2026, 11, 31, 16, 59))).toMatchObject({
      year: 2026,
      month: 12,
      day: 31,
      time: '23:59',
    });
    expect(shopClock(Date.UTC(2026, 11, 31, 17, 0))).toMatchObject({
      year: 2027,
      month: 1,
      day: 1,
      time: '00:00',
    });
    expect(shopClock(Date.UTC(2024, 1, 28, 17, 30))).toMatchObject({
      year: 2024,
      month: 2,
      day: 29,
      time: '00:30',
    });
  });

  it('goes to and from the wall clock', () => {
    const wall = shopWallClock(Date.UTC(2025, 2, 12, 7, 3));
    expect(wall.getUTCDate()).toBe(12);
    expect(wall.getUTCHours()).toBe(14);
    expect(fromShopWallClock(new Date(Date.UTC(2025, 0, 1, 0, 0)))).toBe(Date.UTC(2024, 11, 31, 17, 0));
    expect(fromShopWallClock(shopWallClock(moment))).toBe(moment);
  });

  it('agrees with the time-zone database for Phnom Penh over decades', () => {
    const tz = new Intl.DateTimeFormat('en-GB', {
      timeZone: SHOP_TIME_ZONE,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let year = 1980; year <= 2060; year += 7) {
      for (const at of [
        Date.UTC(year, 0, 1, 16, 59),
        Date.UTC(year, 5, 30, 17, 1),
        Date.UTC(year, 9, 15, 3, 30),
      ]) {
        const parts = Object.fromEntries(tz.formatToParts(at).map((p) => [p.type, p.value]));
        const clock = shopClock(at);
        expect(`${clock.day}/${clock.month}/${clock.year} ${clock.time}`, new Date(at).toISOString()).toBe(
          `${Number(parts.day)}/${Number(parts.month)}/${parts.year} ${parts.hour}:${parts.minute}`,
        );
      }
    }
  });
});

describe("dates in the reader's language", () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('writes Khmer dates with Khmer month names and a 24-hour time', () => {
    expect(formatShopDate(moment, 'km')).toBe('25 វិច្ឆិកា 2026');
    expect(formatShopDateTime(moment, 'km')).toBe('25 វិច្ឆិកា 2026 ម៉ោង 14:09');
    expect(formatShopDate(Date.UTC(2027, 0, 5, 3), 'km')).toBe('5 មករា 2027');
    expect(formatShopDate(Date.UTC(2027, 3, 14, 3), 'km')).toBe('14 មេសា 2027');
    expect(formatShopDate(Date.UTC(2027, 11, 24, 3), 'km')).toBe('24 ធ្នូ 2027');
  });

  it('writes English dates day first, with a 24-hour time', () => {
    expect(formatShopDate(moment, 'en')).toBe('25 Nov 2026');
    expect(formatShopDateTime(moment, 'en')).toBe('25 Nov 2026, 14:09');
    expect(formatShopDateTime(Date.UTC(2025, 2, 12, 7, 3), 'en')).toBe('12 Mar 2025, 14:03');
  });

  it('turns the date at midnight Phnom Penh time', () => {
    expect(formatShopDate(Date.UTC(2026, 11, 31, 17, 30), 'km')).toBe('1 មករា 2027');
    expect(formatShopDateTime(Date.UTC(2026, 11, 31, 17, 30), 'en')).toBe('1 Jan 2027, 00:30');
    expect(formatShopDateTime(Date.UTC(2026, 11, 31, 16, 30), 'en')).toBe('31 Dec 2026, 23:30');
  });

  it('does not depend on the time zone of the machine', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      expect(formatShopDateTime(moment, 'en'), zone).toBe('25 Nov 2026, 14:09');
      expect(formatShopDateTime(moment, 'km'), zone).toBe('25 វិច្ឆិកា 2026 ម៉ោង 14:09');
    }
  });
});
