import { defineMessages } from '@shop/ui';
import type { CouponRefusal } from '@shop/shared';

/** The coupon field and the discounts of the cart and the checkout. */
export const promotionText = defineMessages({
  en: {
    coupon: 'Coupon code',
    apply: 'Apply',
    remove: 'Remove',
    removeCoupon: (code: string) => `Remove coupon ${code}`,
    couponApplied: (code: string) => `Coupon ${code} applied`,
    notACode: 'A coupon code has 3 to 32 letters, digits, dashes or underscores.',
    refused: (reason: CouponRefusal): string =>
      ({
        unknown: 'We do not know this coupon code.',
        not_started: 'This coupon is not valid yet.',
        expired: 'This coupon has expired.',
        paused: 'This coupon cannot be used at the moment.',
        channel: 'This coupon can be used in the shop only, not online.',
        min_total: 'Your order does not reach this coupon’s minimum yet.',
        used_up: 'This coupon has been used up.',
        customer_used_up: 'You have already used this coupon.',
        customer_required: 'Sign in to use this coupon: it is limited per customer.',
        no_effect: 'This coupon takes nothing off this cart.',
      })[reason],
    discounts: 'Discounts',
    youSave: 'You save',
    freeDelivery: (name: string) => `${name}: free delivery`,
    wasPrice: 'was',
  },
  km: {
    coupon: 'លេខកូដគូប៉ុង',
    apply: 'ប្រើ',
    remove: 'ដកចេញ',
    removeCoupon: (code: string) => `ដកគូប៉ុង ${code} ចេញ`,
    couponApplied: (code: string) => `បានប្រើគូប៉ុង ${code}`,
    notACode: 'លេខកូដគូប៉ុងមានពី ៣ ដល់ ៣២ តួអក្សរ លេខ សញ្ញាដក ឬសញ្ញាគូសក្រោម។',
    refused: (reason: CouponRefusal): string =>
      ({
        unknown: 'យើងមិនស្គាល់លេខកូដគូប៉ុងនេះទេ។',
        not_started: 'គូប៉ុងនេះមិនទាន់អាចប្រើបាននៅឡើយទេ។',
        expired: 'គូប៉ុងនេះផុតកំណត់ហើយ។',
        paused: 'គូប៉ុងនេះមិនអាចប្រើបាននៅពេលនេះទេ។',
        channel: 'គូប៉ុងនេះប្រើបានតែនៅហាងប៉ុណ្ណោះ មិនមែនអនឡាញទេ។',
        min_total: 'ការបញ្ជាទិញរបស់អ្នកមិនទាន់ដល់ចំនួនអប្បបរមារបស់គូប៉ុងនេះទេ។',
        used_up: 'គូប៉ុងនេះត្រូវបានប្រើអស់ហើយ។',
        customer_used_up: 'អ្នកបានប្រើគូប៉ុងនេះរួចហើយ។',
        customer_required: 'សូមចូលគណនីដើម្បីប្រើគូប៉ុងនេះ៖ វាកំណត់ចំនួនប្រើក្នុងមួយអតិថិជន។',
        no_effect: 'គូប៉ុងនេះមិនបញ្ចុះតម្លៃអ្វីលើរទេះនេះទេ។',
      })[reason],
    discounts: 'ការបញ្ចុះតម្លៃ',
    youSave: 'អ្នកសន្សំបាន',
    freeDelivery: (name: string) => `${name}៖ ដឹកជញ្ជូនឥតគិតថ្លៃ`,
    wasPrice: 'ពីមុន',
  },
});
