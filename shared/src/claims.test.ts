import { describe, expect, it } from 'vitest';
import { canMoveClaim, claimStatuses, claimTransitions, claimWorkStatuses, code128Svg } from './index';

describe('the claim state table', () => {
  it('follows the issue: received → diagnosing → supplier and back → repaired | replaced | refused → returned', () => {
    expect(canMoveClaim('received', 'diagnosing')).toBe(true);
    expect(canMoveClaim('diagnosing', 'sent_to_supplier')).toBe(true);
    expect(canMoveClaim('sent_to_supplier', 'back_from_supplier')).toBe(true);
    for (const end of ['repaired', 'replaced', 'refused'] as const) {
      expect(canMoveClaim('back_from_supplier', end)).toBe(true);
      expect(canMoveClaim(end, 'returned')).toBe(true);
    }
    expect(canMoveClaim('received', 'repaired')).toBe(false);
    expect(canMoveClaim('sent_to_supplier', 'repaired')).toBe(false);
    expect(claimTransitions.returned).toEqual([]);
  });

  it('every state can still end returned, and work states are moves the table has', () => {
    const reaches = (from: (typeof claimStatuses)[number], seen = new Set<string>()): boolean =>
      from === 'returned' ||
      claimTransitions[from].some((to) => !seen.has(to) && reaches(to, new Set([...seen, from])));
    for (const status of claimStatuses) expect(reaches(status), status).toBe(true);
    for (const work of claimWorkStatuses)
      expect(claimStatuses.some((from) => canMoveClaim(from, work))).toBe(true);
  });

  it('draws a claim number as a Code 128 barcode (SVG bars)', () => {
    const svg = code128Svg('RMA-000042');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ 48"/);
    expect(svg).toContain('<path fill="#000" d="M');
  });
});
