import { defineMessages } from '@shop/ui';
import { wishlistText } from './messages';

/**
 * The account's wishlist page: the heart's and the header's texts (messages.ts, on every page's first view) and the
 * page's own, kept out of the first view's file.
 */
export const wishlistPageText = defineMessages({
  en: {
    ...wishlistText.en,
    title: 'Wishlist',
    loading: 'Loading your wishlist',
    loadFailed: 'We could not load your wishlist.',
    empty: 'Your wishlist is empty',
    emptyText: 'Tap the heart on a product to keep it here for later.',
    startShopping: 'Browse products',
    count: (count: number, limit: number) => `${count} of ${limit} products`,
    added: (date: string) => `Added ${date}`,
    remove: 'Remove',
    removeName: (name: string) => `Remove ${name} from your wishlist`,
    addToCart: 'Add to cart',
    addNameToCart: (name: string) => `Add ${name} to cart`,
    unavailable: 'No longer sold',
    notifyMe: 'Email me when it is back',
  },
  km: {
    ...wishlistText.km,
    title: 'បញ្ជីចង់បាន',
    loading: 'កំពុងផ្ទុកបញ្ជីចង់បានរបស់អ្នក',
    loadFailed: 'យើងមិនអាចផ្ទុកបញ្ជីចង់បានរបស់អ្នកបានទេ។',
    empty: 'បញ្ជីចង់បានរបស់អ្នកទទេ',
    emptyText: 'ចុចរូបបេះដូងលើផលិតផល ដើម្បីរក្សាទុកវានៅទីនេះសម្រាប់ពេលក្រោយ។',
    startShopping: 'មើលផលិតផល',
    count: (count: number, limit: number) => `${count} ក្នុងចំណោម ${limit} មុខ`,
    added: (date: string) => `បានបន្ថែម ${date}`,
    remove: 'ដកចេញ',
    removeName: (name: string) => `ដក ${name} ចេញពីបញ្ជីចង់បាន`,
    addToCart: 'ដាក់ក្នុងរទេះ',
    addNameToCart: (name: string) => `ដាក់ ${name} ក្នុងរទេះ`,
    unavailable: 'លែងលក់ហើយ',
    notifyMe: 'ផ្ញើអ៊ីមែលមកខ្ញុំពេលមានវិញ',
  },
});
