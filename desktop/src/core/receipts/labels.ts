import type { Locale } from '@shop/shared';

/** A label in English with its Khmer beside it (the same words as the server's invoice where they overlap). */
export type Label = readonly [en: string, km: string];

export const labels = {
  receipt: ['Receipt', 'បង្កាន់ដៃ'],
  taxInvoice: ['Tax invoice', 'វិក្កយបត្រអាករ'],
  receiptNumber: ['Receipt no.', 'លេខបង្កាន់ដៃ'],
  invoiceNumber: ['Invoice no.', 'លេខវិក្កយបត្រ'],
  date: ['Date', 'កាលបរិច្ឆេទ'],
  counter: ['Counter', 'បញ្ជរ'],
  cashier: ['Cashier', 'អ្នកគិតលុយ'],
  customer: ['Customer', 'អតិថិជន'],
  walkIn: ['Walk-in customer', 'អតិថិជនទូទៅ'],
  seller: ['Seller', 'អ្នកលក់'],
  buyer: ['Buyer', 'អ្នកទិញ'],
  vatTin: ['VAT TIN', 'លេខអត្តសញ្ញាណកម្មអតប'],
  address: ['Address', 'អាសយដ្ឋាន'],
  phone: ['Phone', 'ទូរស័ព្ទ'],
  item: ['Item', 'ទំនិញ'],
  quantity: ['Qty', 'ចំនួន'],
  unitPrice: ['Unit price', 'តម្លៃរាយ'],
  amount: ['Amount', 'ទឹកប្រាក់'],
  serials: ['S/N', 'លេខស៊េរី'],
  warranty: ['Warranty', 'ធានា'],
  months: ['months', 'ខែ'],
  lineDiscount: ['Discount', 'បញ្ចុះតម្លៃ'],
  subtotal: ['Subtotal', 'សរុបរង'],
  discount: ['Discount', 'បញ្ចុះតម្លៃ'],
  totalExclVat: ['Total excl. VAT', 'សរុបមិនរួមអតប'],
  vat: ['VAT', 'អតប'],
  included: ['included', 'រួមបញ្ចូល'],
  total: ['Total', 'សរុប'],
  totalInclVat: ['Total incl. VAT', 'សរុបរួមអតប'],
  rate: ['Exchange rate', 'អត្រាប្តូរប្រាក់'],
  payment: ['Payment', 'ការទូទាត់'],
  cash: ['Cash', 'សាច់ប្រាក់'],
  khqr: ['KHQR', 'KHQR'],
  tendered: ['tendered', 'ទទួល'],
  confirmedByStaff: ['confirmed by staff', 'បុគ្គលិកបានបញ្ជាក់'],
  change: ['Change', 'ប្រាក់អាប់'],
  rounding: ['Riel rounding', 'ការបង្គត់ប្រាក់រៀល'],
  signatureBuyer: ["Buyer's signature", 'ហត្ថលេខាអ្នកទិញ'],
  signatureSeller: ["Seller's signature", 'ហត្ថលេខាអ្នកលក់'],
  page: ['Page', 'ទំព័រ'],
  thanks: ['Thank you for your purchase', 'សូមអរគុណសម្រាប់ការទិញ'],
} as const satisfies Record<string, Label>;

/** The reader's language first, the other beside it: "Total / សរុប" or "សរុប / Total". */
export function say([en, km]: Label, language: Locale): string {
  // A name the shop gave (a promotion's, the same in both places) is printed once, as it was written.
  if (en === km) return en;
  return language === 'km' ? `${km} / ${en}` : `${en} / ${km}`;
}

/** The reader's language alone (where room is short and the other language sits on the next line). */
export function first([en, km]: Label, language: Locale): string {
  return language === 'km' ? km : en;
}

export function second([en, km]: Label, language: Locale): string {
  return language === 'km' ? en : km;
}
