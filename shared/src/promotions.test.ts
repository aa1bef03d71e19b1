import { describe, expect, it } from 'vitest';
import {
  caseCatalog,
  caseRielPerUsd,
  caseRuleInput,
  pricingCases,
  type CaseCategory,
  type CaseIds,
  type CaseProduct,
  type PricingCase,
} from './promotion-cases';
import {
  addShopDays,
  couponInputSchema,
  normalizeCouponCode,
  priceCart,
  promotionInputSchema,
  shopDayOf,
  shopDayStart,
  type CartLineInput,
  type CouponAttempt,
  type CouponRule,
  type PriceCartInput,
  type PromotionRule,
} from './promotions';

/** The keys are the ids here. */
const ids: CaseIds = { product: (k) => k, category: (k) => k, brand: (k) => k };

function categoryIds(key: CaseCategory): string[] {
  const chain: string[] = [];
  let at: CaseCategory | null = key;
  while (at) {
    chain.push(at);
    at = caseCatalog.categories[at].parent;
  }
  return chain;
}

function line(product: CaseProduct, quantity: number): CartLineInput {
  const p = caseCatalog.products[product];
  return {
    productId: product,
    quantity,
    priceCents: p.priceCents,
    categoryIds: categoryIds(p.category),
    brandId: p.brand,
  };
}

// 10:00 at the shop on 15 January 2027.
const NOW = shopDayStart('2027-01-15') + 10 * 3_600_000;
const today = shopDayOf(NOW);
const day = (offset: number) => addShopDays(today, offset);

function couponOf(c: NonNullable<PricingCase['coupon']>): CouponRule {
  return {
    id: `coupon-${c.code}`,
    code: normalizeCouponCode(c.code),
    name: c.name,
    percent: c.percent,
    amountCents: c.amountCents,
    minTotalCents: c.minTotalCents,
    maxUses: null,
    maxUsesPerCustomer: null,
    channels: c.channels,
    startsOn: c.startsOn == null ? null : day(c.startsOn),
    endsOn: c.endsOn == null ? null : day(c.endsOn),
    paused: false,
  };
}

function inputOf(c: PricingCase): PriceCartInput {
  const rules: PromotionRule[] = c.rules.map((rule, i) => ({
    ...caseRuleInput(rule, ids, day),
    id: `rule-${i}`,
    paused: rule.paused ?? false,
  }));
  return {
    lines: c.lines.map((l) => line(l.product, l.quantity)),
    rules,
    coupon: c.coupon ? { code: c.coupon.code, rule: couponOf(c.coupon), uses: 0, customerUses: 0 } : null,
    channel: c.channel,
    now: NOW,
    rielPerUsd: caseRielPerUsd,
    knownCustomer: true,
  };
}

describe('priceCart on the table of cases (the server runs the same table through checkout and a counter push)', () => {
  it.each(pricingCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // The case's rules are what the back office would accept.
    for (const rule of inputOf(c).rules) expect(promotionInputSchema.safeParse(rule).success).toBe(true);
    const priced = priceCart(inputOf(c));
    expect(priced.totalCents).toBe(c.expect.totalCents);
    expect(priced.totalKhr).toBe(c.expect.totalKhr);
    expect(priced.discounts.map((d) => [d.name, d.amountCents])).toEqual(c.expect.discounts);
    const coupon = priced.coupon;
    expect(coupon && (coupon.status === 'applied' ? 'applied' : coupon.reason)).toBe(c.expect.coupon ?? null);
    // The parts always add up.
    expect(priced.originalSubtotalCents - priced.lineDiscountCents).toBe(priced.subtotalCents);
    expect(priced.subtotalCents - priced.orderDiscountCents + priced.deliveryFeeCents).toBe(
      priced.totalCents,
    );
    expect(priced.discounts.reduce((sum, d) => sum + d.amountCents, 0)).toBe(priced.savingsCents);
  });
});

describe('lines', () => {
  it('strikes the catalog price through and names the promotion per line', () => {
    const c = pricingCases[1]!;
    const [gpu] = priceCart(inputOf(c)).lines;
    expect(gpu).toMatchObject({
      originalUnitCents: 54_999,
      unitPriceCents: 49_999,
      lineDiscountCents: 10_000,
      totalCents: 99_998,
      promotion: { name: 'GPU week', kind: 'sale_price' },
    });
  });

  it('never prices a unit below zero nor above the catalog', () => {
    const rules: PromotionRule[] = [
      {
        id: 'a',
        kind: 'brand_off',
        name: 'Huge',
        brandId: 'amd',
        percent: null,
        amountCents: 99_999,
        startsOn: null,
        endsOn: null,
        paused: false,
      },
      {
        id: 'b',
        kind: 'sale_price',
        name: 'Up',
        productId: 'gpu',
        salePriceCents: 60_000,
        startsOn: null,
        endsOn: null,
        paused: false,
      },
    ];
    const priced = priceCart({ ...base(), rules, lines: [line('cable', 1), line('gpu', 1)] });
    expect(priced.lines.map((l) => l.unitPriceCents)).toEqual([0, 54_999]);
    expect(priced.lines[1]!.promotion).toBeNull();
  });
});

function base(): PriceCartInput {
  return { lines: [], rules: [], channel: 'web', now: NOW, rielPerUsd: caseRielPerUsd, knownCustomer: true };
}

describe("expiry at the shop's midnight (Asia/Phnom_Penh, UTC+7)", () => {
  const sale: PromotionRule = {
    id: 's',
    kind: 'sale_price',
    name: 'Ends 15 Jan',
    productId: 'gpu',
    salePriceCents: 49_999,
    startsOn: '2027-01-14',
    endsOn: '2027-01-15',
    paused: false,
  };
  const at = (now: number) =>
    priceCart({ ...base(), now, rules: [sale], lines: [line('gpu', 1)] }).totalCents;
  const midnight = shopDayStart('2027-01-16');

  it('applies until the last millisecond of its last shop day', () => {
    expect(midnight).toBe(Date.UTC(2027, 0, 15, 17, 0, 0));
    expect(at(midnight - 1)).toBe(49_999);
    expect(at(midnight)).toBe(54_999);
  });

  it('starts at the midnight that begins its first shop day, not at UTC midnight', () => {
    const start = shopDayStart('2027-01-14');
    expect(at(start - 1)).toBe(54_999);
    expect(at(start)).toBe(49_999);
    expect(shopDayOf(Date.UTC(2027, 0, 13, 20, 0, 0))).toBe('2027-01-14'); // 03:00 at the shop
  });
});

describe('coupon limits', () => {
  const coupon: CouponRule = {
    id: 'c',
    code: 'TEN',
    name: 'Ten off',
    percent: null,
    amountCents: 1_000,
    minTotalCents: null,
    maxUses: 10,
    maxUsesPerCustomer: 1,
    channels: ['web'],
    startsOn: null,
    endsOn: null,
    paused: false,
  };
  const reason = (attempt: Partial<CouponAttempt>, input: Partial<PriceCartInput> = {}) => {
    const result = priceCart({
      ...base(),
      lines: [line('cpu', 1)],
      coupon: { code: 'ten', rule: coupon, uses: 0, customerUses: 0, ...attempt },
      ...input,
    }).coupon!;
    return result.status === 'applied' ? `applied ${result.amountCents}` : result.reason;
  };

  it('applies while uses are left, in any case of the code', () => {
    expect(reason({ uses: 9 })).toBe('applied 1000');
  });
  it('refuses once every use is taken', () => expect(reason({ uses: 10 })).toBe('used_up'));
  it("refuses a customer's use past their limit", () =>
    expect(reason({ customerUses: 1 })).toBe('customer_used_up'));
  it('needs a known customer when it has a per-customer limit', () =>
    expect(reason({}, { knownCustomer: false })).toBe('customer_required'));
  it('refuses an unknown code, a paused coupon, another channel', () => {
    expect(reason({ rule: null })).toBe('unknown');
    expect(reason({ rule: { ...coupon, paused: true } })).toBe('paused');
    expect(reason({}, { channel: 'pos' })).toBe('channel');
    expect(reason({ rule: { ...coupon, startsOn: '2027-01-16' } })).toBe('not_started');
  });
  it('takes at most what is left', () => {
    expect(reason({}, { lines: [line('cable', 1)] })).toBe('applied 399');
  });
});

describe('delivery', () => {
  const rate = { feeCents: 200, freeFromCents: 10_000 };
  it('charges the rate below its free-from total, judged on the goods after discounts', () => {
    const rules: PromotionRule[] = [
      {
        id: 'b',
        kind: 'brand_off',
        name: 'AMD half',
        brandId: 'amd',
        percent: 90,
        amountCents: null,
        startsOn: null,
        endsOn: null,
        paused: false,
      },
    ];
    const priced = priceCart({ ...base(), rules, delivery: rate, lines: [line('cpu', 1)] });
    expect(priced.goodsCents).toBe(3_205);
    expect(priced.deliveryFeeCents).toBe(200);
    expect(priced.totalCents).toBe(3_405);
    expect(priceCart({ ...base(), delivery: rate, lines: [line('cpu', 1)] }).deliveryFeeCents).toBe(0);
  });
  it('is free under a free-delivery rule whose condition holds', () => {
    const rules: PromotionRule[] = [
      {
        id: 'f',
        kind: 'free_delivery',
        name: 'Free delivery with a GPU',
        minTotalCents: null,
        productIds: ['gpu'],
        startsOn: null,
        endsOn: null,
        paused: false,
      },
    ];
    const cable = priceCart({ ...base(), rules, delivery: rate, lines: [line('cable', 1)] });
    expect([cable.deliveryFree, cable.deliveryFeeCents]).toEqual([false, 200]);
    const gpu = priceCart({ ...base(), rules, delivery: rate, lines: [line('gpu', 1), line('cable', 1)] });
    expect([gpu.deliveryFree, gpu.deliveryFeeCents]).toEqual([true, 0]);
  });
});

describe('the back office input', () => {
  it('asks for exactly one of percent and amount, and an end after the start', () => {
    const brand = { kind: 'brand_off', name: 'X', brandId: 'b', startsOn: null, endsOn: null };
    expect(promotionInputSchema.safeParse({ ...brand, percent: 10, amountCents: 100 }).success).toBe(false);
    expect(promotionInputSchema.safeParse({ ...brand, percent: null, amountCents: null }).success).toBe(
      false,
    );
    expect(promotionInputSchema.safeParse({ ...brand, percent: 10, amountCents: null }).success).toBe(true);
    expect(
      promotionInputSchema.safeParse({
        ...brand,
        percent: 10,
        amountCents: null,
        startsOn: '2027-02-01',
        endsOn: '2027-01-31',
      }).success,
    ).toBe(false);
    const coupon = {
      code: 'tet-2027',
      name: 'Tet',
      percent: 5,
      amountCents: null,
      minTotalCents: null,
      maxUses: 10,
      maxUsesPerCustomer: 1,
      channels: ['web'],
      startsOn: null,
      endsOn: null,
    };
    expect(couponInputSchema.safeParse(coupon).success).toBe(true);
    expect(couponInputSchema.safeParse({ ...coupon, code: 'bad code' }).success).toBe(false);
    expect(normalizeCouponCode(' tet-2027 ')).toBe('TET-2027');
  });
});
