import { describe, expect, it } from 'vitest';
import { areasFor } from '../areas';
import { toCsv } from './csv';
import { changePercent, presetRange, previousRange, shopToday } from './date-range';

/** 2026-12-09 (a Wednesday) at 23:30 in Phnom Penh: 16:30 UTC. */
const lateWednesday = Date.parse('2026-12-09T16:30:00Z');

describe('report date ranges in the shop time zone', () => {
  it('counts the day by Phnom Penh time: 23:30 local is that day, 00:30 local the next', () => {
    expect(shopToday(lateWednesday)).toBe('2026-12-09');
    expect(shopToday(Date.parse('2026-12-09T17:30:00Z'))).toBe('2026-12-10');
  });

  it('gives each preset its days, weeks from Monday', () => {
    const at = (preset: Parameters<typeof presetRange>[0]) => presetRange(preset, lateWednesday);
    expect(at('today')).toEqual({ from: '2026-12-09', to: '2026-12-09' });
    expect(at('yesterday')).toEqual({ from: '2026-12-08', to: '2026-12-08' });
    expect(at('thisWeek')).toEqual({ from: '2026-12-07', to: '2026-12-09' });
    expect(at('last7')).toEqual({ from: '2026-12-03', to: '2026-12-09' });
    expect(at('thisMonth')).toEqual({ from: '2026-12-01', to: '2026-12-09' });
    expect(at('lastMonth')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('lastMonth', Date.parse('2026-03-05T03:00:00Z'))).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('compares with the period of the same length just before', () => {
    expect(previousRange({ from: '2026-12-09', to: '2026-12-09' })).toEqual({
      from: '2026-12-08',
      to: '2026-12-08',
    });
    expect(previousRange({ from: '2026-12-01', to: '2026-12-07' })).toEqual({
      from: '2026-11-24',
      to: '2026-11-30',
    });
    expect(changePercent(150, 100)).toBe(50);
    expect(changePercent(2, 3)).toBe(-33.3);
    expect(changePercent(5, 0)).toBeNull();
  });
});

describe('report CSV', () => {
  it('starts with the UTF-8 byte-order mark and quotes what needs quoting', () => {
    const csv = toCsv([
      ['Product', 'Net'],
      ['កាស, "ស"', '1.00'],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Product,Net\r\n"កាស, ""ស""",1.00\r\n');
  });
});

describe('who is offered reports', () => {
  it('staff get the reports area (their shift) but not system health; admins both', () => {
    const staff = areasFor('staff').map((area) => area.path);
    expect(staff).toContain('reports');
    expect(staff).not.toContain('health');
    expect(areasFor('admin').map((area) => area.path)).toEqual(expect.arrayContaining(['reports', 'health']));
  });
});
