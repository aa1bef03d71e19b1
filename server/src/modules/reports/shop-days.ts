import { SHOP_UTC_OFFSET_MS, shopWallClock } from '@shop/shared';

/** The shop's calendar days as `YYYY-MM-DD` (Asia/Phnom_Penh, UTC+7 all year), and the instants they span. */

const DAY_MS = 86_400_000;

export function shopDayOf(epochMs: number): string {
  return shopWallClock(epochMs).toISOString().slice(0, 10);
}

/** The first instant of a shop day (its midnight in Phnom Penh). */
export function shopDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - SHOP_UTC_OFFSET_MS;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The ISO week of a day, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
