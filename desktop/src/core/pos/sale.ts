import type { SaleItem } from '@shop/shared';
import { ulid } from 'ulidx';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import { nextCounter } from '../local-db/state';
import type { ReceiptSnapshot } from '../receipts/snapshot';
import type { Outbox } from '../sync/outbox';
import { cartTotals, whatIsMissing, type Cart } from './cart';

export interface CommitSaleInput {
  cart: Cart;
  staffId: string;
  shiftId: string | null;
  rielPerUsd: number;
  /** Printed before the receipt's number, so receipts of two counters never share one. */
  receiptPrefix: string;
  /** The shop, counter, cashier and customer as the receipt shows them, frozen with the sale (receipts/snapshot.ts). */
  receiptSnapshot: ReceiptSnapshot | null;
  now: number;
}

export interface CommittedSale {
  id: string;
  receiptNumber: string;
  totalCents: number;
  roundingRiel: number;
  at: number;
}

/**
 * Commits a paid cart as a sale: the sale, its lines and payments, the shelf's count and the outbox item for the
 * server, all in ONE local transaction. A crash leaves either the whole sale or nothing; the id is a ULID made
 * here, so a retried push can never become a second order.
 */
export function saleCommitter(db: LocalDb, outbox: Outbox) {
  const insertSale = db.prepare(
    `INSERT INTO sales (id, receipt_number, at, staff_id, shift_id, customer_id, subtotal_cents, discount_cents,
       total_cents, riel_per_usd, rounding_riel, receipt_snapshot, discounts, coupon_code)
     VALUES (@id, @receiptNumber, @at, @staffId, @shiftId, @customerId, @subtotalCents, @discountCents,
       @totalCents, @rielPerUsd, @roundingRiel, @receiptSnapshot, @discounts, @couponCode)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_lines (sale_id, line_no, product_id, name, quantity, unit_price_cents, discount_cents, serials,
       sku, warranty_months, discount_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT warranty_months FROM products WHERE id = ?), ?)`,
  );
  const insertPayment = db.prepare(
    `INSERT INTO sale_payments (sale_id, payment_no, method, currency, amount, tendered, change, change_currency,
       staff_confirmed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sell = db.prepare('UPDATE products SET unsynced_sold = unsynced_sold + ? WHERE id = ?');

  return db.transaction((input: CommitSaleInput): CommittedSale => {
    const { cart, now } = input;
    const missing = whatIsMissing(cart);
    if (missing.length > 0) throw new PosError('invalid', missing.join('; '));
    const totals = cartTotals(cart);
    // Locally a promotion is the line's discount by name (the receipt prints it so). To the server, as contract 2
    // has it: a line promotion lowers the line's unit price, the sale's promotions and coupon are in the sale's
    // discount, and `discounts` names each; the lines' discounts stay the cashier's own.
    const lineDiscount = (line: Cart['lines'][number]) => line.discountCents + (line.promotion?.cents ?? 0);
    const salePromotions = (cart.promotions ?? []).filter((p) => p.cents > 0);
    const saleDiscountCents = cart.discountCents + salePromotions.reduce((sum, p) => sum + p.cents, 0);
    const couponCode = salePromotions.find((p) => p.couponCode)?.couponCode ?? null;
    const discounts: NonNullable<SaleItem['discounts']> = [
      ...cart.lines.flatMap((line) =>
        line.promotion
          ? [
              {
                source: 'promotion' as const,
                id: line.promotion.id,
                level: 'line' as const,
                amountCents: line.promotion.cents,
              },
            ]
          : [],
      ),
      ...salePromotions.map((p) => ({
        source: p.couponCode ? ('coupon' as const) : ('promotion' as const),
        id: p.id,
        level: 'cart' as const,
        amountCents: p.cents,
      })),
    ];
    const id = ulid(now);
    const receiptNumber = `${input.receiptPrefix}-${String(nextCounter(db, 'receipt')).padStart(6, '0')}`;
    insertSale.run({
      id,
      receiptNumber,
      at: now,
      staffId: input.staffId,
      shiftId: input.shiftId,
      customerId: cart.customerId,
      subtotalCents: totals.subtotalCents,
      discountCents: saleDiscountCents,
      totalCents: totals.totalCents,
      rielPerUsd: input.rielPerUsd,
      roundingRiel: totals.roundingRiel,
      receiptSnapshot: input.receiptSnapshot && JSON.stringify(input.receiptSnapshot),
      discounts:
        salePromotions.length > 0
          ? JSON.stringify(salePromotions.map((p) => ({ name: p.name, cents: p.cents })))
          : null,
      couponCode,
    });
    cart.lines.forEach((line, i) => {
      insertLine.run(
        id,
        i + 1,
        line.productId,
        line.name,
        line.quantity,
        line.unitPriceCents,
        lineDiscount(line),
        JSON.stringify(line.serials),
        line.sku,
        line.productId,
        // The receipt names the promotion when it is all the line's discount; with the cashier's on top: "Discount".
        line.promotion && line.discountCents === 0 ? line.promotion.name : null,
      );
      // A sale made at the counter is a fact: it is recorded even when the shelf count says there is none left.
      sell.run(line.quantity, line.productId);
    });
    cart.payments.forEach((payment, i) => {
      insertPayment.run(
        id,
        i + 1,
        payment.method,
        payment.currency,
        payment.amount,
        payment.tendered ?? null,
        payment.change,
        payment.changeCurrency,
        payment.staffConfirmed ? 1 : 0,
      );
    });
    const item: SaleItem = {
      id,
      type: 'sale',
      at: now,
      staffId: input.staffId,
      ...(input.shiftId && { shiftId: input.shiftId }),
      receiptNumber,
      ...(cart.customerId && { customerId: cart.customerId }),
      lines: cart.lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        // The price per unit the customer paid (after the line's promotion) before the cashier's discount, which
        // travels beside it.
        unitPriceCents: line.unitPriceCents - (line.promotion ? line.promotion.cents / line.quantity : 0),
        ...(line.discountCents > 0 && { discountCents: line.discountCents }),
        ...(line.serialized && { serials: line.serials }),
      })),
      ...(saleDiscountCents > 0 && { discountCents: saleDiscountCents }),
      ...(cart.discountApprovedBy && { discountApprovedBy: cart.discountApprovedBy }),
      ...(discounts.length > 0 && { discounts }),
      ...(couponCode && { couponCode }),
      payments: cart.payments.map((payment) => ({
        method: payment.method,
        currency: payment.currency,
        amount: payment.amount,
        ...(payment.tendered !== undefined && { tendered: payment.tendered }),
        // Change in the other currency always travels with its currency (even 0 after rounding down to a note):
        // the server cannot work it out from what was tendered.
        ...(payment.changeCurrency !== payment.currency
          ? { change: payment.change, changeCurrency: payment.changeCurrency }
          : payment.change > 0 && { change: payment.change }),
        ...(payment.staffConfirmed && { staffConfirmed: true }),
        // The server's own KHQR, seen paid by its payment job: the server ties it to this sale's order.
        ...(payment.online && { md5: payment.online.md5, khqrPaymentId: payment.online.id }),
      })),
    };
    outbox.enqueue(item, now);
    return { id, receiptNumber, totalCents: totals.totalCents, roundingRiel: totals.roundingRiel, at: now };
  });
}
