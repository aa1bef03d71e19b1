import { defineMessages } from '@shop/ui';

/** Texts of a guest's order page (issue 15): opened by the link in its mails, and made into an account's order. */
export const guestOrderText = defineMessages({
  en: {
    notFoundText:
      'This link does not open an order. Use the link in the latest email about your order, or contact us.',
    backHome: 'Back to the shop',
    guestNote: 'You ordered as a guest. Keep the email about this order: its link opens this page.',
    keepTitle: 'Keep this order in an account',
    keepText: (email: string) =>
      `Create an account with ${email} (we email you a code) or sign in to it, and this order is added to it: your orders, invoices and warranty in one place.`,
    tabsLabel: 'Create an account or sign in',
    tabSignUp: 'Create account',
    tabSignIn: 'Sign in',
    claiming: 'Adding this order to your account…',
    claimed: 'This order is now in your account.',
    otherAccount: (email: string) =>
      `You are signed in with another email. This order can only join the account of ${email}.`,
    claimFailed: 'We could not add this order to your account. Please try again.',
  },
  km: {
    notFoundText: 'តំណនេះមិនបើកការបញ្ជាទិញណាមួយទេ។ សូមប្រើតំណក្នុងអ៊ីមែលចុងក្រោយអំពីការបញ្ជាទិញរបស់អ្នក ឬទាក់ទងមកយើង។',
    backHome: 'ត្រឡប់ទៅហាង',
    guestNote: 'អ្នកបានបញ្ជាទិញជាភ្ញៀវ។ សូមរក្សាទុកអ៊ីមែលអំពីការបញ្ជាទិញនេះ៖ តំណរបស់វាបើកទំព័រនេះ។',
    keepTitle: 'រក្សាការបញ្ជាទិញនេះក្នុងគណនី',
    keepText: (email: string) =>
      `បង្កើតគណនីជាមួយ ${email} (យើងផ្ញើលេខកូដតាមអ៊ីមែល) ឬចូលគណនីនោះ ហើយការបញ្ជាទិញនេះនឹងត្រូវបន្ថែមទៅក្នុងវា៖ ការបញ្ជាទិញ វិក្កយបត្រ និងការធានារបស់អ្នកនៅកន្លែងតែមួយ។`,
    tabsLabel: 'បង្កើតគណនី ឬចូលគណនី',
    tabSignUp: 'បង្កើតគណនី',
    tabSignIn: 'ចូលគណនី',
    claiming: 'កំពុងបន្ថែមការបញ្ជាទិញនេះទៅក្នុងគណនីរបស់អ្នក…',
    claimed: 'ការបញ្ជាទិញនេះឥឡូវនៅក្នុងគណនីរបស់អ្នកហើយ។',
    otherAccount: (email: string) => `អ្នកបានចូលដោយអ៊ីមែលផ្សេង។ ការបញ្ជាទិញនេះអាចបន្ថែមបានតែទៅគណនីរបស់ ${email} ប៉ុណ្ណោះ។`,
    claimFailed: 'យើងមិនអាចបន្ថែមការបញ្ជាទិញនេះទៅក្នុងគណនីរបស់អ្នកបានទេ។ សូមព្យាយាមម្ដងទៀត។',
  },
});
