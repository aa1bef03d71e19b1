import type { RefusalKey } from '../core/refusals';

type Params = Record<string, string | number>;

const roleKm: Record<string, string> = { staff: 'បុគ្គលិក', admin: 'អ្នកគ្រប់គ្រង' };

/**
 * The core's everyday refusals in Khmer, one per key of core/refusals.ts (the compiler checks none is missing);
 * English comes from the core itself.
 */
export const refusalTextsKm: Record<RefusalKey, (p: Params) => string> = {
  signInFirst: () => 'សូមចូលប្រើជាមុនសិន',
  staffUnknown: () => 'ម៉ាស៊ីនលក់នេះមិនទាន់ស្គាល់បុគ្គលិកនេះទេ៖ សូមធ្វើសមកាលកម្មជាមុន',
  staffGone: (p) => `${p.name} មិនអាចចូលប្រើបានទៀតទេ`,
  onlineOnceFirst: (p) => `${p.name} ត្រូវចូលប្រើតាមអនឡាញនៅម៉ាស៊ីននេះម្តងសិន មុនពេលប្រើលេខ PIN`,
  noPinYet: (p) => `${p.name} មិនទាន់មានលេខ PIN សម្រាប់ម៉ាស៊ីនលក់ទេ`,
  pinLocked: () => 'វាយលេខ PIN ខុសច្រើនដងពេក៖ សូមរង់ចាំ ឬចូលប្រើតាមអនឡាញ',
  wrongPin: () => 'លេខ PIN មិនត្រឹមត្រូវ',
  serverUnreachableUsePin: () => 'មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេរបស់ហាងបានទេ៖ សូមចូលប្រើដោយលេខ PIN ជំនួសវិញ',
  unsyncedSignOut: (p) => `ការលក់ ឬកំណត់ត្រាវេនរបស់អ្នកចំនួន ${p.count} មិនទាន់បានសមកាលកម្មទេ៖ សូមធ្វើសមកាលកម្មជាមុន`,
  productUnknown: () => 'ម៉ាស៊ីនលក់នេះមិនស្គាល់ទំនិញនេះទេ៖ សូមធ្វើសមកាលកម្មជាមុន',
  customerUnknown: () => 'ម៉ាស៊ីនលក់នេះមិនស្គាល់អតិថិជននេះទេ៖ សូមធ្វើសមកាលកម្មជាមុន',
  noProductWithCode: (p) => `គ្មានទំនិញដែលមានលេខកូដ ${p.code}`,
  productRetired: (p) => `${p.name} លែងលក់ហើយ`,
  paymentsTaken: () => 'បានទទួលប្រាក់ហើយ៖ សូមដកការបង់ប្រាក់ចេញ មុនពេលកែការលក់',
  discountOverLine: () => 'ការបញ្ចុះតម្លៃមិនអាចលើសតម្លៃទំនិញនោះទេ',
  discountOverSale: () => 'ការបញ្ចុះតម្លៃមិនអាចលើសតម្លៃការលក់ទេ',
  discountOverLimit: (p) =>
    `${roleKm[p.role as string] ?? p.role} អាចបញ្ចុះតម្លៃបានច្រើនបំផុត ${p.percent}% នៃការលក់៖ សូមសុំអ្នកគ្រប់គ្រងបន្ថែម`,
  approverNotAdmin: (p) =>
    `${p.name} មិនមែនជាអ្នកគ្រប់គ្រងទេ៖ មានតែលេខ PIN របស់អ្នកគ្រប់គ្រងទេ ដែលអនុម័តការបញ្ចុះតម្លៃធំជាងនេះបាន`,
  nothingToPay: () => 'សូមបន្ថែមទំនិញមុនពេលទទួលប្រាក់',
  alreadyPaid: () => 'ការលក់នេះបានបង់រួចហើយ',
  rielSteps: () => 'សាច់ប្រាក់រៀលត្រូវគិតជាជំហាន 100 រៀល',
  khqrConfirmFirst: () => 'សូមបញ្ជាក់ថាប្រាក់ KHQR បានចូលទូរស័ព្ទហាង មុនពេលទទួលយក',
  khqrOverDue: () => 'ការបង់ប្រាក់ KHQR មិនអាចលើសចំនួនដែលត្រូវបង់ទេ',
  khqrWaiting: () => 'មាន KHQR មួយកំពុងរង់ចាំការបង់ប្រាក់៖ សូមរង់ចាំ ឬបោះបង់វាជាមុន',
  openShiftFirst: () => 'សូមបើកវេនមុនពេលដាក់ ឬដកសាច់ប្រាក់',
  noShiftOpen: () => 'មិនមានវេនណាបើកទេ',
  customerName: () => 'សូមបញ្ចូលឈ្មោះអតិថិជន (យ៉ាងច្រើន 120 តួអក្សរ)',
  customerPhone: () => 'សូមបញ្ចូលលេខទូរស័ព្ទកម្ពុជា ដូចជា 012 345 678 ឬ +855 12 345 678',
  buildLinkInvalid: () => 'នេះមិនមែនជាតំណនៃការដំឡើងកុំព្យូទ័រទេ (…/builder/ និងអក្សរ 22 តួ)',
  buildNeedsServer: () => 'ការបើកការដំឡើងកុំព្យូទ័រត្រូវការម៉ាស៊ីនមេរបស់ហាង ដែលមិនអាចភ្ជាប់បានឥឡូវនេះទេ',
  buildUnknown: () => 'គ្មានការដំឡើងកុំព្យូទ័រណាមានតំណនេះទេ',
  buildIncompatible: (p) => `គ្រឿងនៃការដំឡើងនេះមិនត្រូវគ្នាទេ៖ ${p.reasons}`,
};

/** A refusal in the page's language: Khmer when the page is Khmer and the key is known, else the core's English. */
export function refusalText(
  locale: string,
  message: string,
  text: { key: string; params: Params } | undefined,
): string {
  if (locale !== 'km' || !text || !Object.hasOwn(refusalTextsKm, text.key)) return message;
  return refusalTextsKm[text.key as RefusalKey](text.params ?? {});
}
