import { defineMessages } from '@shop/ui';

/** Texts of pre-ordering a product that is out of stock: the button, the step with the deposit, the refusals. */
export const preOrderText = defineMessages({
  en: {
    title: 'Out of stock – available to pre-order',
    lead: 'Reserve one now: you are served in the order pre-orders were made, before the stock goes on sale.',
    expected: (day: string) => `Expected: ${day}`,
    expectedUnknown: 'Expected: we will tell you as soon as we know',
    preOrder: 'Pre-order',
    stepTitle: 'Your pre-order',
    deposit: (percent: number) => `Deposit now (${percent} %)`,
    noDeposit: 'Nothing to pay now: staff confirm your pre-order',
    rest: 'Rest, due when it arrives',
    restHow: 'Pay the rest by KHQR on your order page or in cash when you pick it up.',
    confirm: 'Confirm pre-order',
    back: 'Back',
    signIn: 'Sign in to pre-order',
    failed: 'We could not take your pre-order. Please try again, or call us.',
    inStockNow: 'It is in stock again: add it to your cart instead.',
  },
  km: {
    title: 'អស់ពីស្តុក – អាចកម្មង់ទុកមុនបាន',
    lead: 'កក់ទុកឥឡូវនេះ៖ អ្នកនឹងទទួលបានតាមលំដាប់នៃការកម្មង់ទុកមុន មុនពេលទំនិញដាក់លក់។',
    expected: (day: string) => `រំពឹងថានឹងមកដល់៖ ${day}`,
    expectedUnknown: 'រំពឹងថានឹងមកដល់៖ យើងនឹងប្រាប់អ្នកភ្លាមៗពេលដឹង',
    preOrder: 'កម្មង់ទុកមុន',
    stepTitle: 'ការកម្មង់ទុកមុនរបស់អ្នក',
    deposit: (percent: number) => `ប្រាក់កក់ឥឡូវនេះ (${percent} %)`,
    noDeposit: 'មិនចាំបាច់បង់អ្វីឥឡូវនេះទេ៖ បុគ្គលិកនឹងបញ្ជាក់ការកម្មង់របស់អ្នក',
    rest: 'ប្រាក់ដែលនៅសល់ ត្រូវបង់ពេលទំនិញមកដល់',
    restHow: 'បង់ប្រាក់ដែលនៅសល់តាម KHQR នៅលើទំព័រការបញ្ជាទិញ ឬជាសាច់ប្រាក់ពេលមកយក។',
    confirm: 'បញ្ជាក់ការកម្មង់ទុកមុន',
    back: 'ត្រឡប់ក្រោយ',
    signIn: 'ចូលគណនីដើម្បីកម្មង់ទុកមុន',
    failed: 'យើងមិនអាចទទួលការកម្មង់ទុកមុនរបស់អ្នកបានទេ។ សូមព្យាយាមម្តងទៀត ឬទូរស័ព្ទមកយើង។',
    inStockNow: 'មានក្នុងស្តុកវិញហើយ៖ សូមដាក់ចូលរទេះជំនួសវិញ។',
  },
});
