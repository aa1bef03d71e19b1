import { defineMessages } from '@shop/ui';
import type { OrderLineCancelReason } from '@shop/shared';

/** What staff do to an order: move it along, cancel units of a line, print its invoice. */
export const actionTexts = defineMessages({
  en: {
    moveTo: (status: string) => `Move to “${status}”`,
    moveWhy: 'The customer is mailed about the steps that concern them.',
    reason: 'Reason (optional)',
    reasonNeeded: 'Reason',
    handover: 'Scan or type the serial number of each unit that leaves the shop.',
    unit: (name: string, unit: number, of: number) => `${name}: unit ${unit} of ${of}`,
    confirm: 'Confirm',
    cancel: 'Keep as it is',
    close: 'Close',
    cancelLineTitle: (name: string) => `Cancel units of ${name}`,
    cancelLineWhy: (paid: boolean): string =>
      paid
        ? 'The customer has paid: what these units cost is added to the refund owed. The stock goes back.'
        : 'The total drops and the customer gets a new KHQR for it. The stock goes back.',
    quantityToCancel: (most: number) => `How many (at most ${most})`,
    cancelReason: 'Why',
    note: 'Note (optional)',
    serialsBack: 'Serial numbers of the units cancelled',
    cancelUnits: 'Cancel these units',
    invoice: 'Invoice',
    invoiceTitle: (number: string) => `Invoice of order ${number}`,
    invoiceLoading: 'Making the invoice…',
    savePdf: 'Save PDF',
    print: 'Print',
  },
  km: {
    moveTo: (status: string) => `ប្តូរទៅ “${status}”`,
    moveWhy: 'អតិថិជននឹងទទួលបានអ៊ីមែលអំពីជំហានដែលពាក់ព័ន្ធនឹងពួកគេ។',
    reason: 'មូលហេតុ (មិនចាំបាច់)',
    reasonNeeded: 'មូលហេតុ',
    handover: 'ស្កេន ឬវាយលេខសៀរៀលនៃឯកតានីមួយៗដែលចេញពីហាង។',
    unit: (name: string, unit: number, of: number) => `${name}៖ ឯកតាទី ${unit} នៃ ${of}`,
    confirm: 'បញ្ជាក់',
    cancel: 'ទុកដដែល',
    close: 'បិទ',
    cancelLineTitle: (name: string) => `លុបចោលឯកតានៃ ${name}`,
    cancelLineWhy: (paid: boolean): string =>
      paid
        ? 'អតិថិជនបានបង់ប្រាក់រួចហើយ៖ តម្លៃនៃឯកតាទាំងនេះនឹងបូកចូលប្រាក់ដែលត្រូវសងវិញ។ ស្តុកត្រលប់មកវិញ។'
        : 'ប្រាក់សរុបថយចុះ ហើយអតិថិជនទទួលបាន KHQR ថ្មី។ ស្តុកត្រលប់មកវិញ។',
    quantityToCancel: (most: number) => `ចំនួន (យ៉ាងច្រើន ${most})`,
    cancelReason: 'ហេតុអ្វី',
    note: 'កំណត់ចំណាំ (មិនចាំបាច់)',
    serialsBack: 'លេខសៀរៀលនៃឯកតាដែលបានលុបចោល',
    cancelUnits: 'លុបចោលឯកតាទាំងនេះ',
    invoice: 'វិក្កយបត្រ',
    invoiceTitle: (number: string) => `វិក្កយបត្រនៃការបញ្ជាទិញ ${number}`,
    invoiceLoading: 'កំពុងរៀបចំវិក្កយបត្រ…',
    savePdf: 'រក្សាទុក PDF',
    print: 'បោះពុម្ព',
  },
});

export const cancelReasonTexts = defineMessages<Record<OrderLineCancelReason, string>>({
  en: {
    out_of_stock: 'Out of stock',
    customer_request: 'The customer asked',
    damaged: 'Damaged',
    pricing_error: 'Wrong price',
    other: 'Other',
  },
  km: {
    out_of_stock: 'អស់ពីស្តុក',
    customer_request: 'អតិថិជនស្នើសុំ',
    damaged: 'ខូច',
    pricing_error: 'តម្លៃខុស',
    other: 'ផ្សេងទៀត',
  },
});
