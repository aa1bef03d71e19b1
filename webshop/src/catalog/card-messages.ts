import { defineMessages } from '@shop/ui';

/** What a product card and its buttons say (add to cart, compare): on the home page's first view, so kept apart. */
export const cardText = defineMessages({
  en: {
    addToCart: 'Add to cart',
    addNameToCart: (name: string) => `Add ${name} to cart`,
    added: 'Added to cart',
    addedText: (quantity: number, name: string) => `${quantity} × ${name}`,
    viewCart: 'View cart',
    addFailed: 'Could not add to cart',
    onlyLeft: (count: number) => (count > 0 ? `Only ${count} available` : 'This product is out of stock'),
    atMost: (count: number) => `At most ${count} of one product per order`,
    noLongerSold: 'This product is no longer sold',
    percentOff: (percent: number) => `−${percent}%`,
    percentOffLabel: (percent: number) => `${percent}% off`,
    noPicture: 'No picture yet',
    keySpecs: 'Key specifications',
    compare: 'Compare',
    compareFull: 'You can compare up to 4 products',
    compareFullText: 'Remove one from the comparison first.',
    compareOtherKind: 'Compare one kind of product at a time',
    compareOtherKindText: (category: string) =>
      `Your comparison holds ${category}. Clear it first to compare this product.`,
  },
  km: {
    addToCart: 'ដាក់ក្នុងរទេះ',
    addNameToCart: (name: string) => `ដាក់ ${name} ក្នុងរទេះ`,
    added: 'បានដាក់ក្នុងរទេះហើយ',
    addedText: (quantity: number, name: string) => `${quantity} × ${name}`,
    viewCart: 'មើលរទេះ',
    addFailed: 'មិនអាចដាក់ក្នុងរទេះបានទេ',
    onlyLeft: (count: number) => (count > 0 ? `នៅសល់តែ ${count} ប៉ុណ្ណោះ` : 'ផលិតផលនេះអស់ពីស្តុកហើយ'),
    atMost: (count: number) => `អាចកុម្ម៉ង់បានច្រើនបំផុត ${count} ក្នុងមួយមុខ`,
    noLongerSold: 'ផលិតផលនេះលែងលក់ហើយ',
    percentOff: (percent: number) => `−${percent}%`,
    percentOffLabel: (percent: number) => `បញ្ចុះ ${percent}%`,
    noPicture: 'មិនទាន់មានរូបភាព',
    keySpecs: 'លក្ខណៈសំខាន់ៗ',
    compare: 'ប្រៀបធៀប',
    compareFull: 'អាចប្រៀបធៀបបានច្រើនបំផុត ៤ មុខ',
    compareFullText: 'សូមដកផលិតផលមួយចេញពីការប្រៀបធៀបជាមុនសិន។',
    compareOtherKind: 'ប្រៀបធៀបបានតែផលិតផលប្រភេទដូចគ្នា',
    compareOtherKindText: (category: string) =>
      `បញ្ជីប្រៀបធៀបរបស់អ្នកមាន ${category}។ សូមសម្អាតបញ្ជីជាមុនសិន ដើម្បីប្រៀបធៀបផលិតផលនេះ។`,
  },
});
