import {
  deliveryEta,
  formatKhr,
  formatUsd,
  invoiceVatSettingSchema,
  settingKeys,
  shopClock,
  usdCentsToKhr,
  vatIncludedIn,
  type Currency,
  type InvoiceVatSetting,
  type OrderStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { SignedInUser } from '../accounts/sessions';
import { latestPaidPayment } from '../payments/repo';
import { getSetting, getShopIdentity, type ShopIdentity } from '../settings/service';
import { findCustomerPhone } from './repo';
import { getOrderFor } from './service';

/**
 * What an order's invoice shows, read once and rendered as HTML or PDF. Labels are English with Khmer beside
 * them; amounts are USD with the riel equivalent at the order's own rate, as customers in Cambodia expect.
 */

export const INVOICE_VAT_KEY = settingKeys.invoiceVat;

/** The VAT setting when the shop is registered; null (no VAT lines) when it is not or the setting is unset. */
export async function getInvoiceVat(db: Db): Promise<InvoiceVatSetting | null> {
  const parsed = invoiceVatSettingSchema.safeParse(await getSetting(db, INVOICE_VAT_KEY));
  return parsed.success && parsed.data.registered ? parsed.data : null;
}

/** Moved to shared (the counter's receipts use the same rule); still exported here for the invoice's callers. */
export { vatIncludedIn };

export interface InvoiceLine {
  sku: string;
  name: string;
  quantity: number;
  cancelledQuantity: number;
  unitPriceCents: number;
  /** What the line charges: the units not cancelled at the unit price. */
  lineTotalCents: number;
  warrantyMonths: number;
  /** The catalog price a promotion lowered, and the promotion's name (shown under the line); null without one. */
  originalUnitPriceCents: number | null;
  promotionName: string | null;
}

export interface Invoice {
  orderId: string;
  /** The invoice number is the order number. */
  number: string;
  status: OrderStatus;
  issuedAt: number;
  paidAt: number | null;
  shop: ShopIdentity;
  customer: { name: string; email: string | null; phone: string | null };
  fulfilment: 'pickup' | 'delivery';
  deliveryAddress: { recipient: string; phone: string; lines: string[] } | null;
  note: string | null;
  lines: InvoiceLine[];
  subtotalCents: number;
  /**
   * Taken off the whole order, by name (cart promotions, a coupon; a counter's own discount as "Discount"): each is a
   * row between the subtotal and the delivery.
   */
  discounts: { name: string; amountCents: number }[];
  deliveryFeeCents: number;
  /** The days the delivery was promised in, after payment; null for pick-up and older orders. */
  deliveryDays: { min: number; max: number } | null;
  totalCents: number;
  rielPerUsd: number;
  /** The total in riel at the order's rate, rounded to 100 riel. */
  totalKhr: number;
  /** The currency the customer chose to pay in. */
  currency: Currency;
  /** What was actually received, when a payment was confirmed. */
  payment: { currency: Currency; amountMinor: number } | null;
  /** Units cancelled after payment: the order's total stays what was paid, the difference is owed back. */
  refundDueCents: number;
  vat: { ratePercent: number; tin: string; vatCents: number; vatKhr: number } | null;
}

/** The invoice of an order, for its customer or staff; anyone else gets the same 404 as for a missing order. */
export async function loadInvoice(db: Db, orderId: string, viewer: SignedInUser): Promise<Invoice> {
  const order = await getOrderFor(db, orderId, viewer);
  const [shop, vatSetting, contact, payment] = await Promise.all([
    getShopIdentity(db),
    getInvoiceVat(db),
    findCustomerPhone(db, order.id),
    latestPaidPayment(db, order.id),
  ]);
  const lines = order.items.map((item) => ({
    sku: item.sku,
    name: item.name,
    quantity: item.quantity,
    cancelledQuantity: item.cancelledQuantity,
    unitPriceCents: item.unitPriceCents,
    lineTotalCents: item.unitPriceCents * (item.quantity - item.cancelledQuantity),
    warrantyMonths: item.warrantyMonths,
    originalUnitPriceCents: item.originalUnitPriceCents ?? null,
    promotionName: item.promotionName ?? null,
  }));
  const discounts = orderLevelDiscounts(order.discounts ?? [], order.discountCents ?? 0);
  const discountCents = discounts.reduce((sum, d) => sum + d.amountCents, 0);
  // Summed from the lines so the document always adds up: cancelled units are not charged. Before payment the
  // order's own total already dropped by them; after it, the order keeps what was paid (see refundDueCents).
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const totalCents = Math.max(0, subtotalCents - discountCents) + order.deliveryFeeCents;
  const vatCents = vatSetting ? vatIncludedIn(totalCents, vatSetting.ratePercent) : 0;
  return {
    orderId: order.id,
    number: order.number,
    status: order.status,
    issuedAt: order.createdAt,
    paidAt: order.paidAt,
    shop,
    customer: { name: order.customer.name, email: order.customer.email, phone: contact },
    fulfilment: order.fulfilment,
    deliveryAddress: order.deliveryAddress,
    note: order.note,
    lines,
    subtotalCents,
    discounts,
    deliveryFeeCents: order.deliveryFeeCents,
    deliveryDays: order.deliveryDays,
    totalCents,
    rielPerUsd: order.rielPerUsd,
    totalKhr: usdCentsToKhr(totalCents, order.rielPerUsd),
    currency: order.currency,
    payment: payment
      ? { currency: payment.currency as Currency, amountMinor: Number(payment.amount_minor) }
      : null,
    refundDueCents:
      order.paidAt !== null && order.status !== 'refunded' ? Math.max(0, order.totalCents - totalCents) : 0,
    vat: vatSetting && {
      ratePercent: vatSetting.ratePercent,
      tin: vatSetting.tin,
      vatCents,
      vatKhr: usdCentsToKhr(vatCents, order.rielPerUsd),
    },
  };
}

/**
 * The order-level discounts by name: the cart promotions and coupon it names, then whatever of its discount they do
 * not explain (a counter's own discount) as one "Discount" row.
 */
function orderLevelDiscounts(
  named: readonly { name: string; level: string; amountCents: number }[],
  discountCents: number,
): { name: string; amountCents: number }[] {
  const rows = named
    .filter((d) => d.level === 'cart')
    .map((d) => ({ name: d.name, amountCents: d.amountCents }));
  const rest = discountCents - rows.reduce((sum, d) => sum + d.amountCents, 0);
  return rest > 0 ? [...rows, { name: '', amountCents: rest }] : rows;
}

/** A label in English with its Khmer beside it. */
export type Label = readonly [en: string, km: string];

export const invoiceLabels = {
  invoice: ['Invoice', 'វិក្កយបត្រ'],
  taxInvoice: ['Tax invoice', 'វិក្កយបត្រអាករ'],
  number: ['Invoice no.', 'លេខវិក្កយបត្រ'],
  date: ['Date', 'កាលបរិច្ឆេទ'],
  vatTin: ['VAT TIN', 'លេខអត្តសញ្ញាណកម្មអតប'],
  billTo: ['Customer', 'អតិថិជន'],
  deliverTo: ['Delivery', 'ការដឹកជញ្ជូន'],
  pickup: ['Pickup at the shop', 'មកយកនៅហាង'],
  phone: ['Phone', 'ទូរស័ព្ទ'],
  email: ['Email', 'អ៊ីមែល'],
  note: ['Note', 'កំណត់សម្គាល់'],
  sku: ['SKU', 'លេខកូដ'],
  item: ['Item', 'ទំនិញ'],
  warranty: ['Warranty', 'ធានា'],
  quantity: ['Qty', 'ចំនួន'],
  unitPrice: ['Unit price', 'តម្លៃរាយ'],
  amount: ['Amount', 'ទឹកប្រាក់'],
  cancelled: ['cancelled', 'បានលុបចោល'],
  months: ['months', 'ខែ'],
  noWarranty: ['none', 'គ្មាន'],
  subtotal: ['Subtotal', 'សរុបរង'],
  discount: ['Discount', 'បញ្ចុះតម្លៃ'],
  was: ['was', 'តម្លៃដើម'],
  deliveryFee: ['Delivery fee', 'ថ្លៃដឹកជញ្ជូន'],
  totalExclVat: ['Total excl. VAT', 'សរុបមិនរួមអតប'],
  vat: ['VAT', 'អតប'],
  total: ['Total', 'សរុប'],
  totalInclVat: ['Total incl. VAT', 'សរុបរួមអតប'],
  rate: ['Exchange rate', 'អត្រាប្តូរប្រាក់'],
  payment: ['Payment', 'ការទូទាត់'],
  paid: ['Paid', 'បានបង់ប្រាក់'],
  unpaid: ['Unpaid', 'មិនទាន់បង់ប្រាក់'],
  payIn: ['Pays in', 'បង់ជា'],
  paidIn: ['Paid in', 'បានបង់ជា'],
  refundDue: ['Refund due', 'ប្រាក់ត្រូវសងវិញ'],
  page: ['Page', 'ទំព័រ'],
  thanks: ['Thank you for your purchase', 'សូមអរគុណសម្រាប់ការទិញ'],
} as const satisfies Record<string, Label>;

/** Orders that ended without being (or staying) paid say so on their invoice. */
const closedStatus: Partial<Record<OrderStatus, Label>> = {
  cancelled: ['Order cancelled', 'ការបញ្ជាទិញត្រូវបានលុបចោល'],
  expired: ['Order expired unpaid', 'ការបញ្ជាទិញផុតកំណត់'],
  refunded: ['Refunded', 'បានសងប្រាក់វិញ'],
};

export function invoiceTitle(invoice: Invoice): Label {
  return invoice.vat ? invoiceLabels.taxInvoice : invoiceLabels.invoice;
}

/** One row of the totals block: USD always, riel where the law or the customer needs it. */
export interface SummaryRow {
  label: Label;
  usd: string;
  khr: string | null;
  strong?: boolean;
}

/** The delivery fee's row names the days it was promised in, in both languages. */
function deliveryLabel(days: Invoice['deliveryDays']): Label {
  if (!days) return invoiceLabels.deliveryFee;
  const [en, km] = invoiceLabels.deliveryFee;
  return [
    `${en} (${deliveryEta(days.min, days.max, 'en')})`,
    `${km} (${deliveryEta(days.min, days.max, 'km')})`,
  ];
}

/** "Discount: Tet 10%" in both languages; the counter's own discount has no name. */
function discountLabel(name: string): Label {
  const [en, km] = invoiceLabels.discount;
  return name ? [`${en}: ${name}`, `${km}៖ ${name}`] : [en, km];
}

export function summaryRows(invoice: Invoice): SummaryRow[] {
  const rows: SummaryRow[] = [
    { label: invoiceLabels.subtotal, usd: formatUsd(invoice.subtotalCents), khr: null },
    ...invoice.discounts.map((d) => ({
      label: discountLabel(d.name),
      usd: `-${formatUsd(d.amountCents)}`,
      khr: null,
    })),
    { label: deliveryLabel(invoice.deliveryDays), usd: formatUsd(invoice.deliveryFeeCents), khr: null },
  ];
  const { vat } = invoice;
  if (vat) {
    rows.push(
      {
        label: invoiceLabels.totalExclVat,
        usd: formatUsd(invoice.totalCents - vat.vatCents),
        khr: formatKhr(invoice.totalKhr - vat.vatKhr),
      },
      {
        label: [
          `${invoiceLabels.vat[0]} ${vat.ratePercent}% (included)`,
          `${invoiceLabels.vat[1]} ${vat.ratePercent}%`,
        ],
        usd: formatUsd(vat.vatCents),
        khr: formatKhr(vat.vatKhr),
      },
    );
  }
  rows.push({
    label: vat ? invoiceLabels.totalInclVat : invoiceLabels.total,
    usd: formatUsd(invoice.totalCents),
    khr: formatKhr(invoice.totalKhr),
    strong: true,
  });
  return rows;
}

/** The payment lines: paid when and in what, or unpaid and in which currency it is to be paid. */
export function paymentLines(invoice: Invoice): { label: Label; text: string }[] {
  const lines: { label: Label; text: string }[] = [];
  if (invoice.paidAt !== null) {
    lines.push({ label: invoiceLabels.paid, text: formatInvoiceDate(invoice.paidAt) });
    const received = invoice.payment;
    lines.push({
      label: invoiceLabels.paidIn,
      text: received
        ? `${received.currency === 'USD' ? formatUsd(received.amountMinor) : formatKhr(received.amountMinor)} (${received.currency})`
        : invoice.currency,
    });
    if (invoice.refundDueCents > 0)
      lines.push({ label: invoiceLabels.refundDue, text: formatUsd(invoice.refundDueCents) });
  } else {
    lines.push({ label: invoiceLabels.unpaid, text: '' });
    lines.push({ label: invoiceLabels.payIn, text: invoice.currency });
  }
  const closed = closedStatus[invoice.status];
  if (closed) lines.push({ label: closed, text: '' });
  lines.push({ label: invoiceLabels.rate, text: `1 USD = ${formatKhr(invoice.rielPerUsd)}` });
  return lines;
}

export function warrantyText(months: number): string {
  return months > 0
    ? `${months} ${invoiceLabels.months[0]} / ${months} ${invoiceLabels.months[1]}`
    : `${invoiceLabels.noWarranty[0]} / ${invoiceLabels.noWarranty[1]}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Mar 2025, 14:03" in Phnom Penh time, with our own month abbreviations ("Sep"; en-GB would say "Sept"). */
export function formatInvoiceDate(epochMs: number): string {
  const { day, month, year, time } = shopClock(epochMs);
  return `${day} ${MONTHS[month - 1]} ${year}, ${time}`;
}
