import { defineMessages } from '@shop/ui';

/** Texts of a pre-order's page: where it is in its line, what is paid and left, and paying the rest. */
export const preOrderPanelText = defineMessages({
  en: {
    heading: 'Pre-order',
    expected: (day: string) => `Expected: ${day}`,
    expectedUnknown: 'Expected: not known yet',
    deposit: (percent: number) => `Deposit (${percent} %)`,
    depositPaid: 'Deposit paid',
    rest: 'Left to pay',
    waitingDeposit: 'Pay the deposit below to place your pre-order.',
    waitingConfirm: 'We have your pre-order: our staff will confirm it shortly.',
    waitingStock:
      'Confirmed: you are in line, and will be served in the order pre-orders were made. We will email you when it arrives.',
    arrivedTitle: 'It has arrived!',
    arrived: (until: string) =>
      `It is reserved for you until ${until}. Pay the rest now, or in cash when you pick it up.`,
    payRest: 'Pay the rest by KHQR',
    payRestFailed: 'We could not make a QR code. Please try again, or pay in cash at the shop.',
    depositRefund: 'Your deposit will be refunded: our staff will contact you.',
    depositKept: 'As our pre-order terms say, the deposit is kept.',
  },
  km: {
    heading: 'ការកម្មង់ទុកមុន',
    expected: (day: string) => `រំពឹងថានឹងមកដល់៖ ${day}`,
    expectedUnknown: 'រំពឹងថានឹងមកដល់៖ មិនទាន់ដឹងនៅឡើយ',
    deposit: (percent: number) => `ប្រាក់កក់ (${percent} %)`,
    depositPaid: 'ប្រាក់កក់ដែលបានបង់',
    rest: 'ប្រាក់ដែលនៅសល់ត្រូវបង់',
    waitingDeposit: 'សូមបង់ប្រាក់កក់ខាងក្រោម ដើម្បីដាក់ការកម្មង់ទុកមុនរបស់អ្នក។',
    waitingConfirm: 'យើងបានទទួលការកម្មង់ទុកមុនរបស់អ្នកហើយ៖ បុគ្គលិករបស់យើងនឹងបញ្ជាក់ក្នុងពេលឆាប់ៗ។',
    waitingStock: 'បានបញ្ជាក់៖ អ្នកស្ថិតនៅក្នុងជួរ ហើយនឹងទទួលបានតាមលំដាប់នៃការកម្មង់។ យើងនឹងផ្ញើអ៊ីមែលទៅអ្នកពេលទំនិញមកដល់។',
    arrivedTitle: 'ទំនិញបានមកដល់ហើយ!',
    arrived: (until: string) =>
      `វាត្រូវបានរក្សាទុកសម្រាប់អ្នករហូតដល់ ${until}។ សូមបង់ប្រាក់ដែលនៅសល់ឥឡូវនេះ ឬជាសាច់ប្រាក់ពេលមកយក។`,
    payRest: 'បង់ប្រាក់ដែលនៅសល់តាម KHQR',
    payRestFailed: 'យើងមិនអាចបង្កើតកូដ QR បានទេ។ សូមព្យាយាមម្តងទៀត ឬបង់ជាសាច់ប្រាក់នៅហាង។',
    depositRefund: 'ប្រាក់កក់របស់អ្នកនឹងត្រូវបង្វិលសង៖ បុគ្គលិករបស់យើងនឹងទាក់ទងអ្នក។',
    depositKept: 'យោងតាមលក្ខខណ្ឌនៃការកម្មង់ទុកមុន ប្រាក់កក់ត្រូវបានរក្សាទុក។',
  },
});
