import type { CouponRefusal, PricingChannel, PromotionInput } from './promotions';

/**
 * The table of pricing cases that the unit test of `priceCart` runs, and that the server's tests run again through
 * the real checkout and a counter push (server/test/promotions.test.ts): the totals must be identical everywhere.
 * Products, categories and brands are named by key (`caseCatalog`); each runner maps the keys to its own ids. Days
 * are offsets from the shop day priced (0: today, -1: yesterday, null: open-ended). Rate: 4,100 riel per dollar.
 */
export const caseCatalog = {
  categories: {
    parts: { name: 'Parts', parent: null },
    gpus: { name: 'Graphics cards', parent: 'parts' },
    cpus: { name: 'Processors', parent: 'parts' },
  },
  brands: { nvidia: 'NVIDIA', amd: 'AMD' },
  products: {
    gpu: { name: 'RTX 5070 12GB', priceCents: 54_999, category: 'gpus', brand: 'nvidia' },
    cpu: { name: 'Ryzen 7 9700X', priceCents: 32_050, category: 'cpus', brand: 'amd' },
    cable: { name: 'PCIe power cable', priceCents: 399, category: 'parts', brand: 'amd' },
  },
} as const;
export type CaseProduct = keyof typeof caseCatalog.products;
export type CaseCategory = keyof typeof caseCatalog.categories;
export type CaseBrand = keyof typeof caseCatalog.brands;
export const caseRielPerUsd = 4100;

type Days = { startsOn: number | null; endsOn: number | null };
type Dated<T> = T extends unknown
  ? Omit<T, 'startsOn' | 'endsOn'> & Partial<Days> & { paused?: boolean }
  : never;

/** A promotion of a case: ids are catalog keys, days are offsets. */
export type CaseRule = Dated<PromotionInput>;

export interface CaseCoupon {
  code: string;
  name: string;
  percent: number | null;
  amountCents: number | null;
  minTotalCents: number | null;
  channels: PricingChannel[];
  startsOn?: number | null;
  endsOn?: number | null;
}

export interface PricingCase {
  name: string;
  channel: PricingChannel;
  rules: CaseRule[];
  coupon?: CaseCoupon;
  lines: { product: CaseProduct; quantity: number }[];
  expect: {
    totalCents: number;
    totalKhr: number;
    /** Each discount as [name, USD cents], in the order priceCart lists them. */
    discounts: [string, number][];
    coupon?: 'applied' | CouponRefusal;
  };
}

const always = { startsOn: null, endsOn: null };
const tenPercent = (code: string, name: string, extra: Partial<CaseCoupon> = {}): CaseCoupon => ({
  code,
  name,
  percent: 10,
  amountCents: null,
  minTotalCents: null,
  channels: ['web', 'pos'],
  ...extra,
});

export const pricingCases: PricingCase[] = [
  {
    name: 'nothing live: the catalog price',
    channel: 'web',
    rules: [],
    lines: [{ product: 'gpu', quantity: 1 }],
    expect: { totalCents: 54_999, totalKhr: 2_255_000, discounts: [] },
  },
  {
    name: 'a sale price beats a smaller brand discount; they never add up',
    channel: 'web',
    rules: [
      { kind: 'sale_price', name: 'GPU week', productId: 'gpu', salePriceCents: 49_999, ...always },
      { kind: 'brand_off', name: 'NVIDIA 5%', brandId: 'nvidia', percent: 5, amountCents: null, ...always },
    ],
    lines: [{ product: 'gpu', quantity: 2 }],
    expect: { totalCents: 99_998, totalKhr: 4_099_900, discounts: [['GPU week', 10_000]] },
  },
  {
    name: 'a brand discount beats a smaller sale price',
    channel: 'pos',
    rules: [
      { kind: 'sale_price', name: 'GPU week', productId: 'gpu', salePriceCents: 53_999, ...always },
      { kind: 'brand_off', name: 'NVIDIA 10%', brandId: 'nvidia', percent: 10, amountCents: null, ...always },
    ],
    lines: [{ product: 'gpu', quantity: 1 }],
    expect: { totalCents: 49_499, totalKhr: 2_029_500, discounts: [['NVIDIA 10%', 5_500]] },
  },
  {
    name: 'a category rule covers the categories under it; percent rounds half-up per unit',
    channel: 'web',
    rules: [
      {
        kind: 'category_off',
        name: 'Parts 15%',
        categoryId: 'parts',
        percent: 15,
        amountCents: null,
        ...always,
      },
    ],
    lines: [
      { product: 'cpu', quantity: 1 },
      { product: 'cable', quantity: 3 },
    ],
    expect: { totalCents: 28_259, totalKhr: 1_158_600, discounts: [['Parts 15%', 4_988]] },
  },
  {
    name: 'cart discounts on the subtotal after line prices: the largest one only',
    channel: 'pos',
    rules: [
      { kind: 'sale_price', name: 'GPU week', productId: 'gpu', salePriceCents: 49_999, ...always },
      {
        kind: 'cart_discount',
        name: 'Spend $500, save $20',
        minTotalCents: 50_000,
        productIds: [],
        percent: null,
        amountCents: 2_000,
        ...always,
      },
      {
        kind: 'cart_discount',
        name: 'Big cart 5%',
        minTotalCents: 50_000,
        productIds: [],
        percent: 5,
        amountCents: null,
        ...always,
      },
    ],
    lines: [
      { product: 'gpu', quantity: 1 },
      { product: 'cable', quantity: 1 },
    ],
    expect: {
      totalCents: 47_878,
      totalKhr: 1_963_000,
      discounts: [
        ['GPU week', 5_000],
        ['Big cart 5%', 2_520],
      ],
    },
  },
  {
    name: "a cart rule's minimum is judged after line prices",
    channel: 'web',
    rules: [
      { kind: 'sale_price', name: 'GPU week', productId: 'gpu', salePriceCents: 49_999, ...always },
      {
        kind: 'cart_discount',
        name: 'Spend $500, save $20',
        minTotalCents: 50_000,
        productIds: [],
        percent: null,
        amountCents: 2_000,
        ...always,
      },
    ],
    lines: [{ product: 'gpu', quantity: 1 }],
    expect: { totalCents: 49_999, totalKhr: 2_050_000, discounts: [['GPU week', 5_000]] },
  },
  {
    name: 'a free item: one cable free with a GPU',
    channel: 'web',
    rules: [
      {
        kind: 'free_item',
        name: 'Free cable with a GPU',
        minTotalCents: null,
        productIds: ['gpu'],
        freeProductId: 'cable',
        freeQuantity: 1,
        ...always,
      },
    ],
    lines: [
      { product: 'gpu', quantity: 1 },
      { product: 'cable', quantity: 2 },
    ],
    expect: { totalCents: 55_398, totalKhr: 2_271_300, discounts: [['Free cable with a GPU', 399]] },
  },
  {
    name: 'the coupon comes last, on what promotions left',
    channel: 'web',
    rules: [
      { kind: 'brand_off', name: 'AMD 10%', brandId: 'amd', percent: 10, amountCents: null, ...always },
    ],
    coupon: tenPercent('TET10', 'Tet 10%'),
    lines: [{ product: 'cpu', quantity: 1 }],
    expect: {
      totalCents: 25_960,
      totalKhr: 1_064_400,
      discounts: [
        ['AMD 10%', 3_205],
        ['Tet 10%', 2_885],
      ],
      coupon: 'applied',
    },
  },
  {
    name: 'an amount coupon at the counter',
    channel: 'pos',
    rules: [],
    coupon: { ...tenPercent('CABLE5', 'Five dollars off'), percent: null, amountCents: 500 },
    lines: [{ product: 'cable', quantity: 2 }],
    expect: { totalCents: 298, totalKhr: 12_200, discounts: [['Five dollars off', 500]], coupon: 'applied' },
  },
  {
    name: "a coupon's minimum is checked after promotions",
    channel: 'web',
    rules: [
      { kind: 'brand_off', name: 'AMD 10%', brandId: 'amd', percent: 10, amountCents: null, ...always },
    ],
    coupon: tenPercent('BIG300', 'Over $300', { minTotalCents: 30_000 }),
    lines: [{ product: 'cpu', quantity: 1 }],
    expect: { totalCents: 28_845, totalKhr: 1_182_600, discounts: [['AMD 10%', 3_205]], coupon: 'min_total' },
  },
  {
    name: 'a coupon that ended yesterday is refused',
    channel: 'web',
    rules: [],
    coupon: tenPercent('OLD10', 'Old 10%', { startsOn: -10, endsOn: -1 }),
    lines: [{ product: 'cpu', quantity: 1 }],
    expect: { totalCents: 32_050, totalKhr: 1_314_100, discounts: [], coupon: 'expired' },
  },
  {
    name: 'a counter-only coupon is refused online',
    channel: 'web',
    rules: [],
    coupon: tenPercent('SHOP10', 'In the shop 10%', { channels: ['pos'] }),
    lines: [{ product: 'cpu', quantity: 1 }],
    expect: { totalCents: 32_050, totalKhr: 1_314_100, discounts: [], coupon: 'channel' },
  },
  {
    name: 'amounts off per unit, the riel total rounded to 100',
    channel: 'pos',
    rules: [
      {
        kind: 'category_off',
        name: 'Parts 50c off',
        categoryId: 'parts',
        percent: null,
        amountCents: 50,
        ...always,
      },
    ],
    lines: [{ product: 'cable', quantity: 3 }],
    expect: { totalCents: 1_047, totalKhr: 42_900, discounts: [['Parts 50c off', 150]] },
  },
  {
    name: 'a sale that ended yesterday, one that starts tomorrow and a paused one do not apply; one ending today does',
    channel: 'web',
    rules: [
      {
        kind: 'sale_price',
        name: 'Ended',
        productId: 'gpu',
        salePriceCents: 40_000,
        startsOn: -5,
        endsOn: -1,
      },
      {
        kind: 'sale_price',
        name: 'Coming',
        productId: 'gpu',
        salePriceCents: 41_000,
        startsOn: 1,
        endsOn: null,
      },
      {
        kind: 'sale_price',
        name: 'Paused',
        productId: 'gpu',
        salePriceCents: 42_000,
        ...always,
        paused: true,
      },
      {
        kind: 'sale_price',
        name: 'Last day',
        productId: 'gpu',
        salePriceCents: 49_999,
        startsOn: -3,
        endsOn: 0,
      },
    ],
    lines: [{ product: 'gpu', quantity: 1 }],
    expect: { totalCents: 49_999, totalKhr: 2_050_000, discounts: [['Last day', 5_000]] },
  },
];

/** Turns a case's keys into a runner's ids: products, categories and brands. */
export interface CaseIds {
  product(key: CaseProduct): string;
  category(key: CaseCategory): string;
  brand(key: CaseBrand): string;
}

/** A case's promotion as the back office would write it, with the runner's ids and real shop days. */
export function caseRuleInput(rule: CaseRule, ids: CaseIds, day: (offset: number) => string): PromotionInput {
  const dated = {
    startsOn: rule.startsOn === undefined || rule.startsOn === null ? null : day(rule.startsOn),
    endsOn: rule.endsOn === undefined || rule.endsOn === null ? null : day(rule.endsOn),
  };
  const products = (keys: readonly string[]) => keys.map((p) => ids.product(p as CaseProduct));
  switch (rule.kind) {
    case 'sale_price':
      return { ...rule, ...dated, productId: ids.product(rule.productId as CaseProduct) };
    case 'category_off':
      return { ...rule, ...dated, categoryId: ids.category(rule.categoryId as CaseCategory) };
    case 'brand_off':
      return { ...rule, ...dated, brandId: ids.brand(rule.brandId as CaseBrand) };
    case 'free_item':
      return {
        ...rule,
        ...dated,
        productIds: products(rule.productIds),
        freeProductId: ids.product(rule.freeProductId as CaseProduct),
      };
    case 'cart_discount':
    case 'free_delivery':
      return { ...rule, ...dated, productIds: products(rule.productIds) };
  }
}
