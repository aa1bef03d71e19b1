import type { Locale } from './accounts';

/**
 * The shop's clock and calendar, the same on the server, in the browser and at the counter whatever time zone the
 * machine is set to. Cambodia keeps UTC+7 all year (no daylight saving), so a fixed offset gives the shop's wall
 * time without time-zone data.
 */
export const SHOP_TIME_ZONE = 'Asia/Phnom_Penh';
export const SHOP_UTC_OFFSET_MS = 7 * 60 * 60_000;

/**
 * The shop's wall clock at an instant, held in a Date's UTC fields (`getUTCDate()` is the shop's day of the month,
 * `getUTCHours()` its hour), for calendar arithmetic such as "the same day next month".
 */
export function shopWallClock(epochMs: number): Date {
  return new Date(epochMs + SHOP_UTC_OFFSET_MS);
}

/** The instant at which the shop's clock shows what `wallClock`'s UTC fields say: the reverse of `shopWallClock`. */
export function fromShopWallClock(wallClock: Date): number {
  return wallClock.getTime() - SHOP_UTC_OFFSET_MS;
}

export interface ShopClock {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** "14:03": 24 hours, as Cambodian shops write the time. */
  time: string;
}

/** Date and time of day as the shop's clock shows them at an instant. */
export function shopClock(epochMs: number): ShopClock {
  const wall = shopWallClock(epochMs);
  const hour = wall.getUTCHours();
  const minute = wall.getUTCMinutes();
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour,
    minute,
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

const KHMER_MONTHS = [
  'មករា',
  'កុម្ភៈ',
  'មីនា',
  'មេសា',
  'ឧសភា',
  'មិថុនា',
  'កក្កដា',
  'សីហា',
  'កញ្ញា',
  'តុលា',
  'វិច្ឆិកា',
  'ធ្នូ',
];

/**
 * A day on the shop's calendar in the reader's language: "25 Nov 2026", "25 វិច្ឆិកា 2026". Khmer is written by
 * hand: browsers' km-KH data is patchy (Chromium prints "2026 M11 25"), and customers read "25 វិច្ឆិកា 2026".
 * English keeps the platform's own month abbreviations (en-GB writes September "Sept").
 */
export function formatShopDate(epochMs: number, locale: Locale): string {
  if (locale === 'km') {
    const { day, month, year } = shopClock(epochMs);
    return `${day} ${KHMER_MONTHS[month - 1]} ${year}`;
  }
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: SHOP_TIME_ZONE }).format(epochMs);
}

/** A date and time of day on the shop's clock in the reader's language: "25 Nov 2026, 14:09", "25 វិច្ឆិកា 2026 ម៉ោង 14:09". */
export function formatShopDateTime(epochMs: number, locale: Locale): string {
  const { time } = shopClock(epochMs);
  return locale === 'km'
    ? `${formatShopDate(epochMs, locale)} ម៉ោង ${time}`
    : `${formatShopDate(epochMs, locale)}, ${time}`;
}
