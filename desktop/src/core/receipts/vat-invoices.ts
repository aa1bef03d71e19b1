import { cleanLine } from '@shop/shared';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import { nextCounter } from '../local-db/state';
import { formatVatInvoiceNumber } from './invoice-number';
import type { VatInvoiceRequest } from './model';

export type VatInvoiceBuyer = VatInvoiceRequest['buyer'];

/** A VAT invoice issued at this counter for one sale. */
export interface IssuedVatInvoice {
  number: string;
  receiptNumber: string;
  issuedAt: number;
  issuedBy: string;
  buyer: { name: string; tin: string | null; address: string | null; phone: string | null };
}

/** The same rule as the shop's own TIN in its VAT setting (shared/src/settings.ts). */
const TIN = /^[A-Za-z0-9-]{1,40}$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,28}$/;

/** The buyer as typed at the counter, cleaned (one line each) and checked; a clear sentence for what is wrong. */
export function parseVatBuyer(input: unknown): IssuedVatInvoice['buyer'] {
  if (!input || typeof input !== 'object') throw new PosError('invalid', "enter the buyer's name");
  const fields = input as Record<string, unknown>;
  const text = (field: string, max: number, what: string): string | null => {
    const value = fields[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new PosError('invalid', `the buyer's ${what} is text`);
    const clean = cleanLine(value);
    if (clean.length > max)
      throw new PosError('invalid', `the buyer's ${what}: use at most ${max} characters`);
    return clean === '' ? null : clean;
  };
  const name = text('name', 120, 'name');
  if (!name) throw new PosError('invalid', "enter the buyer's name: it is printed on the VAT invoice");
  const tin = text('tin', 40, 'VAT TIN');
  if (tin !== null && !TIN.test(tin))
    throw new PosError('invalid', "the buyer's VAT TIN is letters, digits and dashes, e.g. K001-901234567");
  const phone = text('phone', 30, 'phone');
  if (phone !== null && !PHONE.test(phone))
    throw new PosError('invalid', "enter the buyer's phone such as 012 345 678 or +855 12 345 678");
  return { name, tin, address: text('address', 200, 'address'), phone };
}

/**
 * The counter's book of VAT invoices: at most one per sale, numbered in this counter's series (invoice-number.ts).
 * The number is taken in the same local transaction that records the invoice, so a crash never burns a number or
 * leaves an invoice without one, and asking again (a double tap, a reprint, another window) answers the invoice
 * already issued instead of a second number for the same sale.
 */
export function vatInvoiceBook(db: LocalDb) {
  const issued = db.prepare(
    `SELECT v.number, s.receipt_number AS receiptNumber, v.issued_at AS issuedAt, v.issued_by AS issuedBy, v.buyer
     FROM vat_invoices v JOIN sales s ON s.id = v.sale_id WHERE v.sale_id = ?`,
  );
  const record = db.prepare(
    'INSERT INTO vat_invoices (sale_id, number, issued_at, issued_by, buyer) VALUES (?, ?, ?, ?, ?)',
  );

  const find = (saleId: string): IssuedVatInvoice | null => {
    const row = issued.get(saleId) as (Omit<IssuedVatInvoice, 'buyer'> & { buyer: string }) | undefined;
    return row ? { ...row, buyer: JSON.parse(row.buyer) as IssuedVatInvoice['buyer'] } : null;
  };

  const issue = db.transaction(
    (input: {
      saleId: string;
      /** Whether the shop was VAT-registered when the sale was made (its snapshot). */
      registered: boolean;
      buyer: IssuedVatInvoice['buyer'];
      series: string;
      staffId: string;
      now: number;
    }): IssuedVatInvoice => {
      const already = find(input.saleId);
      if (already) {
        // An invoice is a tax document once issued: it is never made out again to someone else.
        if (JSON.stringify(already.buyer) !== JSON.stringify(input.buyer))
          throw new PosError(
            'conflict',
            `this sale already has VAT invoice ${already.number}, made out to ${already.buyer.name}: print that one`,
          );
        return already;
      }
      if (!input.registered)
        throw new PosError(
          'not_vat_registered',
          'the shop was not registered for VAT when this sale was made: no VAT invoice can be issued for it',
        );
      const number = formatVatInvoiceNumber(input.series, nextCounter(db, `vat-invoice:${input.series}`));
      record.run(input.saleId, number, input.now, input.staffId, JSON.stringify(input.buyer));
      return find(input.saleId)!;
    },
  );

  // IMMEDIATE: two windows of this counter asking at once take the write lock in turn, the second sees the first's.
  return { find, issue: (input: Parameters<typeof issue>[0]) => issue.immediate(input) };
}

export type VatInvoiceBook = ReturnType<typeof vatInvoiceBook>;
