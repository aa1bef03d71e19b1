import type { Currency, InvoiceVatSetting, Locale, SalePayment, ShopIdentity } from '@shop/shared';

/**
 * Everything a receipt or a VAT invoice shows, handed over by the core from its local database: the documents are
 * pure functions of it (no database, no clock), so the same sale prints the same way today and when reprinted.
 */
export interface ReceiptModel {
  shop: ShopIdentity;
  /** The VAT setting when the shop is registered; null prints no VAT lines (and no VAT invoice can be made). */
  vat: InvoiceVatSetting | null;
  /** Riel per US dollar, as the sale was priced. */
  rielPerUsd: number;
  receiptNumber: string;
  /** When the sale was made (epoch ms). */
  at: number;
  /** The counter's name, as admins named it when pairing. */
  deviceName: string;
  staff: { id: string; name: string };
  /** Null for a walk-in customer. */
  customer: { name: string; phone?: string | null } | null;
  lines: ReceiptLine[];
  /** A discount on the whole sale, after the line discounts (USD cents). */
  discountCents?: number;
  /**
   * The sale discount by name (promotions, a coupon), each printed on its own line; what `discountCents` holds
   * beyond them (a discount the cashier gave) prints as "Discount".
   */
  discounts?: readonly NamedDiscount[];
  payments: ReceiptPayment[];
  /**
   * Riel the customer paid beyond (positive) or short of (negative) the exact riel of what was left after the
   * USD payments, to reach a 100-riel step. When left out it is worked out from the payments (khrRounding).
   */
  roundingRiel?: number;
  /** The reader's language: its labels first, the other language beside them. */
  language: Locale;
  /** The shop's own words under the receipt (returns policy, opening hours). */
  footer?: string | null;
}

export interface ReceiptLine {
  sku: string;
  name: string;
  quantity: number;
  /** What the customer paid per unit (USD cents), as the counter priced it. */
  unitPriceCents: number;
  /** Taken off this line as a whole (USD cents). */
  discountCents?: number;
  /** What the line's discount is called when a promotion gave it ("10% off ASUS"); else it reads "Discount". */
  discountName?: string;
  serials?: readonly string[];
  warrantyMonths?: number;
}

/** A discount as the receipt names it: the promotion's or coupon's name and what it took off (USD cents). */
export interface NamedDiscount {
  name: string;
  cents: number;
}

/**
 * A payment as the counter recorded it (the pushed sale's payment), and the currency its change was given in
 * when it differs: a customer paying $20 for $12.34 often gets riel back.
 */
export type ReceiptPayment = SalePayment & { changeCurrency?: Currency };

/** A VAT invoice asked for at the counter: its number from the counter's series and who it is made out to. */
export interface VatInvoiceRequest {
  /** From formatVatInvoiceNumber: this counter's series and its next number. */
  number: string;
  buyer: {
    name: string;
    /** The buyer's VAT TIN, when the buyer is registered (Prakas 723: then it must be on the invoice). */
    tin?: string | null;
    address?: string | null;
    phone?: string | null;
  };
  /** When the invoice was issued; the sale's time when left out. */
  issuedAt?: number;
}

/** A VAT invoice cannot be made for a shop that is not registered: it would print no TIN. */
export class NotVatRegistered extends Error {
  constructor() {
    super('The shop is not registered for VAT: set its VAT TIN in the settings before issuing VAT invoices.');
    this.name = 'NotVatRegistered';
  }
}
