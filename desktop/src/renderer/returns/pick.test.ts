import { describe, expect, it } from 'vitest';
import type { ReturnableSale } from '../../core/pos/returnable';
import { countTotal } from '../shifts/denominations';
import { firstWay, pickedLines, proposedRefund, rielTyped } from './pick';

const sale: ReturnableSale = {
  saleId: 's1',
  receiptNumber: 'C0UNT-000007',
  at: 0,
  totalCents: 553_68,
  refundableCents: 100_00,
  rielPerUsd: 4_100,
  paidWith: [{ method: 'khqr', currency: 'KHR' }],
  lines: [
    {
      productId: 'lap',
      name: 'Laptop',
      sold: 1,
      returned: 0,
      left: 1,
      unitRefundCents: 529_00,
      serials: ['SN-1'],
    },
    { productId: 'mouse', name: 'Mouse', sold: 2, returned: 0, left: 2, unitRefundCents: 12_34, serials: [] },
  ],
};

describe('what the returns screen sends and proposes', () => {
  it('sends only the lines picked, a serialized line with exactly its serials', () => {
    expect(
      pickedLines(sale, {
        lap: { quantity: 1, serials: ['SN-1'] },
        mouse: { quantity: 0, serials: [] },
      }),
    ).toEqual([{ productId: 'lap', quantity: 1, serials: ['SN-1'] }]);
    expect(pickedLines(sale, { mouse: { quantity: 2, serials: [] } })).toEqual([
      { productId: 'mouse', quantity: 2 },
    ]);
  });

  it('proposes what the units cost, never more than can still be refunded, in riel rounded to 100', () => {
    expect(proposedRefund(sale, { mouse: { quantity: 2, serials: [] } }, 'USD')).toBe(24_68);
    expect(proposedRefund(sale, { mouse: { quantity: 2, serials: [] } }, 'KHR')).toBe(101_200);
    expect(proposedRefund(sale, { lap: { quantity: 1, serials: ['SN-1'] } }, 'USD')).toBe(100_00);
  });

  it('reads riel as typed and refuses what is not a whole amount', () => {
    expect(rielTyped('40,000៛')).toBe(40_000);
    expect(rielTyped(' 100 ')).toBe(100);
    expect(rielTyped('12.5')).toBeNull();
    expect(rielTyped('-100')).toBeNull();
    expect(rielTyped('')).toBeNull();
  });

  it('refunds the way the customer paid: a KHQR sale back by KHQR', () => {
    expect(firstWay(sale)).toBe('khqr-USD');
    expect(firstWay({ ...sale, paidWith: [{ method: 'cash', currency: 'KHR' }] })).toBe('cash-KHR');
    expect(firstWay({ ...sale, paidWith: [] })).toBe('cash-USD');
  });

  it('totals a drawer counted note by note', () => {
    expect(countTotal({ 10_000: 3, 500: 1, 100: 0 })).toBe(30_500);
    expect(countTotal({})).toBe(0);
  });
});
