import type { Locale } from '@shop/shared';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import type { CommittedPayment } from '../pos/receipts';
import type { NamedDiscount, ReceiptLine, ReceiptModel, ReceiptPayment } from './model';
import type { ReceiptSnapshot, ReceiptSnapshotter } from './snapshot';

/** A committed sale as its receipt shows it, and the sale's id (to record a VAT invoice against it). */
export interface SaleReceipt {
  saleId: string;
  model: ReceiptModel;
}

interface SaleRow {
  id: string;
  receiptNumber: string;
  at: number;
  staffId: string;
  customerId: string | null;
  discountCents: number;
  /** The sale discount by name, JSON (sales made before promotions: null). */
  discounts: string | null;
  rielPerUsd: number;
  roundingRiel: number;
  snapshot: string | null;
}

interface LineRow {
  sku: string | null;
  name: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  discountName: string | null;
  serials: string;
  warrantyMonths: number | null;
}

/**
 * Builds the ReceiptModel of a committed sale from the local database alone: the sale's own rows (prices, rate,
 * rounding, payments as the counter took them) and its snapshot (receipts/snapshot.ts). Nothing is read from the
 * clock or today's settings, so every reprint is the receipt the customer got. A sale without a snapshot (made
 * before this app version, or before the shop's settings were first pulled) gets one now, once.
 */
export function saleReceiptModels(db: LocalDb, snapshotNow: ReceiptSnapshotter) {
  const sale = db.prepare(
    `SELECT id, receipt_number AS receiptNumber, at, staff_id AS staffId, customer_id AS customerId,
       discount_cents AS discountCents, discounts, riel_per_usd AS rielPerUsd, rounding_riel AS roundingRiel,
       receipt_snapshot AS snapshot
     FROM sales WHERE receipt_number = ? OR id = ?`,
  );
  const lines = db.prepare(
    `SELECT sku, name, quantity, unit_price_cents AS unitPriceCents, discount_cents AS discountCents,
       discount_name AS discountName, serials, warranty_months AS warrantyMonths
     FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  );
  const payments = db.prepare(
    `SELECT method, currency, amount, tendered, change, change_currency AS changeCurrency
     FROM sale_payments WHERE sale_id = ? ORDER BY payment_no`,
  );
  // Only the first snapshot sticks: two windows printing the same old sale at once still agree afterwards.
  const keepSnapshot = db.prepare(
    'UPDATE sales SET receipt_snapshot = ? WHERE id = ? AND receipt_snapshot IS NULL',
  );
  const storedSnapshot = db.prepare('SELECT receipt_snapshot FROM sales WHERE id = ?').pluck();

  const snapshotOf = (row: SaleRow): ReceiptSnapshot => {
    if (row.snapshot) return JSON.parse(row.snapshot) as ReceiptSnapshot;
    const taken = snapshotNow(row);
    if (!taken)
      throw new PosError(
        'not_found',
        "the shop's name and address have not reached this counter yet: sync, then print the receipt again",
      );
    keepSnapshot.run(JSON.stringify(taken), row.id);
    return JSON.parse(storedSnapshot.get(row.id) as string) as ReceiptSnapshot;
  };

  return (receiptNumberOrId: string, language: Locale): SaleReceipt => {
    const row = sale.get(receiptNumberOrId, receiptNumberOrId) as SaleRow | undefined;
    if (!row) throw new PosError('not_found', `no sale ${receiptNumberOrId} on this counter`);
    const snapshot = snapshotOf(row);
    const model: ReceiptModel = {
      shop: snapshot.shop,
      vat: snapshot.vat,
      rielPerUsd: row.rielPerUsd,
      receiptNumber: row.receiptNumber,
      at: row.at,
      deviceName: snapshot.deviceName,
      staff: { id: row.staffId, name: snapshot.staffName },
      customer: snapshot.customer,
      lines: (lines.all(row.id) as LineRow[]).map(receiptLine),
      discountCents: row.discountCents,
      ...(row.discounts && { discounts: JSON.parse(row.discounts) as NamedDiscount[] }),
      payments: (payments.all(row.id) as CommittedPayment[]).map(receiptPayment),
      // As the counter worked it out when the payments were taken, not again from the printed figures.
      roundingRiel: row.roundingRiel,
      language,
      footer: snapshot.footer ?? null,
    };
    return { saleId: row.id, model };
  };
}

function receiptLine(row: LineRow): ReceiptLine {
  const serials = JSON.parse(row.serials) as string[];
  return {
    // A line sold before SKUs were kept on the sale, of a product the catalog has since dropped: no SKU to show.
    sku: row.sku ?? '',
    name: row.name,
    quantity: row.quantity,
    unitPriceCents: row.unitPriceCents,
    ...(row.discountCents > 0 && { discountCents: row.discountCents }),
    ...(row.discountCents > 0 && row.discountName !== null && { discountName: row.discountName }),
    ...(serials.length > 0 && { serials }),
    ...(row.warrantyMonths && { warrantyMonths: row.warrantyMonths }),
  };
}

function receiptPayment(row: CommittedPayment): ReceiptPayment {
  return {
    method: row.method,
    currency: row.currency,
    amount: row.amount,
    ...(row.tendered !== null && { tendered: row.tendered }),
    ...(row.change > 0 && { change: row.change, changeCurrency: row.changeCurrency }),
  };
}

export type SaleReceiptModels = ReturnType<typeof saleReceiptModels>;
