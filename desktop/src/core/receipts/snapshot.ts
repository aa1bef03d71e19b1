import {
  counterPolicySchema,
  invoiceVatSettingSchema,
  settingKeys,
  shopIdentitySchema,
  type InvoiceVatSetting,
  type ShopIdentity,
} from '@shop/shared';
import type { LocalDb } from '../local-db/open';
import { readState } from '../local-db/state';

/**
 * What a receipt shows from outside the sale itself: who the shop was, its VAT registration, the counter, the
 * cashier, the customer and the shop's receipt footer, as they were when the sale was made. Stored on the sale (`sales.receipt_snapshot`) at
 * commit, because everything here changes with later pulls: the shop moves or registers for VAT, a customer's
 * phone is corrected, a cashier's name is fixed. A reprint (and a VAT invoice asked for the next day) must show what
 * the customer was given, and a VAT invoice is only possible when the shop was registered at the time of the sale.
 */
export interface ReceiptSnapshot {
  shop: ShopIdentity;
  /** The VAT setting when the shop was registered, else null (no VAT lines, no VAT invoice). */
  vat: InvoiceVatSetting | null;
  deviceName: string;
  staffName: string;
  customer: { name: string; phone: string | null } | null;
  /**
   * The line under the thanks (the counter policy's `receiptFooter`) when the sale was made: a footer changed later
   * (new return terms) must not appear on a reprint of a sale sold under the old ones. Absent in snapshots taken
   * before the footer existed: none.
   */
  footer?: string | null;
}

/** The name a counter prints before it was paired (and knows the name admins gave it). */
const UNPAIRED_COUNTER = 'POS';

/**
 * Takes the snapshot of the settings and names as the counter holds them now; null while the shop's identity has
 * not been pulled (a sale made then gets its snapshot at its first receipt, see saleReceiptModels).
 */
export function receiptSnapshotter(db: LocalDb) {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const staffName = db.prepare('SELECT name FROM staff WHERE id = ?').pluck();
  const customer = db.prepare('SELECT name, phone FROM customers WHERE id = ?');
  const pulled = (key: string): unknown => {
    const value = setting.get(key) as string | undefined;
    return value === undefined ? undefined : JSON.parse(value);
  };

  return (sale: { staffId: string; customerId: string | null }): ReceiptSnapshot | null => {
    // The server validated these before storing them; parsing again keeps a damaged row off the receipt.
    const shop = shopIdentitySchema.safeParse(pulled(settingKeys.shopIdentity));
    if (!shop.success) return null;
    const vat = invoiceVatSettingSchema.safeParse(pulled(settingKeys.invoiceVat));
    const buyer = sale.customerId
      ? (customer.get(sale.customerId) as { name: string; phone: string | null } | undefined)
      : undefined;
    const policy = pulled(settingKeys.counterPolicy) as { receiptFooter?: unknown } | undefined;
    const footer = counterPolicySchema.shape.receiptFooter.safeParse(policy?.receiptFooter);
    return {
      shop: shop.data,
      vat: vat.success && vat.data.registered ? vat.data : null,
      deviceName: readState(db, 'deviceName') ?? UNPAIRED_COUNTER,
      staffName: (staffName.get(sale.staffId) as string | undefined) ?? sale.staffId,
      customer: buyer ? { name: buyer.name, phone: buyer.phone } : null,
      footer: footer.success ? footer.data : null,
    };
  };
}

export type ReceiptSnapshotter = ReturnType<typeof receiptSnapshotter>;
