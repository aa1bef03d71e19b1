import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';

/** A line of the counter's recent sales list: enough to find the one a customer comes back about. */
export interface RecentSale {
  receiptNumber: string;
  at: number;
  totalCents: number;
  units: number;
  /** Whether the sale has reached the server (false: still in the outbox, or refused there). */
  synced: boolean;
}

/** The sales made at this counter, newest first: the reprint list. At most 100 at a time. */
export function recentSalesReader(db: LocalDb) {
  const newest = db.prepare(
    `SELECT s.receipt_number AS receiptNumber, s.at, s.total_cents AS totalCents,
       (SELECT coalesce(sum(quantity), 0) FROM sale_lines l WHERE l.sale_id = s.id) AS units,
       (SELECT count(*) FROM outbox o WHERE o.id = s.id) AS queued
     FROM sales s ORDER BY s.at DESC, s.id DESC LIMIT ?`,
  );
  return (input: unknown): RecentSale[] => {
    const limit = (input as { limit?: unknown } | null)?.limit ?? 20;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new PosError('invalid', 'limit is a whole number from 1 to 100');
    const rows = newest.all(limit) as (Omit<RecentSale, 'synced'> & { queued: number })[];
    return rows.map(({ queued, ...sale }) => ({ ...sale, synced: queued === 0 }));
  };
}
