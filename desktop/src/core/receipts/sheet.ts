import { formatCambodianPhone, formatShopDateTime, formatUsd, type Locale } from '@shop/shared';
import { figureReceipt, paymentRows, rateText, totalRows, type MoneyRow } from './figures';
import { labels as L, say, type Label } from './labels';
import { NotVatRegistered, type ReceiptModel, type VatInvoiceRequest } from './model';

/**
 * An A4 document of a sale, decided once for the HTML page and the PDF: the receipt, or the VAT invoice a customer
 * asks for. The VAT invoice carries what Prakas 723 asks: the seller's name, address and VAT TIN, a sequential
 * number, the date, the buyer (and the buyer's TIN when registered), each line, the amount before tax, the VAT,
 * and the total including VAT in riel (with USD), Khmer first.
 */
export interface Sheet {
  kind: 'receipt' | 'vat-invoice';
  language: Locale;
  title: Label;
  number: string;
  seller: { name: string; nameKm: string; details: string[] };
  facts: { label: string; value: string }[];
  party: { heading: string; name: string; details: string[] };
  lines: SheetLine[];
  totals: MoneyRow[];
  payments: MoneyRow[];
  rate: string;
  barcode: string | null;
  signatures: boolean;
  footer: string[];
}

export interface SheetLine {
  no: number;
  sku: string;
  name: string;
  /** Serials, warranty, the line's discount: small under the name. */
  details: string[];
  quantity: number;
  unitPrice: string;
  amount: string;
}

export function receiptSheet(model: ReceiptModel): Sheet {
  const lang = model.language;
  const figures = figureReceipt(model);
  return {
    ...common(model),
    kind: 'receipt',
    title: L.receipt,
    number: model.receiptNumber,
    facts: [
      { label: say(L.receiptNumber, lang), value: model.receiptNumber },
      { label: say(L.date, lang), value: formatShopDateTime(model.at, lang) },
      { label: say(L.counter, lang), value: model.deviceName },
      { label: say(L.cashier, lang), value: model.staff.name },
    ],
    party: {
      heading: say(L.customer, lang),
      name: model.customer?.name ?? say(L.walkIn, lang),
      details: model.customer?.phone
        ? [`${say(L.phone, lang)}: ${formatCambodianPhone(model.customer.phone)}`]
        : [],
    },
    totals: totalRows(figures),
    payments: paymentRows(model, figures),
    barcode: model.receiptNumber,
    signatures: false,
  };
}

/** The VAT invoice of a sale; Khmer first whatever the counter's language, as the law wants Khmer. */
export function vatInvoiceSheet(sale: ReceiptModel, request: VatInvoiceRequest): Sheet {
  if (!sale.vat?.registered || !sale.vat.tin) throw new NotVatRegistered();
  const model: ReceiptModel = { ...sale, language: 'km' };
  const lang = model.language;
  const figures = figureReceipt(model);
  const { buyer } = request;
  return {
    ...common(model),
    kind: 'vat-invoice',
    title: L.taxInvoice,
    number: request.number,
    facts: [
      { label: say(L.invoiceNumber, lang), value: request.number },
      { label: say(L.date, lang), value: formatShopDateTime(request.issuedAt ?? model.at, lang) },
      { label: say(L.receiptNumber, lang), value: model.receiptNumber },
    ],
    party: {
      heading: say(L.buyer, lang),
      name: buyer.name,
      details: [
        buyer.tin && `${say(L.vatTin, lang)}: ${buyer.tin}`,
        buyer.address && `${say(L.address, lang)}: ${buyer.address}`,
        buyer.phone && `${say(L.phone, lang)}: ${formatCambodianPhone(buyer.phone)}`,
      ].filter((d): d is string => Boolean(d)),
    },
    totals: totalRows(figures),
    payments: [],
    barcode: null,
    signatures: true,
  };
}

function common(model: ReceiptModel) {
  const lang = model.language;
  const { shop } = model;
  const figures = figureReceipt(model);
  const lines: SheetLine[] = figures.lines.map(({ line, grossCents, discountCents }, i) => ({
    no: i + 1,
    sku: line.sku,
    name: line.name,
    details: [
      discountCents > 0
        ? `${line.discountName ?? say(L.lineDiscount, lang)}: ${formatUsd(-discountCents)}`
        : null,
      line.serials?.length ? `${L.serials[0]}: ${line.serials.join(', ')}` : null,
      line.warrantyMonths ? `${say(L.warranty, lang)}: ${line.warrantyMonths} ${say(L.months, lang)}` : null,
    ].filter((d): d is string => d !== null),
    quantity: line.quantity,
    unitPrice: formatUsd(line.unitPriceCents),
    amount: formatUsd(grossCents - discountCents),
  }));
  return {
    language: lang,
    seller: {
      name: shop.name,
      nameKm: shop.nameKm,
      details: [
        shop.address && `${say(L.address, lang)}: ${shop.address}`,
        shop.phone && `${say(L.phone, lang)}: ${shop.phone}`,
        shop.supportEmail,
        model.vat && `${say(L.vatTin, lang)}: ${model.vat.tin}`,
      ].filter((d): d is string => Boolean(d)),
    },
    lines,
    rate: `${say(L.rate, lang)}: ${rateText(model.rielPerUsd)}`,
    footer: [say(L.thanks, lang), ...(model.footer ? [model.footer] : [])],
  };
}

export const sheetColumns: { label: Label; align: 'left' | 'right'; key: keyof SheetLine }[] = [
  { label: ['No.', 'ល.រ'], align: 'right', key: 'no' },
  { label: L.item, align: 'left', key: 'name' },
  { label: L.quantity, align: 'right', key: 'quantity' },
  { label: L.unitPrice, align: 'right', key: 'unitPrice' },
  { label: L.amount, align: 'right', key: 'amount' },
];
