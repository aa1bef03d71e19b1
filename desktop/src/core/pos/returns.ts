import type { Currency, ReturnItem } from '@shop/shared';
import { ulid } from 'ulidx';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import type { Outbox } from '../sync/outbox';

type Refund = { method: 'cash' | 'khqr'; currency: Currency; amount: number };

export interface ReturnInput {
  receiptNumber: string;
  lines: { productId: string; quantity: number; serials?: string[] }[];
  refunds: Refund[];
  reason: string;
  staffId: string;
  shiftId: string | null;
  now: number;
}

/** A return taken: with the item queued for the server, so the screen can say what will sync. */
export interface TakenReturn {
  id: string;
  saleId: string;
  queued: ReturnItem;
}

/**
 * Takes items back against an earlier sale of this counter, found by its receipt number: never more units than were
 * sold less what came back before, only serials that left with that sale. The return, the shelf and the outbox item
 * in one transaction.
 */
export function returnTaker(db: LocalDb, outbox: Outbox) {
  const saleByReceipt = db.prepare(
    'SELECT id, total_cents AS totalCents, riel_per_usd AS rielPerUsd FROM sales WHERE receipt_number = ?',
  );
  const refundedBefore = db.prepare('SELECT refunds FROM returns WHERE sale_id = ?').pluck();
  const soldLines = db.prepare(
    'SELECT product_id AS productId, name, quantity, serials FROM sale_lines WHERE sale_id = ?',
  );
  const returnedBefore = db.prepare(
    `SELECT l.product_id AS productId, l.quantity, l.serials FROM return_lines l
     JOIN returns r ON r.id = l.return_id WHERE r.sale_id = ?`,
  );
  const insertReturn = db.prepare(
    'INSERT INTO returns (id, sale_id, at, staff_id, shift_id, reason, refunds) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLine = db.prepare(
    'INSERT INTO return_lines (return_id, product_id, quantity, serials) VALUES (?, ?, ?, ?)',
  );
  const unsell = db.prepare('UPDATE products SET unsynced_sold = unsynced_sold - ? WHERE id = ?');

  return db.transaction((input: ReturnInput): TakenReturn => {
    const sale = saleByReceipt.get(input.receiptNumber.trim()) as
      { id: string; totalCents: number; rielPerUsd: number } | undefined;
    if (!sale) throw new PosError('not_found', `no sale with receipt ${input.receiptNumber} on this counter`);
    const saleId = sale.id;
    // Never more money back than the sale took, over all its returns (riel at the sale's own rate).
    const refunds = [
      ...(refundedBefore.all(saleId) as string[]).flatMap((json) => JSON.parse(json) as Refund[]),
      ...input.refunds,
    ];
    const refundedCents = refunds.reduce(
      (sum, r) => sum + (r.currency === 'USD' ? r.amount : Math.floor((r.amount * 100) / sale.rielPerUsd)),
      0,
    );
    if (refundedCents > sale.totalCents)
      throw new PosError('invalid', 'the refunds are more than the sale took');
    const reason = input.reason.trim();
    if (!reason) throw new PosError('invalid', 'say why the items come back');
    if (input.lines.length === 0) throw new PosError('invalid', 'choose what comes back');
    const sold = soldLines.all(saleId) as {
      productId: string;
      name: string;
      quantity: number;
      serials: string;
    }[];
    const before = returnedBefore.all(saleId) as { productId: string; quantity: number; serials: string }[];
    for (const line of input.lines) {
      const soldLine = sold.find((s) => s.productId === line.productId);
      if (!soldLine) throw new PosError('invalid', 'that product was not in this sale');
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
        throw new PosError('invalid', 'return at least one unit');
      const back = before.filter((b) => b.productId === line.productId);
      const left = soldLine.quantity - back.reduce((sum, b) => sum + b.quantity, 0);
      if (line.quantity > left)
        throw new PosError(
          'invalid',
          `${soldLine.name}: only ${left} unit(s) of this sale can still come back`,
        );
      const soldSerials = new Set(JSON.parse(soldLine.serials) as string[]);
      for (const b of back)
        for (const serial of JSON.parse(b.serials) as string[]) soldSerials.delete(serial);
      if (soldSerials.size > 0 || (line.serials?.length ?? 0) > 0) {
        const serials = line.serials ?? [];
        if (serials.length !== line.quantity || serials.some((serial) => !soldSerials.has(serial)))
          throw new PosError('invalid', `${soldLine.name}: scan the serial of each unit that comes back`);
      }
    }
    const id = ulid(input.now);
    insertReturn.run(
      id,
      saleId,
      input.now,
      input.staffId,
      input.shiftId,
      reason,
      JSON.stringify(input.refunds),
    );
    for (const line of input.lines) {
      insertLine.run(id, line.productId, line.quantity, JSON.stringify(line.serials ?? []));
      unsell.run(line.quantity, line.productId);
    }
    const item: ReturnItem = {
      id,
      type: 'return',
      at: input.now,
      staffId: input.staffId,
      ...(input.shiftId && { shiftId: input.shiftId }),
      saleId,
      lines: input.lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        ...(line.serials?.length && { serials: line.serials }),
      })),
      refunds: input.refunds,
      reason,
    };
    outbox.enqueue(item, input.now);
    return { id, saleId, queued: item };
  });
}
