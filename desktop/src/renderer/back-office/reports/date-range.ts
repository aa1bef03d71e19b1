import { SHOP_UTC_OFFSET_MS } from '@shop/shared';

/** The presets of the date picker; `custom` keeps the days typed in. */
export const rangePresets = ['today', 'yesterday', 'thisWeek', 'last7', 'thisMonth', 'lastMonth'] as const;
export type RangePreset = (typeof rangePresets)[number];

export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
/** Day arithmetic on `YYYY-MM-DD` at UTC midnight: shop days have no daylight saving, so a day is 24 h. */
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => toDay(toMs(day) + days * DAY_MS);

/** The shop's calendar day (Asia/Phnom_Penh) at `now`, whatever the counter's own time zone. */
export const shopToday = (now = Date.now()) => toDay(now + SHOP_UTC_OFFSET_MS);

/** The days a preset means at `now`, in the shop's time zone; weeks start on Monday (ISO, as the report's weeks). */
export function presetRange(preset: RangePreset, now = Date.now()): DayRange {
  const today = shopToday(now);
  const weekday = (new Date(toMs(today)).getUTCDay() + 6) % 7; // Monday 0
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'thisWeek':
      return { from: addDays(today, -weekday), to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: monthStart, to: today };
    case 'lastMonth': {
      const lastDay = addDays(monthStart, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
  }
}

/** The period of the same length just before: what "compared with the previous period" compares with. */
export function previousRange({ from, to }: DayRange): DayRange {
  const days = Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** Change from `before` to `now` in percent, one decimal; null when there was nothing before to compare with. */
export function changePercent(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
}

export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toMs(value));
