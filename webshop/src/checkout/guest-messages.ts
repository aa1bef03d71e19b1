import { defineMessages } from '@shop/ui';

/** Texts of ordering as a guest at checkout (issue 15). */
export const guestCheckoutText = defineMessages({
  en: {
    tabGuest: 'As a guest',
    guestHint:
      'No password needed: we email your order and a link to its page. You can make an account from it later.',
    name: 'Full name',
    phone: 'Phone number',
    phoneHint: 'For example 012 345 678. We call it only about this order.',
    email: 'Email',
    continue: 'Continue as a guest',
    orderingAs: 'Ordering as a guest',
    change: 'Change',
    whoFirst: 'Sign in, create an account or continue as a guest above to place your order.',
    deliveryAddress: 'Delivery address',
    houseStreet: 'House number and street',
    sangkat: 'Sangkat or commune',
    khan: 'Khan or district',
    province: 'Province or city',
    landmark: 'Landmark (optional)',
  },
  km: {
    tabGuest: 'ជាភ្ញៀវ',
    guestHint: 'មិនចាំបាច់មានពាក្យសម្ងាត់៖ យើងផ្ញើការបញ្ជាទិញ និងតំណទៅទំព័ររបស់វាតាមអ៊ីមែល។ អ្នកអាចបង្កើតគណនីពីវានៅពេលក្រោយ។',
    name: 'ឈ្មោះពេញ',
    phone: 'លេខទូរស័ព្ទ',
    phoneHint: 'ឧទាហរណ៍ ០១២ ៣៤៥ ៦៧៨។ យើងទូរស័ព្ទតែអំពីការបញ្ជាទិញនេះប៉ុណ្ណោះ។',
    email: 'អ៊ីមែល',
    continue: 'បន្តជាភ្ញៀវ',
    orderingAs: 'កំពុងបញ្ជាទិញជាភ្ញៀវ',
    change: 'ផ្លាស់ប្ដូរ',
    whoFirst: 'សូមចូលគណនី បង្កើតគណនី ឬបន្តជាភ្ញៀវខាងលើ ដើម្បីបញ្ជាទិញ។',
    deliveryAddress: 'អាសយដ្ឋានដឹកជញ្ជូន',
    houseStreet: 'លេខផ្ទះ និងផ្លូវ',
    sangkat: 'សង្កាត់ ឬឃុំ',
    khan: 'ខណ្ឌ ឬស្រុក',
    province: 'ខេត្ត ឬរាជធានី',
    landmark: 'ទីសម្គាល់ (មិនចាំបាច់)',
  },
});
