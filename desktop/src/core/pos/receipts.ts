import type { Currency, PushStatus, Shortfall } from '@shop/shared';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';

/** A payment of a committed sale, as the local sale_payments table keeps it. */
export interface CommittedPayment {
  method: 'cash' | 'khqr';
  currency: Currency;
  amount: number;
  tendered: number | null;
  change: number;
  changeCurrency: Currency;
}

/** A committed sale as the receipt prints it and the sales list shows it, with what the server made of it. */
export interface Receipt {
  id: string;
  receiptNumber: string;
  at: number;
  staffId: string;
  customerId: string | null;
  lines: {
    productId: string;
    name: string;
    quantity: number;
    unitPriceCents: number;
    discountCents: number;
    serials: string[];
  }[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  /** The 100-riel rounding line (riel), 0 when nothing was paid in riel. */
  roundingRiel: number;
  rielPerUsd: number;
  payments: CommittedPayment[];
  /** pending: in the outbox; failed: the server answered conflict (see the status); else the server's answer. */
  sync:
    | { status: 'pending' | 'failed'; error: string | null }
    | {
        status: Exclude<PushStatus, 'conflict'>;
        orderNumber: string | null;
        shortfalls: Shortfall[];
        error: string | null;
      };
}

export function receipts(db: LocalDb) {
  const sale = db.prepare(
    `SELECT id, receipt_number AS receiptNumber, at, staff_id AS staffId, customer_id AS customerId,
       subtotal_cents AS subtotalCents, discount_cents AS discountCents, total_cents AS totalCents,
       rounding_riel AS roundingRiel, riel_per_usd AS rielPerUsd
     FROM sales WHERE receipt_number = ? OR id = ?`,
  );
  const lines = db.prepare(
    `SELECT product_id AS productId, name, quantity, unit_price_cents AS unitPriceCents,
       discount_cents AS discountCents, serials FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  );
  const payments = db.prepare(
    `SELECT method, currency, amount, tendered, change, change_currency AS changeCurrency
     FROM sale_payments WHERE sale_id = ? ORDER BY payment_no`,
  );
  const queued = db.prepare('SELECT status, error FROM outbox WHERE id = ?');
  const answered = db.prepare(
    'SELECT status, order_number AS orderNumber, shortfalls, error FROM sync_results WHERE item_id = ?',
  );

  return (receiptNumberOrId: string): Receipt => {
    const row = sale.get(receiptNumberOrId, receiptNumberOrId) as
      Omit<Receipt, 'lines' | 'payments' | 'sync'> | undefined;
    if (!row) throw new PosError('not_found', `no sale ${receiptNumberOrId} on this counter`);
    const inQueue = queued.get(row.id) as { status: 'pending' | 'failed'; error: string | null } | undefined;
    const answer = answered.get(row.id) as
      | {
          status: 'applied' | 'parked';
          orderNumber: string | null;
          shortfalls: string | null;
          error: string | null;
        }
      | undefined;
    return {
      ...row,
      lines: (lines.all(row.id) as (Receipt['lines'][number] & { serials: string })[]).map((line) => ({
        ...line,
        serials: JSON.parse(line.serials) as string[],
      })) as Receipt['lines'],
      payments: payments.all(row.id) as Receipt['payments'],
      sync: answer
        ? { ...answer, shortfalls: answer.shortfalls ? (JSON.parse(answer.shortfalls) as Shortfall[]) : [] }
        : (inQueue ?? { status: 'pending', error: null }),
    };
  };
}
