import { usdCentsToKhr, type Currency } from '@shop/shared';
import type { ReturnableSale } from '../../core/pos/returnable';

/** What the cashier picked of one line: how many units, and which serials when the line has them. */
export interface Pick {
  quantity: number;
  serials: string[];
}

export type RefundWay = 'cash-USD' | 'cash-KHR' | 'khqr-USD';

export const refundWays: { way: RefundWay; method: 'cash' | 'khqr'; currency: Currency }[] = [
  { way: 'cash-USD', method: 'cash', currency: 'USD' },
  { way: 'cash-KHR', method: 'cash', currency: 'KHR' },
  { way: 'khqr-USD', method: 'khqr', currency: 'USD' },
];

/** The lines to send: only those with units picked; a serialized line sends exactly the serials picked. */
export function pickedLines(sale: ReturnableSale, picks: Record<string, Pick>) {
  return sale.lines
    .map((line) => ({ line, pick: picks[line.productId] }))
    .filter(({ pick }) => pick && pick.quantity > 0)
    .map(({ line, pick }) => ({
      productId: line.productId,
      quantity: pick!.quantity,
      ...(line.serials.length > 0 && { serials: pick!.serials }),
    }));
}

/**
 * The refund proposed for the picked units, never more than the sale can still refund: USD cents, or riel at the
 * sale's own rate rounded to the 100-riel note.
 */
export function proposedRefund(
  sale: ReturnableSale,
  picks: Record<string, Pick>,
  currency: Currency,
): number {
  const cents = Math.min(
    sale.refundableCents,
    sale.lines.reduce((sum, line) => sum + line.unitRefundCents * (picks[line.productId]?.quantity ?? 0), 0),
  );
  return currency === 'USD' ? cents : usdCentsToKhr(cents, sale.rielPerUsd);
}

/** Riel as typed ("40,000", "40000៛"); null when it is not a whole amount. */
export function rielTyped(typed: string): number | null {
  const digits = typed.replace(/[,\s៛]/g, '');
  return /^\d{1,12}$/.test(digits) ? Number(digits) : null;
}

/** The way the customer paid first, so the money goes back as it came. */
export function firstWay(sale: ReturnableSale): RefundWay {
  const paid = sale.paidWith[0];
  return paid
    ? (`${paid.method}-${paid.method === 'khqr' ? 'USD' : paid.currency}` as RefundWay)
    : 'cash-USD';
}
