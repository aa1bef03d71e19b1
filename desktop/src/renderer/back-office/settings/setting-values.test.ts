import { describe, expect, it } from 'vitest';
import { parsed, read, shown, write, type SettingField } from './setting-values';

const usd: SettingField = { path: 'deliveryFeeCents', label: 'Delivery fee', kind: 'usd' };
const rate: SettingField = { path: 'rielPerUsd', label: 'Rate', kind: 'number' };
const footer: SettingField = { path: 'receiptFooter', label: 'Footer', kind: 'text' };

describe('a setting as a form and back', () => {
  it('shows cents as dollars and sends dollars as whole cents, with no float drift', () => {
    expect(shown(usd, 250)).toBe('2.50');
    expect(parsed(usd, '2.50')).toBe(250);
    expect(parsed(usd, '$19.99')).toBe(1999);
    expect(parsed(usd, '0.29')).toBe(29);
  });

  it('sends an empty number or amount as null and anything else typed as typed, for the server to name', () => {
    expect(parsed(usd, '  ')).toBeNull();
    expect(parsed(rate, '')).toBeNull();
    expect(parsed(rate, ' 4100 ')).toBe(4100);
    expect(parsed(rate, 'four thousand')).toBe('four thousand');
    expect(parsed(usd, 'free')).toBe('free');
  });

  it('keeps text as typed (the shared rules trim it) and shows null as empty', () => {
    expect(parsed(footer, ' Thank you ')).toBe(' Thank you ');
    expect(shown(footer, null)).toBe('');
  });

  it('reads and writes nested fields without touching the value it came from', () => {
    const answered = { discountLimitPercent: { staff: 10, admin: 100 }, receiptPaper: 'slip80' };
    expect(read(answered, 'discountLimitPercent.staff')).toBe(10);
    expect(read(answered, 'nothing.here')).toBeUndefined();
    const draft = structuredClone(answered) as Record<string, unknown>;
    write(draft, 'discountLimitPercent.staff', 15);
    expect(draft).toEqual({ discountLimitPercent: { staff: 15, admin: 100 }, receiptPaper: 'slip80' });
    expect(answered.discountLimitPercent.staff).toBe(10);
    write(draft, 'merchantId', undefined);
    expect(JSON.parse(JSON.stringify(draft))).not.toHaveProperty('merchantId');
  });
});
