import type { ReceiptModel, VatInvoiceRequest } from './model';

/**
 * Sales as a counter records them, for the tests and the pictures looked at: Khmer names with coeng subscripts
 * and pre-base vowels, a line discount, a sale discount, a serial, and cash in both currencies with change.
 */
export function sampleSale(overrides: Partial<ReceiptModel> = {}): ReceiptModel {
  return {
    shop: {
      name: 'Angkor Computer',
      nameKm: 'ហាងកុំព្យូទ័រ អង្គរ',
      logoUrl: null,
      supportEmail: 'shop@example.com',
      phone: '012 345 678',
      address: 'No. 12, Street 310, Boeng Keng Kang, Phnom Penh',
      hours: null,
    },
    vat: { registered: true, ratePercent: 10, tin: 'K001-901234567' },
    rielPerUsd: 4100,
    receiptNumber: 'C1-000123',
    at: Date.UTC(2026, 11, 7, 3, 15),
    deviceName: 'Counter 1',
    staff: { id: 'staff-1', name: 'សុខ ស្រីពៅ' },
    customer: { name: 'ចាន់ សុភ័ក្ត្រ', phone: '097 123 4567' },
    lines: [
      {
        sku: 'LAP-ASUS-X515',
        name: 'ASUS VivoBook 15 កុំព្យូទ័រយួរដៃ',
        quantity: 1,
        unitPriceCents: 549_00,
        discountCents: 20_00,
        serials: ['SN-X515-88231'],
        warrantyMonths: 12,
      },
      { sku: 'MOU-LOGI-M185', name: 'Logitech M185 កណ្ដុរឥតខ្សែ', quantity: 2, unitPriceCents: 12_50 },
      { sku: 'CAB-HDMI-2M', name: 'HDMI cable 2 m ខ្សែ', quantity: 1, unitPriceCents: 4_34 },
    ],
    discountCents: 5_00,
    // Total $553.34: $500 in dollars, the rest ($53.34, 218,694 riel exactly) in riel notes: 218,700 (+6 riel).
    payments: [
      { method: 'cash', currency: 'USD', amount: 500_00, tendered: 500_00, change: 0 },
      { method: 'cash', currency: 'KHR', amount: 218_700, tendered: 250_000, change: 31_300 },
    ],
    language: 'km',
    footer: 'Goods sold are exchanged within 7 days with the receipt.',
    ...overrides,
  };
}

export function sampleVatInvoice(): VatInvoiceRequest {
  return {
    number: 'INV-C1-000045',
    buyer: {
      name: 'ក្រុមហ៊ុន ស្រីមាស ត្រេឌីង ឯ.ក',
      tin: 'K002-100200300',
      address: 'ផ្ទះលេខ ៤៥ ផ្លូវ ២៧១ ខណ្ឌទួលគោក ភ្នំពេញ',
      phone: '023 999 888',
    },
  };
}
