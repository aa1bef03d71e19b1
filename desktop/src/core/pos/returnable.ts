import type { Currency } from '@shop/shared';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';

/** One line of a sale as the returns screen offers it: what can still come back, and at what price. */
export interface ReturnableLine {
  productId: string;
  name: string;
  sold: number;
  returned: number;
  /** sold − returned: the most the screen lets the cashier pick. */
  left: number;
  /** What one unit brought in after its line's and the sale's discounts (USD cents): the refund proposed. */
  unitRefundCents: number;
  /** Serials that left with this sale and have not come back: the cashier picks among them. */
  serials: string[];
}

/** A sale found by its receipt number, as the returns screen needs it. */
export interface ReturnableSale {
  saleId: string;
  receiptNumber: string;
  at: number;
  totalCents: number;
  /** What may still be refunded over all returns of this sale (USD cents; riel at the sale's rate). */
  refundableCents: number;
  rielPerUsd: number;
  /** How the customer paid (methods and currencies), so the refund can go back the same way. */
  paidWith: { method: 'cash' | 'khqr'; currency: Currency }[];
  lines: ReturnableLine[];
}

/**
 * What of a sale can still come back: the same rules returnItems enforces (returns.ts), read ahead so the screen
 * never offers more than the core would take.
 */
export function returnableSales(db: LocalDb) {
  const saleByReceipt = db.prepare(
    `SELECT id, receipt_number AS receiptNumber, at, subtotal_cents AS subtotalCents, total_cents AS totalCents,
       riel_per_usd AS rielPerUsd FROM sales WHERE receipt_number = ?`,
  );
  const soldLines = db.prepare(
    `SELECT product_id AS productId, name, quantity, unit_price_cents AS unitPriceCents,
       discount_cents AS discountCents, serials FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  );
  const returnedLines = db.prepare(
    `SELECT l.product_id AS productId, l.quantity, l.serials FROM return_lines l
     JOIN returns r ON r.id = l.return_id WHERE r.sale_id = ?`,
  );
  const refunds = db.prepare('SELECT refunds FROM returns WHERE sale_id = ?').pluck();
  const payments = db.prepare(
    'SELECT method, currency FROM sale_payments WHERE sale_id = ? GROUP BY method, currency ORDER BY min(payment_no)',
  );

  return (receiptNumber: string): ReturnableSale => {
    const number = receiptNumber.trim();
    const sale = saleByReceipt.get(number) as
      | {
          id: string;
          receiptNumber: string;
          at: number;
          subtotalCents: number;
          totalCents: number;
          rielPerUsd: number;
        }
      | undefined;
    if (!sale) throw new PosError('not_found', `no sale with receipt ${number} on this counter`);
    const back = returnedLines.all(sale.id) as { productId: string; quantity: number; serials: string }[];
    const refunded = (refunds.all(sale.id) as string[])
      .flatMap((json) => JSON.parse(json) as { currency: Currency; amount: number }[])
      .reduce(
        (sum, r) => sum + (r.currency === 'USD' ? r.amount : Math.floor((r.amount * 100) / sale.rielPerUsd)),
        0,
      );
    const lines = (
      soldLines.all(sale.id) as {
        productId: string;
        name: string;
        quantity: number;
        unitPriceCents: number;
        discountCents: number;
        serials: string;
      }[]
    ).map((line): ReturnableLine => {
      const mine = back.filter((b) => b.productId === line.productId);
      const returned = mine.reduce((sum, b) => sum + b.quantity, 0);
      const gone = new Set(mine.flatMap((b) => JSON.parse(b.serials) as string[]));
      const net = line.unitPriceCents * line.quantity - line.discountCents;
      // The sale's own discount is shared by the lines in proportion to what each brought in.
      const share = sale.subtotalCents > 0 ? sale.totalCents / sale.subtotalCents : 0;
      return {
        productId: line.productId,
        name: line.name,
        sold: line.quantity,
        returned,
        left: line.quantity - returned,
        unitRefundCents: Math.floor((net * share) / line.quantity),
        serials: (JSON.parse(line.serials) as string[]).filter((serial) => !gone.has(serial)),
      };
    });
    return {
      saleId: sale.id,
      receiptNumber: sale.receiptNumber,
      at: sale.at,
      totalCents: sale.totalCents,
      refundableCents: Math.max(0, sale.totalCents - refunded),
      rielPerUsd: sale.rielPerUsd,
      paidWith: payments.all(sale.id) as ReturnableSale['paidWith'],
      lines,
    };
  };
}
