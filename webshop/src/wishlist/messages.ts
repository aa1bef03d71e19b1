import { defineMessages } from '@shop/ui';

/** What the heart on a product and the header's wishlist link say; the wishlist page's own are page-messages.ts. */
export const wishlistText = defineMessages({
  en: {
    wishlist: 'Wishlist',
    wishlistWithCount: (count: number) => `Wishlist, ${count} ${count === 1 ? 'product' : 'products'}`,
    save: (name: string) => `Save ${name} to your wishlist`,
    saved: 'Saved to your wishlist',
    savedText: (name: string) => `${name} is on your wishlist.`,
    savedLocally: 'Sign in to keep it on every device.',
    viewWishlist: 'View wishlist',
    full: 'Your wishlist is full',
    fullText: (limit: number) => `It keeps at most ${limit} products. Remove some to add more.`,
    failed: 'Your wishlist could not be changed',
    noLongerSold: 'This product is no longer sold.',
    notMerged: (count: number) =>
      `${count} ${count === 1 ? 'product' : 'products'} saved on this device did not fit on your wishlist.`,
  },
  km: {
    wishlist: 'បញ្ជីចង់បាន',
    wishlistWithCount: (count: number) => `បញ្ជីចង់បាន មាន ${count} មុខ`,
    save: (name: string) => `រក្សាទុក ${name} ក្នុងបញ្ជីចង់បាន`,
    saved: 'បានរក្សាទុកក្នុងបញ្ជីចង់បាន',
    savedText: (name: string) => `${name} នៅក្នុងបញ្ជីចង់បានរបស់អ្នក។`,
    savedLocally: 'ចូលគណនី ដើម្បីរក្សាទុកវានៅលើគ្រប់ឧបករណ៍។',
    viewWishlist: 'មើលបញ្ជីចង់បាន',
    full: 'បញ្ជីចង់បានរបស់អ្នកពេញហើយ',
    fullText: (limit: number) => `វារក្សាទុកបានច្រើនបំផុត ${limit} មុខ។ សូមដកខ្លះចេញ ដើម្បីបន្ថែមទៀត។`,
    failed: 'មិនអាចផ្លាស់ប្តូរបញ្ជីចង់បានរបស់អ្នកបានទេ',
    noLongerSold: 'ផលិតផលនេះលែងលក់ហើយ។',
    notMerged: (count: number) => `ផលិតផល ${count} មុខ ដែលបានរក្សាទុកលើឧបករណ៍នេះ មិនអាចដាក់ក្នុងបញ្ជីចង់បានរបស់អ្នកបានទេ។`,
  },
});
