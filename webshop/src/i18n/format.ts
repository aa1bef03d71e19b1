import type { Locale } from '@shop/shared';

const SHOP_TIME_ZONE = 'Asia/Phnom_Penh';

const khmerMonths = [
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

/** Day, month, year, hour and minute as the shop's clock shows them, whatever the device's time zone. */
function shopClock(epochMs: number) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SHOP_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: Number(part('day')),
    month: Number(part('month')),
    year: part('year'),
    time: `${part('hour')}:${part('minute')}`,
  };
}

/**
 * Khmer is written by hand: browsers' km-KH data is patchy (Chromium prints "2026 M11 25"), and customers read
 * "25 វិច្ឆិកា 2026".
 */
export function formatDate(epochMs: number, locale: Locale): string {
  if (locale === 'km') {
    const { day, month, year } = shopClock(epochMs);
    return `${day} ${khmerMonths[month - 1]} ${year}`;
  }
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: SHOP_TIME_ZONE }).format(epochMs);
}

/** A date and time in the customer's language, on the shop's clock (24-hour, as Cambodian shops write it). */
export function formatDateTime(epochMs: number, locale: Locale): string {
  if (locale === 'km') return `${formatDate(epochMs, locale)} ម៉ោង ${shopClock(epochMs).time}`;
  return `${formatDate(epochMs, locale)}, ${shopClock(epochMs).time}`;
}
